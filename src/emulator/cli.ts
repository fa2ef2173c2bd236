/**
 * `shopgraph emulator`: runs the TikTok Shop + Marketing API emulator until SIGINT/SIGTERM and
 * prints what a client needs to talk to it (URL, app key, auth code, ads token, shops).
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { EmulatorLogger } from './log';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from './server';

/** The secret printed at start only when it is this public demo value. */
const DEMO_APP_SECRET = 'demo-app-secret';

/** Usage text of `shopgraph emulator`. */
export const EMULATOR_USAGE = `Usage: shopgraph emulator [options]
  --port N              port to listen on, 0 for any free port (default 4100)
  --host H              interface to bind (default 127.0.0.1)
  --seed S              dataset seed; same seed, same data (default shopgraph)
  --shops N             number of shops (default 3)
  --days D              days of history (default 30)
  --orders-per-day N    orders per shop and day (default 20)
  --fixtures DIR        serve recorded data instead of generated data: a fixture directory, or
                        recorded TikTok answers with a manifest (e.g. test/contract/recorded/us-local)
  --product-search-cap N  results a product search reaches before 12052180 (default TikTok's 10000;
                        a test knob for small catalogues)
  --no-unknown-enums    generated data without the few statuses TikTok does not document
                        (by default some orders and returns carry them, as TikTok may one day)
  --app-key K           Partner app key (default demo-app-key)
  --app-secret S        Partner app secret (default demo-app-secret)
  --auth-code C         single-use auth code the token host accepts (default demo)
  --ads-token T         Marketing API access token (default demo-ads-token)
  --token-ttl SECONDS   Partner access token lifetime (default 604800)
  --live                advance the data every 5 s and send webhooks
  --webhook-url URL     POST every live change there as a signed TikTok webhook
  --log-level L         fatal, error, warn, info, debug, trace or silent (default info)
  --help                show this text`;

/** pino's levels. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** {@link EmulatorOptions} plus what only the command line decides. */
export type EmulatorCliOptions = EmulatorOptions & { logLevel?: string };

/**
 * The emulator's own JSON log lines (pino, like ShopGraph's, but created here: the emulator
 * imports nothing from the product). Nothing it logs is secret; the few keys that could be are
 * censored anyway.
 */
export function createEmulatorLogger(level = 'info', destination?: pino.DestinationStream): EmulatorLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'shopgraph-emulator' },
    redact: { paths: ['appSecret', 'app_secret', 'access_token', 'refresh_token', 'sign', 'authorization'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Where the CLI writes and what stops it; tests replace both. */
export interface CliIo {
  out(line: string): void;
  /** Aborting stops the emulator (the real CLI stops on SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

/**
 * Parses `shopgraph emulator` flags into {@link EmulatorOptions}.
 * @throws Error naming the flag when a value is missing or invalid, or the flag is unknown
 */
export function parseEmulatorArgs(argv: string[]): EmulatorCliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        shops: { type: 'string' },
        days: { type: 'string' },
        'orders-per-day': { type: 'string' },
        fixtures: { type: 'string' },
        'product-search-cap': { type: 'string' },
        'no-unknown-enums': { type: 'boolean' },
        'app-key': { type: 'string' },
        'app-secret': { type: 'string' },
        'auth-code': { type: 'string' },
        'ads-token': { type: 'string' },
        'token-ttl': { type: 'string' },
        live: { type: 'boolean' },
        'webhook-url': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new Error(`emulator: ${(error as Error).message}\n${EMULATOR_USAGE}`);
  }
  if (values.help) return 'help';
  return {
    port: integer(values.port, '--port', 0, 65535),
    host: nonEmpty(values.host, '--host'),
    seed: nonEmpty(values.seed, '--seed'),
    shops: integer(values.shops, '--shops', 1, 50),
    days: integer(values.days, '--days', 1, 400),
    ordersPerDay: integer(values['orders-per-day'], '--orders-per-day', 1, 10_000),
    fixtures: nonEmpty(values.fixtures, '--fixtures'),
    productSearchCap: integer(values['product-search-cap'], '--product-search-cap', 1, 10_000),
    unknownEnums: values['no-unknown-enums'] ? false : undefined,
    appKey: nonEmpty(values['app-key'], '--app-key'),
    appSecret: nonEmpty(values['app-secret'], '--app-secret'),
    authCode: nonEmpty(values['auth-code'], '--auth-code'),
    adsToken: nonEmpty(values['ads-token'], '--ads-token'),
    tokenTtlSeconds: integer(values['token-ttl'], '--token-ttl', 1, 10 * 365 * 86_400),
    live: values.live ?? false,
    webhookUrl: url(values['webhook-url'], '--webhook-url'),
    logLevel: oneOf(values['log-level'], '--log-level', LOG_LEVELS),
  };
}

/**
 * Runs the emulator CLI: starts it, prints the banner, and resolves once it has stopped on
 * SIGINT/SIGTERM (or when `io.signal` aborts).
 */
export async function runEmulatorCli(argv: string[], io: CliIo = { out: (line) => process.stdout.write(`${line}\n`) }): Promise<void> {
  const options = parseEmulatorArgs(argv);
  if (options === 'help') {
    io.out(EMULATOR_USAGE);
    return;
  }
  const { logLevel, ...settings } = options;
  const emulator = await startEmulator({ ...settings, logger: createEmulatorLogger(logLevel) });
  banner(emulator, io);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    if (io.signal?.aborted) return stop();
    io.signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.close();
  io.out('TikTok emulator stopped.');
}

function banner(emulator: EmulatorHandle, io: CliIo): void {
  const { url, tokens, store } = emulator;
  io.out(`TikTok emulator listening on ${url}`);
  io.out(`  token host, Partner API and Marketing API (/open_api/v1.3/) all on ${url}`);
  io.out(`  app key:    ${tokens.appKey}`);
  // A real secret never reaches a terminal or a CI log; the demo one is public anyway.
  if (tokens.appSecret === DEMO_APP_SECRET) io.out(`  app secret: ${tokens.appSecret}`);
  io.out(`  auth code:  ${tokens.authCode}   (single use; POST ${url}/__emulator/auth-codes mints another)`);
  io.out(`  ads token:  ${tokens.adsToken}`);
  io.out('  shops:');
  for (const shop of store.shops()) {
    io.out(`    ${shop.id}  ${shop.name}  ${shop.region} ${shop.currency} ${shop.timezone}  cipher ${shop.cipher}`);
  }
  io.out(`  control: GET ${url}/__emulator/stats, POST ${url}/__emulator/faults`);
}

function integer(raw: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) throw new Error(`emulator: ${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

function oneOf(raw: string | undefined, flag: string, allowed: readonly string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw)) throw new Error(`emulator: ${flag} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}

function nonEmpty(raw: string | undefined, flag: string): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '') throw new Error(`emulator: ${flag} must not be empty`);
  return raw;
}

function url(raw: string | undefined, flag: string): string | undefined {
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new Error(`emulator: ${flag} must be an http(s) URL, got "${raw}"`);
  }
  return raw;
}
