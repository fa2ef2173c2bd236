import { CRASH_CASES } from './findings-crash';
import { DISCLOSURE_CASES } from './findings-disclosure';
import { INPUT_CASES } from './findings-input';
import { healthzLatency, scrape, startTarget, type Target } from './targets';

/**
 * The hostile-input suite (issue 17): every finding replayed against `shopgraph serve` and
 * `shopgraph gateway`, both in production mode. After each case the listener must still answer
 * `/healthz` promptly (monotonic clock), and no promise may have been left to reject unhandled —
 * in this process that is also what `npm test` would fail on. Add cases to the `findings-*.ts`
 * tables.
 */
const CASES = [...CRASH_CASES, ...DISCLOSURE_CASES, ...INPUT_CASES];
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

beforeAll(() => process.on('unhandledRejection', record));
afterAll(() => process.off('unhandledRejection', record));

describe.each(['serve', 'gateway'] as const)('shopgraph %s under hostile input', (mode) => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget(mode);
  });
  afterAll(() => target?.close());

  afterEach(async () => {
    // One turn of the event loop: a rejection left behind by the case is reported by then.
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled.map(String)).toEqual([]);
    expect(await healthzLatency(target)).toBeLessThan(250);
    expect(await scrape(target)).toMatch(/shopgraph_process_faults_total\{kind="unhandled_rejection"\} 0/);
  });

  it.each(CASES.filter((c) => !c.modes || c.modes.includes(mode)).map((c) => [`finding ${c.finding}: ${c.name}`, c] as const))('%s', async (_name, hostile) => {
    await hostile.run(target);
  });
});
