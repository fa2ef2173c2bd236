import type { EmuShop } from '../../../src/emulator/data/store';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, type PartnerRequest, type TestClock } from './helpers';

interface Sku {
  id: string;
  seller_sku: string;
  price: Record<string, string>;
}
interface Row {
  id: string;
  status?: string;
  skus: Sku[];
  [key: string]: unknown;
}
interface SearchData {
  products: Row[];
  next_page_token: string;
  total_count: number;
}

describe('emulator over HTTP: products (Search Products 202502 and 202309, Get Product)', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let us: EmuShop;
  let gb: EmuShop;

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator());
    token = await accessToken(emu);
    [us, gb] = emu.store.shops() as [EmuShop, EmuShop];
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    clock.ms += 1000;
  });

  const call = <T>(shop: EmuShop, req: PartnerRequest) => partner<T>(emu, clock, { token, cipher: shop.cipher, ...req });
  const search = (shop: EmuShop, version: string, body: object, query: Record<string, string> = { page_size: '50' }) =>
    call<SearchData>(shop, { path: `/product/${version}/products/search`, query, body: JSON.stringify(body) });

  it("serves 202502 and 202309; a local seller's rows have no sale_price, a cross-border seller's have both prices", async () => {
    const local = await search(us, '202502', {});
    expect([local.status, local.body.code]).toEqual([200, 0]);
    const prices = local.body.data.products.flatMap((p) => p.skus.map((s) => Object.keys(s.price).sort().join(',')));
    expect(new Set(prices)).toEqual(new Set(['currency,tax_exclusive_price']));
    const global = await search(gb, '202309', {});
    expect(global.body.code).toBe(0);
    const globalPrices = global.body.data.products.flatMap((p) => p.skus.map((s) => Object.keys(s.price).sort().join(',')));
    expect(new Set(globalPrices)).toEqual(new Set(['currency,sale_price,tax_exclusive_price']));
    // Get Product: sale_price for every seller.
    const id = local.body.data.products[0]!.id;
    const detail = await call<{ id: string; skus: Sku[] }>(us, { path: `/product/202309/products/${id}` });
    expect(detail.body.data.skus[0]!.price.sale_price).toBe(local.body.data.products[0]!.skus[0]!.price.tax_exclusive_price);
  });

  it('refuses more than 10 seller_skus (12019027) and, at 202502, more than 10 sku_ids (12019087)', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `SKU-${i}`);
    const skus = await search(us, '202502', { seller_skus: eleven });
    expect([skus.status, skus.body.code, skus.body.data]).toEqual([200, 12019027, null]);
    const ids = await search(us, '202502', { sku_ids: eleven.map((_, i) => String(1729000000000000000n + BigInt(i))) });
    expect(ids.body.code).toBe(12019087);
    expect((await search(us, '202502', { seller_skus: eleven.slice(0, 10) })).body.code).toBe(0);
  });

  it('Get Product: deleted → 12052032, unknown → 12052260, not an id → 12019150 (HTTP 200, data null)', async () => {
    const deleted = (await search(us, '202502', { status: 'DELETED' })).body.data.products[0]!.id;
    const answers = await Promise.all([deleted, '1729999999999999999', 'abc'].map((id) => call(us, { path: `/product/202309/products/${id}` })));
    expect(answers.map((a) => [a.status, a.body.code, a.body.data])).toEqual([
      [200, 12052032, null],
      [200, 12052260, null],
      [200, 12019150, null],
    ]);
    expect(answers[0]!.body.message).toBe('The product does not exist');
  });
});

describe('emulator over HTTP: the product search cap (lowered to 5 with the productSearchCap test knob)', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator({ shops: 1, productSearchCap: 5 }));
    token = await accessToken(emu);
  });
  afterAll(() => emu.close());

  it('answers the pages before the cap (first page with the whole total), then 12052180 for the page past it', async () => {
    const shop = emu.store.shops()[0]!;
    const page = (pageToken?: string) => {
      clock.ms += 1000;
      return partner<SearchData>(emu, clock, {
        token,
        cipher: shop.cipher,
        path: '/product/202502/products/search',
        body: '{}',
        query: { page_size: '2', ...(pageToken ? { page_token: pageToken } : {}) },
      });
    };
    const first = await page();
    expect([first.body.code, first.body.data.products.length, first.body.data.total_count]).toEqual([0, 2, 13]);
    const second = await page(first.body.data.next_page_token);
    expect([second.body.code, second.body.data.products.length]).toEqual([0, 2]);
    const third = await page(second.body.data.next_page_token);
    expect([third.status, third.body.code, third.body.message, third.body.data]).toEqual([
      200,
      12052180,
      'The total number of search results can not exceed 10000.',
      null,
    ]);
  });
});
