/**
 * Demo mode's upstream: the built-in TikTok emulator, run as a separate process. ShopGraph never
 * imports the emulator (it is an independent witness of TikTok's behaviour, and lint keeps the two
 * apart); it forks the compiled emulator's child entry, found by file path at run time, and waits
 * for its `ready` message carrying the URL and credentials. The emulator process exits when
 * ShopGraph closes it or goes away. Tests running from TypeScript sources inject their own
 * {@link EmulatorLauncher} instead (see `ServerExtras`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What ShopGraph knows about the emulator it serves in demo mode. */
export interface EmulatorInfo {
  /** Base URL of every emulated host, e.g. `http://127.0.0.1:40123`. */
  url: string;
}

/** A running demo emulator: where it is, the credentials it accepts, and how to stop it. */
export interface DemoEmulator extends EmulatorInfo {
  appKey: string;
  appSecret: string;
  authCode: string;
  adsToken: string;
  close(): Promise<void>;
}

/** The demo dataset and the emulator's log level. */
export interface DemoEmulatorSettings {
  seed?: string;
  shops?: number;
  days?: number;
  ordersPerDay?: number;
  logLevel?: string;
  /** Advance the data every 5 s and send webhooks to the addresses shops subscribe (`--live`). */
  live?: boolean;
}

/** Starts an emulator for demo mode. */
export type EmulatorLauncher = (settings: DemoEmulatorSettings) => Promise<DemoEmulator>;

/** The compiled child entry beside the compiled product: `dist/emulator/child.js`. */
export const EMULATOR_CHILD_ENTRY = join(__dirname, '..', 'emulator', 'child.js');

/** How long the emulator may take to generate its data and listen. */
const READY_TIMEOUT_MS = 120_000;
/** How long a closing emulator may take before it is killed. */
const CLOSE_TIMEOUT_MS = 10_000;

type ChildMessage = { type: 'ready'; url: string; appKey: string; appSecret: string; authCode: string; adsToken: string } | { type: 'failed'; message: string };

function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && 'type' in value && (value.type === 'ready' || value.type === 'failed');
}

/** The flags of `shopgraph emulator` for these settings. */
export function emulatorArgs(settings: DemoEmulatorSettings): string[] {
  const args = ['--port', '0', '--host', '127.0.0.1'];
  const add = (flag: string, value: string | number | undefined): void => {
    if (value !== undefined) args.push(flag, String(value));
  };
  add('--seed', settings.seed);
  add('--shops', settings.shops);
  add('--days', settings.days);
  add('--orders-per-day', settings.ordersPerDay);
  add('--log-level', settings.logLevel);
  if (settings.live) args.push('--live');
  return args;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * A launcher that forks `entry` (by default the compiled emulator next to the compiled product).
 * `execArgv` goes to the child's node (tests use it to load TypeScript).
 */
export function emulatorProcess(options: { entry?: string; execArgv?: string[] } = {}): EmulatorLauncher {
  const entry = options.entry ?? EMULATOR_CHILD_ENTRY;
  return (settings) => {
    if (!existsSync(entry)) {
      return Promise.reject(new Error(`demo mode needs the built emulator at ${entry}: run \`npm run build\` (or configure TikTok credentials)`));
    }
    const child = fork(entry, emulatorArgs(settings), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: options.execArgv ?? [] });
    return new Promise<DemoEmulator>((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer);
        child.removeAllListeners('message');
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`the demo emulator did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      child.once('error', (error) => fail(error));
      child.once('exit', (code, signal) => fail(new Error(`the demo emulator exited before it was ready (${signal ?? `code ${code}`})`)));
      child.on('message', (message: unknown) => {
        if (!isChildMessage(message)) return;
        if (message.type === 'failed') return fail(new Error(`the demo emulator failed to start: ${message.message}`));
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        // An IPC error after start (the child died) must not crash ShopGraph: closing copes with it.
        child.on('error', () => undefined);
        const { url, appKey, appSecret, authCode, adsToken } = message;
        resolve({ url, appKey, appSecret, authCode, adsToken, close: () => closeChild(child) });
      });
    });
  };
}

async function closeChild(child: ChildProcess): Promise<void> {
  const done = exited(child);
  try {
    if (child.connected) child.send({ type: 'close' });
    else child.kill('SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  const killer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
  await done;
  clearTimeout(killer);
}
