/**
 * The emulator's logging needs, as a structural type: a pino logger satisfies it, and so does the
 * silent default. The emulator depends on no particular logger.
 */

/** A structured log method: fields first, then the message. */
export type LogMethod = (fields: object, message?: string) => void;

/** What the emulator logs through. */
export interface EmulatorLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

const ignore: LogMethod = () => undefined;

/** Logs nothing (the default). */
export const silentLogger: EmulatorLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
