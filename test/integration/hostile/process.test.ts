import { once } from 'node:events';
import { startChildTarget, type ChildTarget } from './child-target';
import { CRASH_CASES } from './findings-crash';
import { DISCLOSURE_CASES } from './findings-disclosure';
import { INPUT_CASES } from './findings-input';
import { healthzLatency, scrape } from './targets';

/**
 * The same hostile cases against the real `shopgraph serve` process (its entry, its process
 * policy, a 256 MB heap, trace-level logs on stdout): it answers every one and is still up,
 * prompt, and without a single fault no code caught. Issue 17's findings 1 and 2 ended such a
 * process (on an unhandled rejection; out of heap).
 */
const CASES = [...CRASH_CASES, ...DISCLOSURE_CASES, ...INPUT_CASES].filter((c) => !c.modes || c.modes.includes('serve'));
let target: ChildTarget;

beforeAll(async () => {
  target = await startChildTarget();
}, 60_000);
afterAll(() => target?.close());

it.each(CASES.map((c) => [`finding ${c.finding}: ${c.name}`, c] as const))('%s, and the process stays up', async (_name, hostile) => {
  await hostile.run(target);
  expect(target.child.exitCode).toBeNull();
  expect(await healthzLatency(target)).toBeLessThan(250);
});

it('saw no unhandled rejection or uncaught exception, and stops cleanly on SIGTERM', async () => {
  const metrics = await scrape(target);
  expect(metrics).toMatch(/shopgraph_process_faults_total\{kind="unhandled_rejection"\} 0/);
  expect(metrics).toMatch(/shopgraph_process_faults_total\{kind="uncaught_exception"\} 0/);
  const exit = once(target.child, 'exit');
  target.child.kill('SIGTERM');
  expect(await exit).toEqual([0, null]);
});
