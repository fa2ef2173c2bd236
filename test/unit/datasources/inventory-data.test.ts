/** Inventory through the cache: batches of ≤100 products, one call per batch, invalidation, bad ids, stale copies. */
import { CachedFetcher } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { InventoryData, type InventoryReader } from '../../../src/datasources/inventory-data';
import { createInventoryLoader } from '../../../src/datasources/inventory-loader';
import type { PartnerInventory } from '../../../src/datasources/partner/product-schemas';
import { UpstreamError } from '../../../src/upstream/upstream-error';

const SHOP = { id: '7', cipher: 'C7' };
const row = (id: string): PartnerInventory => ({
  product_id: id,
  skus: [{ id: `${id}-s`, seller_sku: '', total_available_quantity: Number(id) % 7, warehouse_inventory: [] }],
  rejected: [],
});

function setup(answer: (ids: string[]) => PartnerInventory[] | Error) {
  let now = 1_000_000;
  const calls: string[][] = [];
  const reader: InventoryReader = {
    searchInventory: async (_shop, { product_ids }) => {
      calls.push(product_ids);
      const result = answer(product_ids);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  const fetcher = new CachedFetcher(new MemoryCacheStore(1000), { now: () => now });
  const data = new InventoryData(fetcher, { appKey: 'app', ttlMs: 30_000, staleIfErrorMs: 60_000, partnerFor: () => reader });
  return {
    data,
    calls,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(100 + i));

describe('InventoryData', () => {
  it('asks for at most 100 products a call, then answers from the cache until invalidated', async () => {
    const { data, calls } = setup((asked) => asked.map(row));
    const found = await data.ofProducts(SHOP, ids(250));
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(found.get('105')).toMatchObject({ inventory: row('105'), stale: false });
    await data.ofProducts(SHOP, ids(250));
    expect(calls).toHaveLength(3);
    await data.invalidate('7', ['105']);
    await data.ofProducts(SHOP, ids(250));
    expect(calls.at(-1)).toEqual(['105']);
  });

  it('a product TikTok does not answer for has no stock; one invalid id (12019008) costs only itself', async () => {
    const bad = new UpstreamError('bad_request', 'Product id is invalid', { api: 'partner', code: 12019008 });
    const { data } = setup((asked) => (asked.includes('103') ? bad : asked.filter((id) => id !== '101').map(row)));
    const found = await data.ofProducts(SHOP, ids(5));
    expect(found.get('101')).toMatchObject({ inventory: null });
    expect(found.get('103')).toMatchObject({ inventory: null });
    expect(found.get('104')).toMatchObject({ inventory: row('104') });
  });

  it('serves a stale copy when TikTok fails past the TTL, and the error when it has none', async () => {
    let fail = false;
    const down = new UpstreamError('unavailable', 'down', { api: 'partner', code: 36009003 });
    const { data, advance } = setup((asked) => (fail ? down : asked.map(row)));
    await data.ofProducts(SHOP, ['100']);
    fail = true;
    advance(31_000);
    const found = await data.ofProducts(SHOP, ['100', '999']);
    expect(found.get('100')).toMatchObject({ inventory: row('100'), stale: true });
    expect(found.get('999')).toBe(down);
  });

  it("the request loader batches every SKU's product of a request into one call", async () => {
    const { data, calls } = setup((asked) => asked.map(row));
    const loader = createInventoryLoader(data, async (id) =>
      id === '7' ? { ...SHOP, name: 'S', code: null, region: 'US', sellerType: 'LOCAL' as const, currency: 'USD', timezone: 'UTC' } : null,
    );
    const answers = await Promise.all([...ids(3), '100'].map((id) => loader.product.load({ shopId: '7', id })));
    expect(calls).toEqual([['100', '101', '102']]);
    expect(answers.map((a) => a?.inventory?.product_id)).toEqual(['100', '101', '102', '100']);
    await expect(loader.product.load({ shopId: '8', id: '1' })).resolves.toBeNull();
  });
});
