/**
 * Issue 19: unit costs read back from Redis are checked, not cast. A record ShopGraph did not
 * write in that shape fails the read with an error naming the key and field — never a cost with
 * an undefined amount, never a skipped entry, never "Redis is unreachable".
 */
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { UnitCostStore } from '../../../src/domain/finance-costs';
import { RedisUnitCosts } from '../../../src/store/redis-unit-costs';
import { StoredRecordCorruptError } from '../../../src/store/stored-record-corrupt';
import { StoreUnavailableError } from '../../../src/store/store-unavailable';
import { describeWithRedis, useRedis } from '../../helpers/redis';

const shop = { id: '7494000000000000001', currency: 'USD' };
const KEY = 'shopgraph:costs:v2:{app:7494000000000000001}';

describeWithRedis('unit costs read back from Redis', () => {
  const shared = useRedis();

  beforeEach(async () => {
    const link = await shared.connect();
    await link.run((c) => c.del(KEY));
  });

  const seeded = async (fields: Record<string, string>) => {
    const link = await shared.connect();
    const costs = new UnitCostStore(new RedisUnitCosts(link, 'app'), { config: {} });
    await costs.add(shop, [{ skuId: '7', amount: '2.50', from: '2026-01-01' }], '2026-01-01');
    if (Object.keys(fields).length > 0) await link.run((c) => c.hSet(KEY, fields));
    return costs;
  };

  it('reads back what it wrote', async () => {
    const costs = await seeded({});
    expect((await costs.book(shop)).history(['7'])).toEqual([
      { skuId: '7', from: '2026-01-01', amount: '2.50', currency: 'USD', setAt: expect.any(Number), source: 'API' },
    ]);
  });

  it.each([
    ['a value that is not JSON', { 'e:8:2026-01-02': 'not json' }, /field e:8:2026-01-02 is corrupt: not JSON/],
    [
      'an amount that is not a decimal string',
      { 'e:8:2026-01-02': JSON.stringify({ amount: 2.5, currency: 'USD', setAt: 1 }) },
      /field e:8:2026-01-02 is corrupt: amount: /,
    ],
    ['a value without its currency', { 'e:8:2026-01-02': JSON.stringify({ amount: '2.50', setAt: 1 }) }, /field e:8:2026-01-02 is corrupt: currency: /],
    [
      'a field this layout never writes',
      { 'e:8:tomorrow': JSON.stringify({ amount: '2.50', currency: 'USD', setAt: 1 }) },
      /field "e:8:tomorrow" is corrupt: not a field of a unit-cost hash/,
    ],
    ['a last day that is not a day', { 'last:7': 'soon' }, /field last:7 is corrupt/],
  ])('fails the read on %s, naming the key and field', async (_what, fields, message) => {
    const costs = await seeded(fields);
    const error = await costs.book(shop).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredRecordCorruptError);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(KEY);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a corrupt book of an earlier version instead of importing part of it', async () => {
    const link = await shared.connect();
    const legacy = new MemoryCacheStore();
    await legacy.set(
      'v1:app:shop:7494000000000000001:unit-costs',
      { value: { entries: [{ skuId: '7', from: '2026-01-01', amount: '1', currency: 'USD' }] }, storedAt: 0, freshUntil: Date.now() + 60_000 },
      60_000,
    );
    const costs = new UnitCostStore(new RedisUnitCosts(link, 'app', legacy), { config: {} });
    await expect(costs.book(shop)).rejects.toThrow(
      /v1:app:shop:7494000000000000001:unit-costs \(unit costs of an earlier version\) is corrupt: entries\.0\.setAt/,
    );
    expect(await link.run((c) => c.exists(KEY))).toBe(0);
  });
});
