/**
 * The portfolio entry point pages (issue 18): `first` shops after the shop id `after`, in id
 * order; without either, every visible shop as before.
 */
import { startStack, type Stack } from '../../helpers/stack';

type Page = { metrics: { shop: { id: string }; orders: { value: string | null }; coverage: { complete: boolean } }[] };
const QUERY = `query($r: DateRange!, $first: Int, $after: ID) { metrics(range: $r, first: $first, after: $after) { shop { id } orders { value } coverage { complete } } }`;

describe('the portfolio query', () => {
  let stack: Stack;
  const range = { from: new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };

  beforeAll(async () => {
    stack = await startStack({ emulator: { seed: 'portfolio', shops: 5, days: 7, ordersPerDay: 5 } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('pages every visible shop once, in id order, and answers the same figures as the whole list', async () => {
    const all = await stack.gql<Page>(QUERY, { r: range });
    expect(all.errors).toBeUndefined();
    const ids = all.data!.metrics.map((m) => m.shop.id);
    expect(new Set(ids).size).toBe(5);
    // Shop ids are decimal strings: by length, then digits.
    const ordered = [...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));

    const pages: Page['metrics'][] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: Page; errors?: unknown[] } = await stack.gql<Page>(QUERY, { r: range, first: 2, after });
      expect(page.errors).toBeUndefined();
      const shops = page.data!.metrics;
      pages.push(shops);
      if (shops.length < 2) break;
      after = shops.at(-1)!.shop.id;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((m) => m.shop.id)).toEqual(ordered);
    const byId = new Map(all.data!.metrics.map((m) => [m.shop.id, m]));
    expect(pages.flat()).toEqual(ordered.map((id) => byId.get(id)));
    expect(pages.flat().every((m) => m.coverage.complete && m.orders.value !== null)).toBe(true);
  });

  it('refuses a page size it does not serve, naming the argument', async () => {
    const res = await stack.gql<Page>(QUERY, { r: range, first: 251 });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/^first: must be between 0 and 250/);
  });
});
