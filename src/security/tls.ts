import { readFileSync } from 'node:fs';

/**
 * The PEM key and certificate named by the config file's `tls.keyFile` and `tls.certFile`;
 * undefined when neither is set (plain HTTP, e.g. behind a TLS-terminating proxy).
 * @throws Error naming the setting that is missing or unreadable
 */
export function readTlsFiles(tls: { certFile?: string; keyFile?: string } = {}): { key: Buffer; cert: Buffer } | undefined {
  const { certFile, keyFile } = tls;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error(`${certFile ? 'tls.keyFile' : 'tls.certFile'}: required when the other TLS file is set`);
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`${name}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  return { cert: read('tls.certFile', certFile), key: read('tls.keyFile', keyFile) };
}
