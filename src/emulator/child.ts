/**
 * The emulator as a child process: how ShopGraph's demo mode runs it without importing it.
 * ShopGraph forks this file (compiled) with `shopgraph emulator` flags and an IPC channel; once
 * listening, the emulator sends a {@link ChildMessage} `ready` with its URL and the credentials a
 * client needs. It stops when the parent sends `close` or goes away (IPC disconnect), so it never
 * outlives ShopGraph. SIGINT is left to the parent (a terminal's Ctrl-C reaches both): the parent
 * closes the emulator as part of its own shutdown.
 */
import { createEmulatorLogger, parseEmulatorArgs } from './cli';
import { startEmulator } from './server';

/** What the emulator process tells its parent. */
export type ChildMessage =
  { type: 'ready'; url: string; appKey: string; appSecret: string; authCode: string; adsToken: string } | { type: 'failed'; message: string };

/** What the parent tells the emulator process. */
export interface ParentMessage {
  type: 'close';
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function run(): Promise<void> {
  if (!process.send) {
    process.stderr.write('emulator child: start it with child_process.fork (it needs an IPC channel); for a terminal use `shopgraph emulator`\n');
    process.exit(2);
  }
  const options = parseEmulatorArgs(process.argv.slice(2));
  if (options === 'help') throw new Error('emulator child: --help is for `shopgraph emulator`');
  const { logLevel, ...settings } = options;
  // Listen before starting: a parent that goes away meanwhile still ends this process (until the
  // emulator listens there is nothing to close).
  const running: { close?: () => Promise<void> } = {};
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void (running.close?.() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.on('disconnect', stop);
  process.on('message', (message: ParentMessage) => {
    if (message?.type === 'close') stop();
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined);
  const emulator = await startEmulator({ ...settings, logger: createEmulatorLogger(logLevel) });
  running.close = () => emulator.close();
  send({ type: 'ready', url: emulator.url, ...emulator.tokens });
}

run().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
