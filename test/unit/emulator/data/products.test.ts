import { Decimal } from 'decimal.js';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorStore, ResultWindowExceeded, type PartnerProductSummary } from '../../../../src/emulator/data/store';
import { demoStore, NOW } from './demo-store';

/** Every page of a product search, following next_page_token. */
function walk(store: EmulatorStore, shopId: string, pageSize: number, version?: '202309' | '202502'): PartnerProductSummary[] {
  const out: PartnerProductSummary[] = [];
  let pageToken: string | undefined;
  do {
    const page = store.searchProducts(shopId, {}, { pageSize, pageToken, version });
    out.push(...page.items);
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return out;
}

describe('products by seller type (Search Products, Get Product)', () => {
  const store = demoStore();
  const [us, gb, id] = store.shops();

  it('the default three shops hold both seller types: US and ID local, GB cross-border (GCP_ cipher)', () => {
    expect([us!.seller_type, gb!.seller_type, id!.seller_type]).toEqual(['LOCAL', 'CROSS_BORDER', 'LOCAL']);
    expect(gb!.cipher.startsWith('GCP_')).toBe(true);
  });

  it('local seller: search rows carry tax_exclusive_price (the display price) and no sale_price; detail has sale_price', () => {
    const rows = walk(store, us!.id, 50);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const detail = store.getProduct(us!.id, row.id)!;
      for (const [i, sku] of (row.skus ?? []).entries()) {
        expect(Object.keys(sku.price ?? {}).sort()).toEqual(['currency', 'tax_exclusive_price']);
        expect(sku.price?.tax_exclusive_price).toBe(detail.skus[i]!.price.sale_price);
        expect(detail.skus[i]!.price.sale_price).toMatch(/^\d+\.\d{2}$/);
      }
    }
  });

  it('cross-border seller: search and detail carry sale_price (VAT included) and the pre-tax price (UK VAT 20 %)', () => {
    for (const row of walk(store, gb!.id, 50)) {
      for (const sku of row.skus ?? []) {
        const sale = new Decimal(sku.price!.sale_price!);
        expect(sku.price!.tax_exclusive_price).toBe(sale.div('1.2').toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
      }
      expect(store.getProduct(gb!.id, row.id)!.skus[0]!.price.sale_price).toBe(row.skus![0]!.price!.sale_price);
    }
  });

  it('Indonesia: two Tokopedia-only products come without status, matched by ALL but not by ACTIVATE', () => {
    const all = walk(store, id!.id, 50);
    const statusless = all.filter((p) => p.status === undefined);
    expect(statusless).toHaveLength(2);
    expect(statusless.every((p) => !('status' in p) && p.integrated_platform_statuses?.[0]?.platform === 'TOKOPEDIA')).toBe(true);
    const active = store.searchProducts(id!.id, { status: 'ACTIVATE' }, { pageSize: 100 }).items.map((p) => p.id);
    expect(statusless.some((p) => active.includes(p.id))).toBe(false);
    expect(store.searchProducts(id!.id, { status: 'ALL' }, { pageSize: 100 }).total_count).toBe(all.length);
    const detail = store.getProduct(id!.id, statusless[0]!.id)!;
    expect('status' in detail).toBe(false);
    // Other shops have a status on every product.
    expect(walk(store, us!.id, 50).every((p) => p.status !== undefined)).toBe(true);
  });

  it('202309 rows lack what 202502 added (integrated_platform_statuses here)', () => {
    const rows = walk(store, id!.id, 50, '202309');
    expect(rows.some((p) => 'integrated_platform_statuses' in p)).toBe(false);
    expect(rows.map((p) => p.id)).toEqual(walk(store, id!.id, 50, '202502').map((p) => p.id));
  });

  it('a deleted product: listed only with status DELETED; Get Product finds it deleted, an unknown id unknown', () => {
    const deleted = store.searchProducts(us!.id, { status: 'DELETED' }, { pageSize: 10 }).items;
    expect(deleted).toHaveLength(1);
    expect(walk(store, us!.id, 50).some((p) => p.id === deleted[0]!.id)).toBe(false);
    expect(store.findProduct(us!.id, deleted[0]!.id)).toEqual({ missing: 'deleted' });
    expect(store.findProduct(us!.id, '1729000000000000000')).toEqual({ missing: 'unknown' });
    expect(store.getProduct(us!.id, deleted[0]!.id)).toBeUndefined();
  });

  it('filters by seller SKU and (202502) SKU id', () => {
    const row = walk(store, us!.id, 50)[3]!;
    const sku = row.skus![0]!;
    expect(store.searchProducts(us!.id, { seller_skus: [sku.seller_sku!] }, { pageSize: 10 }).items.map((p) => p.id)).toEqual([row.id]);
    expect(store.searchProducts(us!.id, { sku_ids: [sku.id!] }, { pageSize: 10 }).items.map((p) => p.id)).toEqual([row.id]);
  });
});

describe('the product search window', () => {
  it('with a cap of 5 (test knob): pages up to the 5th result are served, the page that would pass it throws', () => {
    const store = EmulatorStore.generate({ seed: 'cap', shops: 1, days: 1, ordersPerDay: 1, now: NOW }, { productSearchCap: 5 });
    const shop = store.shops()[0]!;
    const first = store.searchProducts(shop.id, {}, { pageSize: 2 });
    // The first page is served with the whole total, past the cap.
    expect(first.total_count).toBe(13);
    const second = store.searchProducts(shop.id, {}, { pageSize: 2, pageToken: first.next_page_token });
    expect(second.items).toHaveLength(2);
    expect(() => store.searchProducts(shop.id, {}, { pageSize: 2, pageToken: second.next_page_token })).toThrow(ResultWindowExceeded);
    // A narrower update_time range below the cap walks to its end: how a client splits.
    const times = store
      .raw(shop.id)
      .products.filter((p) => p.status !== 'DELETED')
      .map((p) => p.update_time)
      .sort((a, b) => a - b);
    const cut = times[3]!;
    const p1 = store.searchProducts(shop.id, { update_time_le: cut }, { pageSize: 2 });
    const p2 = store.searchProducts(shop.id, { update_time_le: cut }, { pageSize: 2, pageToken: p1.next_page_token });
    expect(p1.total_count).toBe(times.filter((t) => t <= cut).length);
    expect(p1.total_count).toBeLessThanOrEqual(5);
    expect([...p1.items, ...p2.items]).toHaveLength(p1.total_count);
  });

  it("at TikTok's default, 10,000 results: 100 pages of 100 are served, the 101st answers past the cap", async () => {
    const dir = await fixtureWithProducts(10_001);
    const store = await EmulatorStore.fromFixtures(dir, NOW);
    let pageToken: string | undefined;
    let served = 0;
    for (let page = 0; page < 100; page++) {
      const answer = store.searchProducts('1', {}, { pageSize: 100, pageToken });
      served += answer.items.length;
      pageToken = answer.next_page_token;
    }
    expect(served).toBe(10_000);
    expect(pageToken).not.toBe('');
    expect(() => store.searchProducts('1', {}, { pageSize: 100, pageToken })).toThrow(ResultWindowExceeded);
  });

  it('exactly 10,000 results walk to the end', async () => {
    const store = await EmulatorStore.fromFixtures(await fixtureWithProducts(10_000), NOW);
    let pageToken: string | undefined;
    let served = 0;
    do {
      const answer = store.searchProducts('1', {}, { pageSize: 100, pageToken });
      served += answer.items.length;
      pageToken = answer.next_page_token || undefined;
    } while (pageToken);
    expect(served).toBe(10_000);
  });
});

async function fixtureWithProducts(count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-cap-'));
  await mkdir(join(dir, 'shops', '1'), { recursive: true });
  await writeFile(
    join(dir, 'shops.json'),
    JSON.stringify({ shops: [{ id: '1', name: 'Big', region: 'US', seller_type: 'LOCAL', cipher: 'TTP_big', code: 'US1' }] }),
  );
  const products = Array.from({ length: count }, (_, i) => ({
    id: String(1729000000000000000n + BigInt(i)),
    title: `P${i}`,
    status: 'ACTIVATE',
    create_time: 1700000000 + i,
    update_time: 1700000000 + i,
    skus: [{ id: String(1730000000000000000n + BigInt(i)), seller_sku: `S${i}`, price: { currency: 'USD', sale_price: '1.00' } }],
  }));
  await writeFile(join(dir, 'shops', '1', 'products.json'), JSON.stringify({ products }));
  return dir;
}
