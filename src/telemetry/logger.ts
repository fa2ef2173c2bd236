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

/** Options for {@link createLogger}. */
export interface LoggerSettings {
  /** @default 'info' */
  level?: string;
  /** Where lines go; tests pass a stream to capture them. @default stdout */
  destination?: pino.DestinationStream;
}

/** A structured JSON logger with secret redaction. */
export function createLogger({ level = 'info', destination }: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'shopgraph' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing (library default). */
export const silentLogger: Logger = pino({ level: 'silent' });
