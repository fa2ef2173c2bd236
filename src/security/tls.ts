import { readFileSync } from 'node:fs';

/**
 * The PEM key and certificate named by `TLS_KEY_FILE` and `TLS_CERT_FILE`; undefined when neither
 * is set (plain HTTP, e.g. behind a TLS-terminating proxy).
 * @throws Error naming the setting that is missing or unreadable
 */
export function readTlsFiles(env: { TLS_CERT_FILE?: string; TLS_KEY_FILE?: string }): { key: Buffer; cert: Buffer } | undefined {
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } = env;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error(`${certFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'}: required when the other TLS file is set`);
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`${name}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  return { cert: read('TLS_CERT_FILE', certFile), key: read('TLS_KEY_FILE', keyFile) };
}
