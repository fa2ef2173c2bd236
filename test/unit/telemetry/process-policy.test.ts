import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { installProcessPolicy, processFaultCounts } from '../../../src/telemetry/process-policy';
import { createLogger } from '../../../src/telemetry/logger';
import { Telemetry } from '../../../src/telemetry/metrics';

/** The last-resort policy of `shopgraph serve` / `gateway` (issue 17, finding 1), on a stand-in process. */
function setup() {
  let text = '';
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _e, done) {
        text += chunk.toString();
        done();
      },
    }),
  });
  const target = new EventEmitter();
  const exits: number[] = [];
  let closes = 0;
  let finishClose: () => void = () => undefined;
  const uninstall = installProcessPolicy({
    logger,
    target,
    exit: (code) => exits.push(code),
    shutdown: () => {
      closes += 1;
      return new Promise<void>((resolve) => (finishClose = resolve));
    },
  });
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return {
    target,
    exits,
    closes: () => closes,
    finishClose: () => finishClose(),
    uninstall,
    flush,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const KEY = 'sg_live_0123456789abcdef0123456789';

describe('process policy', () => {
  it('logs an unhandled rejection (redacted), counts it, and keeps serving', async () => {
    const p = setup();
    const before = processFaultCounts().unhandled_rejection;
    const reason = Object.assign(new Error('lookup failed'), { rawPacket: Buffer.from(`authorization: Bearer ${KEY}`), authorization: `Bearer ${KEY}` });
    p.target.emit('unhandledRejection', reason, Promise.resolve());
    await p.flush();
    expect(processFaultCounts().unhandled_rejection).toBe(before + 1);
    expect(p.exits).toEqual([]);
    expect(p.closes()).toBe(0);
    const line = p.lines().find((l) => l.msg === 'unhandled promise rejection; still serving');
    expect(line).toMatchObject({ level: 50, fault: 'unhandled_rejection' });
    expect(JSON.stringify(p.lines())).not.toContain(KEY);
    expect(JSON.stringify(p.lines())).not.toContain(String([...Buffer.from(KEY)].slice(0, 8)));
    p.uninstall();
  });

  it('shuts down gracefully and exits non-zero after an uncaught exception, once', async () => {
    const p = setup();
    const before = processFaultCounts().uncaught_exception;
    p.target.emit('uncaughtException', new Error('state unknown'));
    p.target.emit('uncaughtException', new Error('again while closing'));
    await p.flush();
    expect(p.closes()).toBe(1);
    expect(p.exits).toEqual([]);
    p.finishClose();
    await p.flush();
    expect(p.exits).toEqual([1]);
    expect(processFaultCounts().uncaught_exception).toBe(before + 2);
    expect(
      p
        .lines()
        .filter((l) => l.level === 60)
        .map((l) => l.msg),
    ).toEqual(['uncaught exception; shutting down', 'uncaught exception; shutting down']);
    p.uninstall();
  });

  it('counts both on /metrics', async () => {
    const p = setup();
    p.target.emit('unhandledRejection', 'a plain string reason', Promise.resolve());
    const scrape = (await new Telemetry({ processMetrics: false }).scrape()).body;
    expect(scrape).toMatch(new RegExp(`shopgraph_process_faults_total\\{kind="unhandled_rejection"\\} ${processFaultCounts().unhandled_rejection}`));
    expect(scrape).toMatch(/shopgraph_process_faults_total\{kind="uncaught_exception"\} \d+/);
    p.uninstall();
  });

  it('leaves the process as it found it once uninstalled', () => {
    const target = new EventEmitter();
    const uninstall = installProcessPolicy({ logger: createLogger({ level: 'silent' }), target, exit: () => undefined, shutdown: async () => undefined });
    expect(target.listenerCount('unhandledRejection')).toBe(1);
    expect(target.listenerCount('uncaughtException')).toBe(1);
    uninstall();
    expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
  });
});
