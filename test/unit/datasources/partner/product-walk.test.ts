/**
 * Product search stops at 10,000 results (12052180): a walk over a bigger catalogue splits it by
 * update_time ranges. A fake search plays TikTok over a catalogue of products one second apart,
 * with a cap of 10 so the walk is small; the last test runs the client against a stub with the
 * real cap.
 */
import type { ProductSearchFilters } from '../../../../src/datasources/partner/partner-requests';
import { partnerProductSummary, type ProductSearchData } from '../../../../src/datasources/partner/product-schemas';
import { productSearchPage } from '../../../../src/datasources/partner/product-walk';
import { UpstreamError } from '../../../../src/upstream/upstream-error';
import { NOW_S, SHOP } from './fixtures';
import { harness, type Harness } from './harness';
import { ok } from './stub-server';

const CAP = 10;
const NOW = 1000;

/** TikTok's search over `size` products updated one per second from `first`, pages of 4. */
function catalogue(size: number, first: number, options: { sendTotal?: boolean } = {}) {
  const products = Array.from({ length: size }, (_, i) => ({ id: String(100 + i), update_time: first + i }));
  const calls: ProductSearchFilters[] = [];
  const search = async (filters: ProductSearchFilters, token: string | undefined): Promise<ProductSearchData> => {
    calls.push(filters);
    const matching = products.filter((p) => p.update_time >= (filters.update_time_ge ?? 0) && p.update_time <= (filters.update_time_le ?? Infinity));
    const offset = Number(token ?? '0');
    if (matching.length > CAP && offset + 4 > CAP) throw new UpstreamError('bad_request', 'TikTok 12052180', { api: 'partner', code: 12052180 });
    const rows = matching.slice(offset, offset + 4).map((p) => partnerProductSummary.parse({ id: p.id, update_time: p.update_time }));
    const next = offset + 4 < matching.length ? String(offset + 4) : '';
    return { products: rows, rejected: [], next_page_token: next, total_count: options.sendTotal === false ? undefined : matching.length };
  };
  return { search, calls };
}

async function walk(search: ReturnType<typeof catalogue>['search'], filters: ProductSearchFilters = {}): Promise<string[]> {
  const ids: string[] = [];
  let token = '';
  do {
    const page = await productSearchPage(search, filters, token, () => NOW, CAP);
    ids.push(...page.products.map((p) => p.id));
    token = page.next_page_token;
  } while (token);
  return ids;
}

describe('product search past the result cap', () => {
  it('lists a small catalogue whole, without splitting', async () => {
    const { search, calls } = catalogue(9, 500);
    expect(await walk(search)).toHaveLength(9);
    expect(calls.every((f) => f.update_time_ge === undefined)).toBe(true);
  });

  it('splits a catalogue TikTok counts above the cap by update_time before listing any of it, each product once', async () => {
    const { search, calls } = catalogue(37, 900);
    const ids = await walk(search);
    expect(ids).toHaveLength(37);
    expect(new Set(ids).size).toBe(37);
    expect(calls[0]).toEqual({});
    expect(calls[1]).toEqual({ update_time_ge: 0, update_time_le: 500 });
    expect(calls[2]).toEqual({ update_time_ge: 501, update_time_le: NOW });
  });

  it('splits on the cap error itself when TikTok gives no total, and still lists every product', async () => {
    const { search } = catalogue(23, 900, { sendTotal: false });
    expect(new Set(await walk(search)).size).toBe(23);
  });

  it('keeps its own filters and bounds inside each range', async () => {
    const { search, calls } = catalogue(30, 600);
    await walk(search, { status: 'ACTIVATE', update_time_ge: 550, update_time_le: 700 });
    expect(calls.every((f) => f.status === 'ACTIVATE' && (f.update_time_ge ?? 0) >= 550 && (f.update_time_le ?? Infinity) <= 700)).toBe(true);
  });

  it('fails clearly when more products than the cap share one update_time second', async () => {
    const search = async (): Promise<ProductSearchData> => ({ products: [], rejected: [], next_page_token: '', total_count: CAP + 1 });
    await expect(productSearchPage(search, { update_time_ge: 5, update_time_le: 5 }, '', () => NOW, CAP)).rejects.toMatchObject({
      kind: 'bad_request',
      details: { code: 12052180 },
    });
  });
});

describe('PartnerClient.walkProducts', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stub.close();
  });

  it('asks TikTok again by update_time halves when its count is past 10,000, with its own page tokens', async () => {
    h = await harness((request) => {
      const filters = JSON.parse(request.body) as { update_time_ge?: number };
      if (filters.update_time_ge === undefined) return ok({ products: [{ id: '1' }], next_page_token: 'T', total_count: 10_001 });
      return ok({ products: [{ id: String(filters.update_time_ge) }], next_page_token: '', total_count: 1 });
    });
    const first = await h.client.walkProducts(SHOP, { pageSize: 100 }, '');
    expect(first.products.map((p) => p.id)).toEqual(['0']);
    expect(first.next_page_token).not.toBe('');
    const second = await h.client.walkProducts(SHOP, { pageSize: 100 }, first.next_page_token);
    expect(second.products.map((p) => p.id)).toEqual([String(Math.floor(NOW_S / 2) + 1)]);
    expect(second.next_page_token).toBe('');
    expect(h.stub.apiRequests().map((r) => r.body)).toEqual([
      '{}',
      `{"update_time_ge":0,"update_time_le":${Math.floor(NOW_S / 2)}}`,
      `{"update_time_ge":${Math.floor(NOW_S / 2) + 1},"update_time_le":${NOW_S}}`,
    ]);
  });
});
