/**
 * Property (issue 4): after ANY sequence of order changes in the emulator, synced incrementally
 * (delta syncs, webhook refreshes), every metric of a window equals a full recomputation from
 * the emulator's ground truth.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { combineAggregates } from '../../../src/metrics/day-aggregate';
import { computeShopMetrics } from '../../../src/metrics/definitions';
import { localDate, type DateWindow } from '../../../src/domain/window';
import { startLedgerStack, type LedgerStack } from './ledger-stack';

type Step = { kind: 'tick'; seconds: number; webhooks: boolean } | { kind: 'live' } | { kind: 'query'; window: WindowName };
type WindowName = 'recent' | 'earlier' | 'wide';

const HOUR = 3600;

describe('the order ledger against the emulator', () => {
  let stack: LedgerStack;

  beforeAll(async () => {
    stack = await startLedgerStack({ days: 12, ordersPerDay: 12 }, { maxStalenessMs: 0, concurrency: 4 });
  });
  afterAll(() => stack.close());

  /** A window relative to the emulator's current day. */
  function windowOf(name: WindowName): DateWindow {
    const today = DateTime.fromISO(localDate(stack.emulator.store.now(), stack.shop.timezone));
    const day = (n: number) => today.plus({ days: n }).toISODate()!;
    switch (name) {
      case 'recent':
        return { from: day(-6), to: day(0) };
      case 'earlier':
        return { from: day(-11), to: day(-8) };
      case 'wide':
        return { from: day(-20), to: day(1) };
    }
  }

  async function expectExact(name: WindowName): Promise<void> {
    const window = windowOf(name);
    const { days } = await stack.ledger.window(stack.shop, window);
    const truth = stack.truth(window);
    expect(days).toEqual(truth);
    const metrics = (d: typeof days) =>
      computeShopMetrics({ orders: combineAggregates(d.values(), stack.shop.currency), adRows: [], currency: stack.shop.currency });
    expect(metrics(days)).toEqual(metrics(truth));
  }

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('tick' as const), seconds: fc.integer({ min: 60, max: 72 * HOUR }), webhooks: fc.boolean() }),
    fc.constant({ kind: 'live' as const }),
    fc.record({ kind: fc.constant('query' as const), window: fc.constantFrom<WindowName>('recent', 'earlier', 'wide') }),
  );

  it('every metric equals a recomputation from ground truth after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'tick') {
            const changes = stack.emulator.store.tick(stack.emulator.store.now() + s.seconds);
            if (s.webhooks)
              await stack.ledger.refreshOrders(
                stack.shop,
                changes.map((c) => c.data.order_id),
              );
          } else if (s.kind === 'live') {
            stack.emulator.tick();
          } else {
            await expectExact(s.window);
          }
        }
        await expectExact('recent');
        await expectExact('wide');
      }),
      { numRuns: 15 },
    );
  });
});
