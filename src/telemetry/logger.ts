import { types } from 'node:util';
import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino censors wherever they appear in a log object. Secrets never reach a log line even
 * when a caller passes a whole request or config object by mistake.
 */
export const REDACTED_PATHS = [
  'appSecret',
  'app_secret',
  'secret',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'token',
  'sign',
  'apiKey',
  'authorization',
  'password',
  '*.appSecret',
  '*.app_secret',
  '*.secret',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.token',
  '*.sign',
  '*.apiKey',
  '*.authorization',
  'headers["x-tts-access-token"]',
  'headers["access-token"]',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
];

/** How deep {@link scrubBytes} looks into a log line (error causes and request parts are shallow). */
const SCRUB_DEPTH = 6;

function isBytes(value: object): number | undefined {
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  // A buffer already turned into JSON (`{ type: 'Buffer', data: [...] }`), e.g. by a serializer.
  const json = value as { type?: unknown; data?: unknown };
  if (json.type === 'Buffer' && Array.isArray(json.data)) return json.data.length;
  return undefined;
}

/**
 * Replaces raw bytes anywhere in a log object with `[N bytes]`. Raw request bytes carry whatever
 * the request carried (an `authorization` header, as a list of decimal byte values that no
 * name-based redaction or grep for the key finds): node's parser errors hold them as
 * `err.rawPacket`, and fastify logs those errors at `trace` (issue 17, finding 6). Returns the
 * same object when nothing changed, so ordinary lines cost one walk and no copy.
 */
export function scrubBytes<T>(value: T, depth = SCRUB_DEPTH): T {
  if (typeof value !== 'object' || value === null || depth === 0) return value;
  const bytes = isBytes(value);
  if (bytes !== undefined) return `[${bytes} bytes]` as T;
  // An error anywhere is copied out (message, stack, own fields) and scrubbed: its own fields are
  // where node's parser puts the raw bytes.
  if (isError(value)) return serializeError(value, depth - 1) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v: unknown) => {
      const s = scrubBytes(v, depth - 1);
      changed ||= s !== v;
      return s;
    });
    return (changed ? out : value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    const s = scrubBytes(v, depth - 1);
    if (s !== v) (out ??= { ...(value as Record<string, unknown>) })[key] = s;
  }
  return (out ?? value) as T;
}

/** An error of any realm (node's own parser errors are not `instanceof` a sandbox's `Error`). */
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

/** pino's error serializer, then every byte payload in what it copied (`rawPacket`, causes) scrubbed. */
function serializeError(err: unknown, depth = SCRUB_DEPTH): unknown {
  if (!isError(err)) return scrubBytes(err, depth);
  if (depth <= 0) return `[${err.name}]`;
  const plain = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const cause = (err as { cause?: unknown }).cause;
  return scrubBytes({ ...plain, ...(isError(cause) ? { cause: serializeError(cause, depth - 1) } : {}) }, depth);
}

/** Options for {@link createLogger}. */
export interface LoggerSettings {
  /** @default 'info' */
  level?: string;
  /** Where lines go; tests pass a stream to capture them. @default stdout */
  destination?: pino.DestinationStream;
}

/** A structured JSON logger with secret redaction, by name and of raw bytes, at every level. */
export function createLogger({ level = 'info', destination }: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'shopgraph' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    formatters: { log: (object) => scrubBytes(object) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing (library default). */
export const silentLogger: Logger = pino({ level: 'silent' });
