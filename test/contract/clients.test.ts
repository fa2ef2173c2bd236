/**
 * Contract: every recorded TikTok response under `recorded/` (real shapes per endpoint and kind of
 * seller, see recorded/README.md) is served byte for byte from a loopback stand-in, and the real
 * client reads it through its whole path (transport, envelope, schemas, error mapping): successes
 * parse without a row set aside, recorded errors map to what they mean. A few facts each scenario
 * exists for are checked by hand below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MarketingClient } from '../../src/datasources/marketing/marketing-client';
import type { PartnerClient } from '../../src/datasources/partner/partner-client';
import { UpstreamError } from '../../src/upstream/upstream-error';
import { harness } from '../unit/datasources/partner/harness';
import { startStub as startMarketingStub } from '../unit/datasources/marketing/stub-upstream';

interface Entry {
  file: string;
  scenario: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  expect: string;
}

const DIR = join(__dirname, 'recorded');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Entry[];
const text = (file: string): string => readFileSync(join(DIR, file), 'utf8');
const SHOP = { id: '7494726673780148801', cipher: 'ROW_contract' };
const RANGE = { start_date_ge: '2026-11-09', end_date_lt: '2026-11-16' };

/** The client call that reads an endpoint, by its path with the version and ids taken out. */
function partnerCall(client: PartnerClient, entry: Entry): Promise<unknown> {
  const path = entry.path.replace(/\/\d{6}\//, '/V/');
  const id = /\/(\d+)(\/statement_transactions)?$/.exec(entry.path)?.[1] ?? '';
  const calls: [RegExp, () => Promise<unknown>][] = [
    [/^\/authorization\/V\/shops$/, () => client.getAuthorizedShops()],
    [/^\/order\/V\/orders\/search$/, () => client.searchOrders(SHOP, { pageSize: 100 })],
    [/^\/order\/V\/orders$/, () => client.getOrders(SHOP, (entry.query?.ids ?? '1').split(','))],
    [/^\/product\/V\/products\/search$/, () => client.searchProducts(SHOP, { pageSize: 100 })],
    [/^\/product\/V\/products\/\d+$/, () => client.getProduct(SHOP, id)],
    [/^\/product\/V\/inventory\/search$/, () => client.searchInventory(SHOP, { product_ids: ['1'] })],
    [/^\/return_refund\/V\/returns\/search$/, () => client.searchReturns(SHOP, { pageSize: 50 })],
    [/^\/return_refund\/V\/cancellations\/search$/, () => client.searchCancellations(SHOP, { pageSize: 50 })],
    [/^\/finance\/V\/statements$/, () => client.getStatements(SHOP, { pageSize: 100 })],
    [/^\/finance\/V\/payments$/, () => client.getPayments(SHOP, { pageSize: 100 })],
    [/^\/finance\/V\/orders\/\d+\/statement_transactions$/, () => client.getOrderStatementTransactions(SHOP, id)],
    [/^\/analytics\/V\/shop\/performance$/, () => client.getShopPerformance(SHOP, { ...RANGE, granularity: entry.query?.granularity === '1D' ? '1D' : 'ALL' })],
    [/^\/analytics\/V\/shop_products\/performance$/, () => client.getProductPerformance(SHOP, { pageSize: 100, filters: RANGE })],
    [/^\/analytics\/V\/shop_skus\/performance$/, () => client.getSkuPerformance(SHOP, { pageSize: 100, filters: RANGE })],
    [/^\/analytics\/V\/shop_videos\/performance$/, () => client.getVideoPerformance(SHOP, { pageSize: 100, filters: RANGE })],
    [/^\/analytics\/V\/shop_lives\/performance$/, () => client.getLivePerformance(SHOP, { pageSize: 100, filters: RANGE })],
  ];
  const found = calls.find(([pattern]) => pattern.test(path));
  if (!found) throw new Error(`no client call for ${entry.method} ${entry.path} (${entry.file})`);
  return found[1]();
}

/** Reads one recorded Partner answer through the client. */
async function readPartner(entry: Entry): Promise<unknown> {
  const h = await harness(() => ({ body: text(entry.file) }));
  try {
    return await partnerCall(h.client, entry);
  } finally {
    await h.stub.close();
  }
}

/** What every TikTok code recorded as an error means to ShopGraph. */
const ERROR_KINDS: Record<string, string> = {
  '21008111': 'not_found',
  '12052032': 'not_found',
  '12052260': 'not_found',
  '12019150': 'not_found',
  '12052180': 'bad_request',
  '40100': 'rate_limited',
};

/** Rows set aside anywhere in a parsed answer. */
function rejectedIn(value: unknown): unknown[] {
  if (!value || typeof value !== 'object') return [];
  const own = (value as { rejected?: unknown[] }).rejected ?? [];
  return Array.isArray(value) ? value.flatMap(rejectedIn) : own;
}

describe('recorded Partner API answers', () => {
  const partner = manifest.filter((e) => !e.path.startsWith('/open_api/'));

  it('covers every Partner file the manifest lists', () => {
    expect(partner.length).toBeGreaterThan(60);
  });

  it.each(partner.filter((e) => e.expect === 'ok').map((e) => [e.file, e] as const))('%s parses whole', async (_file, entry) => {
    const data = await readPartner(entry);
    expect(rejectedIn(data)).toEqual([]);
  });

  it.each(partner.filter((e) => e.expect !== 'ok').map((e) => [e.file, e] as const))('%s maps to what it means', async (_file, entry) => {
    if (entry.expect === '12052180') {
      // The search cap is a plain refusal for one call; walks split the range instead (product-walk tests).
      await expect(readPartner(entry)).rejects.toMatchObject({ details: { code: 12052180 } });
      return;
    }
    const outcome = await readPartner(entry).catch((error: unknown) => error);
    // Not found is an answer, not a failure: a product lookup throws not_found, order detail answers none.
    if (outcome instanceof UpstreamError) expect(outcome).toMatchObject({ kind: ERROR_KINDS[entry.expect], details: { code: Number(entry.expect) } });
    else expect(outcome).toMatchObject({ orders: [] });
  });
});

describe('what the scenarios exist for', () => {
  const entry = (file: string): Entry => manifest.find((e) => e.file === file)!;
  type Order = { id: string; status?: string; is_cod?: boolean; paid_time?: number; payment: { tax?: string } };

  it('vn-local-cod: COD orders without paid_time are read, an unknown status is kept as sent', async () => {
    const { orders } = (await readPartner(entry('vn-local-cod/partner/orders-search.json'))) as { orders: Order[] };
    const cod = orders.filter((o) => o.is_cod);
    expect(cod.length).toBeGreaterThan(3);
    expect(cod.some((o) => o.paid_time === undefined && o.status === 'IN_TRANSIT')).toBe(true);
    expect(orders.find((o) => o.id === '584700000000000007')?.status).toBe('IN_RETURN_TRANSIT');
  });

  it('vn-local-cod: a partial refund keeps its per-line subtotal, and a return without refund_amount is read', async () => {
    type Return = { seller_proposed_return_type?: string; refund_amount?: unknown; return_line_items: { refund_amount?: { refund_subtotal?: string } }[] };
    const { return_orders: returns } = (await readPartner(entry('vn-local-cod/partner/returns-search.json'))) as { return_orders: Return[] };
    const partial = returns.filter((r) => r.seller_proposed_return_type === 'PARTIAL_REFUND');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((r) => r.return_line_items.every((l) => l.refund_amount?.refund_subtotal !== undefined))).toBe(true);
    expect(returns.some((r) => r.refund_amount === undefined)).toBe(true);
  });

  it('vn-local-cod: a product without status is read', async () => {
    const product = (await readPartner(entry('vn-local-cod/partner/product-detail-vp3.json'))) as { status?: string; skus: unknown[] };
    expect(product.status).toBeUndefined();
    expect(product.skus.length).toBeGreaterThan(0);
  });

  it("local sellers' product search has no sale_price; cross-border sellers' has it", async () => {
    type Search = { products: { skus: { price?: { sale_price?: string; tax_exclusive_price?: string } }[] }[] };
    const prices = async (file: string) => ((await readPartner(entry(file))) as Search).products.flatMap((p) => p.skus.map((s) => s.price));
    const local = await prices('us-local/partner/products-search.json');
    expect(local.every((p) => p?.sale_price === undefined && p?.tax_exclusive_price !== undefined)).toBe(true);
    const crossBorder = await prices('cross-border/partner/products-search.json');
    expect(crossBorder.every((p) => p?.sale_price !== undefined)).toBe(true);
  });

  it('statements: no revenue_amount for US and UK; no net sales or shipping cost in SEA', async () => {
    type Statements = { statements: { revenue_amount?: string; net_sales_amount?: string; shipping_cost_amount?: string; settlement_amount?: string }[] };
    const read = async (file: string) => ((await readPartner(entry(file))) as Statements).statements;
    for (const s of [...(await read('us-local/partner/statements.json')), ...(await read('gb-local/partner/statements.json'))]) {
      expect(s.revenue_amount).toBeUndefined();
      expect(s.settlement_amount).toEqual(expect.any(String));
    }
    for (const s of await read('vn-local-cod/partner/statements.json')) {
      expect([s.net_sales_amount, s.shipping_cost_amount]).toEqual([undefined, undefined]);
    }
  });

  it('product and SKU analytics ids sent as JSON numbers above 2^53 keep every digit', async () => {
    const data = (await readPartner(entry('us-local/partner/product-performance.json'))) as { products: { id: string }[] };
    expect(data.products.map((p) => p.id)).toContain('1731000000000000003');
  });
});

describe('recorded Marketing API answers', () => {
  const marketing = manifest.filter((e) => e.path.startsWith('/open_api/'));
  const ADVERTISER = '7302238017842757601';

  async function readMarketing(entry: Entry): Promise<unknown> {
    const stub = await startMarketingStub(() => ({ status: 200, text: text(entry.file) }));
    const client = new MarketingClient({
      baseUrl: stub.baseUrl,
      accessToken: 'contract-token',
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, deadlineMs: 1000 },
    });
    const range = { from: '2026-11-09', to: '2026-11-15' };
    const calls: [RegExp, () => Promise<unknown>][] = [
      [/advertiser\/info\/$/, () => client.getAdvertiserInfo([ADVERTISER])],
      [/\/campaign\/get\/$/, () => client.getCampaigns(ADVERTISER, { includeDeleted: true })],
      [/report\/integrated\/get\/$/, () => client.getDailyReport(ADVERTISER, range)],
      [/gmv_max\/store\/list\/$/, () => client.getGmvMaxStores(ADVERTISER)],
      [/gmv_max\/campaign\/get\/$/, () => client.getGmvMaxCampaigns(ADVERTISER)],
      [/gmv_max\/report\/get\/$/, () => client.getGmvMaxReport(SHOP.id, ADVERTISER, range)],
    ];
    try {
      const found = calls.find(([pattern]) => pattern.test(entry.path));
      if (!found) throw new Error(`no client call for ${entry.path}`);
      return await found[1]();
    } finally {
      await stub.close();
    }
  }

  it.each(marketing.filter((e) => e.expect === 'ok').map((e) => [e.file, e] as const))('%s parses whole', async (_file, entry) => {
    const data = await readMarketing(entry);
    expect(rejectedIn(data)).toEqual([]);
  });

  it.each(marketing.filter((e) => e.expect !== 'ok').map((e) => [e.file, e] as const))('%s maps to what it means', async (_file, entry) => {
    await expect(readMarketing(entry)).rejects.toMatchObject({ kind: ERROR_KINDS[entry.expect], details: { code: Number(entry.expect) } });
  });
});
