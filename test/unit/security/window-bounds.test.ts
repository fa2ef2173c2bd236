import { GraphQLError, parse } from 'graphql';
import { checkRange } from '../../../src/resolvers/map-metric';
import { assertValidWindow, assertWindowExists, EARLIEST_DATE, InvalidWindowError, validateWindow } from '../../../src/domain/window';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import { requestedCost } from '../../../src/security/cost';
import { rangeProblem } from '../../../web/src/date-range';
import type { KvStore } from '../../../src/store/kv-store';
import type { ShopInfo } from '../../../src/datasources/shop-directory';
import { OrderLedger } from '../../../src/metrics/ledger/order-ledger';
import type { LedgerSource } from '../../../src/metrics/ledger/ledger-source';

/**
 * Issue 17, finding 2: a one-day window in year 1 made the ledger fill every day back to year 1.
 * Windows are bounded to what can exist — not before TikTok Shop, not after tomorrow — at the
 * door (the resolvers' `checkRange`, the cost model, the dashboard) and again where the ledger
 * is asked (`validateWindow`, which every ledger entry point asserts).
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const farFuture = isoDay(Date.now() + 3 * DAY);
const HOSTILE = [
  ['year 1', { from: '0001-01-01', to: '0001-01-01' }],
  ['the day before the floor', { from: '2019-12-31', to: '2019-12-31' }],
  ['three days ahead', { from: farFuture, to: farFuture }],
  ['year 9999', { from: '9999-12-31', to: '9999-12-31' }],
] as const;

function refusal(range: { from: string; to: string }): GraphQLError {
  try {
    checkRange(range);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error(`checkRange accepted ${JSON.stringify(range)}`);
}

describe('metric windows are bounded to what can exist', () => {
  it('has a floor before which TikTok Shop had no data', () => {
    expect(EARLIEST_DATE).toBe('2020-01-01');
  });

  it.each(HOSTILE)('refuses %s at the door with BAD_USER_INPUT naming range', (_name, range) => {
    const error = refusal(range);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'range' });
    expect(error.message).toMatch(/^range: window\.(from|to) \(\d{4}-\d{2}-\d{2}\) is (before|after) /);
  });

  it('accepts the floor itself and today', () => {
    expect(checkRange({ from: EARLIEST_DATE, to: '2020-12-31' })).toEqual({ from: EARLIEST_DATE, to: '2020-12-31' });
    const today = isoDay(Date.now());
    expect(checkRange({ from: today, to: today })).toEqual({ from: today, to: today });
  });

  // Inside, clocks may be a test's or the emulator's: the bound there is a finite span, a year
  // past tomorrow at most, not tomorrow itself.
  const twoYearsAhead = isoDay(Date.now() + 730 * DAY);
  it.each([...HOSTILE.filter(([name]) => name !== 'three days ahead'), ['two years ahead', { from: twoYearsAhead, to: twoYearsAhead }] as const])(
    'refuses %s again where the ledger is asked (defence in depth)',
    (_name, range) => {
      expect(validateWindow(range)).toMatchObject({ code: 'OUT_OF_RANGE' });
      expect(() => assertValidWindow(range)).toThrow(InvalidWindowError);
    },
  );

  it('keeps an internal caller from making the order ledger fill year 1: refused before the store or TikTok is touched', async () => {
    let touched = 0;
    const untouchable = <T extends object>() =>
      new Proxy({} as T, {
        get: () => {
          touched += 1;
          throw new Error('touched');
        },
      });
    const ledger = new OrderLedger(untouchable<KvStore>(), untouchable<LedgerSource>(), { namespace: 'app' });
    const shop = { id: '1', timezone: 'UTC', currency: 'USD' } as ShopInfo;
    await expect(ledger.window(shop, { from: '0001-01-01', to: '0001-01-01' })).rejects.toThrow(InvalidWindowError);
    await expect(ledger.window(shop, { from: '9999-12-31', to: '9999-12-31' })).rejects.toThrow(InvalidWindowError);
    expect(touched).toBe(0);
  });

  it("refuses a window ending after tomorrow in the shop's own zone", () => {
    const now = Date.parse('2026-03-01T03:00:00Z'); // still 28 February in Los Angeles
    expect(() => assertWindowExists({ from: '2026-02-28', to: '2026-03-01' }, 'America/Los_Angeles', now)).not.toThrow();
    expect(() => assertWindowExists({ from: '2026-02-28', to: '2026-03-02' }, 'America/Los_Angeles', now)).toThrow(
      /after tomorrow \(2026-03-01 in America\/Los_Angeles\)/,
    );
    expect(() => assertWindowExists({ from: '2026-03-01', to: '2026-03-02' }, 'Asia/Jakarta', now)).not.toThrow();
  });

  it.each(HOSTILE)('prices %s at nothing, so the caller gets the range error (not a cost refusal)', (_name, range) => {
    const schema = buildShopGraphSchema();
    const query = `{ shop(id: "1") { metrics(range: {from: "${range.from}", to: "${range.to}"}) { gmv { value } } } }`;
    expect(requestedCost({ schema, document: parse(query), variables: {}, shopCount: 1 })).toBe(1);
  });

  it.each(HOSTILE)('keeps the dashboard from asking for %s through a crafted link', (_name, range) => {
    expect(rangeProblem(range)).toMatch(/before 2020-01-01|after tomorrow/);
  });
});
