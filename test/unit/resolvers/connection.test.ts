import { GraphQLError } from 'graphql';
import { sliceConnection } from '../../../src/resolvers/connection';
import type { UpstreamPage } from '../../../src/datasources/shop-data';

/**
 * 230 items served in upstream pages of 100, like TikTok's order search; the items whose number is
 * in `unreadable` come as rejected rows at their place.
 */
function upstream(total = 230, size = 100, unreadable: readonly number[] = []) {
  const items = Array.from({ length: total }, (_, i) => i);
  const calls: string[] = [];
  const fetchPage = async (token: string): Promise<UpstreamPage<number>> => {
    calls.push(token);
    const start = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
    const end = Math.min(start + size, total);
    const page = items.slice(start, end);
    const rejected = page.flatMap((n, index) =>
      unreadable.includes(n)
        ? [{ index, id: String(n), orderId: String(n), createTime: null, path: `orders[${index}].payment.currency`, message: 'missing' }]
        : [],
    );
    return {
      items: page.filter((n) => !unreadable.includes(n)),
      rejected,
      nextPageToken: end < total ? Buffer.from(String(end)).toString('base64') : '',
      totalCount: total,
    };
  };
  return { fetchPage, calls };
}

/** What a slice holds, place by place: the item, or `x<id>` for a rejected row. */
const places = (slice: { items: { node?: number; rejected?: { id: string | null } }[] }) => slice.items.map((i) => (i.rejected ? `x${i.rejected.id}` : i.node));

describe('sliceConnection', () => {
  it('serves any first over fixed upstream pages and resumes exactly after the cursor', async () => {
    const { fetchPage, calls } = upstream();
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const slice = await sliceConnection({ shopId: 's', query: {}, first: 37, after, fetchPage });
      seen.push(...slice.items.map((i) => i.node as number));
      if (!slice.hasNextPage) break;
      after = slice.items.at(-1)!.cursor;
    }
    expect(seen).toEqual(Array.from({ length: 230 }, (_, i) => i));
    expect(calls.length).toBeGreaterThan(3);
  });

  it('costs one upstream page per 100 items for first: 250', async () => {
    const { fetchPage, calls } = upstream(400);
    const slice = await sliceConnection({ shopId: 's', query: {}, first: 250, fetchPage });
    expect(slice.items).toHaveLength(250);
    expect(calls).toHaveLength(3);
    expect(slice.hasNextPage).toBe(true);
    expect(slice.totalCount).toBe(400);
  });

  it('says there is no next page at the end', async () => {
    const { fetchPage } = upstream(100);
    const slice = await sliceConnection({ shopId: 's', query: {}, first: 100, fetchPage });
    expect(slice.hasNextPage).toBe(false);
  });

  it('filters items upstream cannot filter, and then does not claim a total', async () => {
    const { fetchPage } = upstream(230);
    const slice = await sliceConnection({ shopId: 's', query: {}, first: 50, fetchPage, keep: (n) => n % 3 === 0 });
    expect(slice.items.map((i) => i.node)).toEqual(Array.from({ length: 50 }, (_, i) => i * 3));
    expect(slice.totalCount).toBeNull();
  });

  it('keeps rows TikTok sent unreadable at their place, counted by first and by cursors', async () => {
    const { fetchPage } = upstream(230, 100, [2, 99, 100, 101]);
    const first = await sliceConnection({ shopId: 's', query: {}, first: 4, fetchPage });
    expect(places(first)).toEqual([0, 1, 'x2', 3]);
    const across = await sliceConnection({ shopId: 's', query: {}, first: 4, after: first.items.at(-1)!.cursor, fetchPage });
    expect(places(across)).toEqual([4, 5, 6, 7]);
    const all: (number | string | undefined)[] = [];
    let after: string | undefined;
    for (;;) {
      const slice = await sliceConnection({ shopId: 's', query: {}, first: 30, after, fetchPage });
      all.push(...places(slice));
      if (!slice.hasNextPage) break;
      after = slice.items.at(-1)!.cursor;
    }
    expect(all).toHaveLength(230);
    expect(all.slice(98, 103)).toEqual([98, 'x99', 'x100', 'x101', 102]);
  });

  it('keeps unreadable rows whatever the filter (they may be what it looks for)', async () => {
    const { fetchPage } = upstream(20, 10, [4]);
    const slice = await sliceConnection({ shopId: 's', query: {}, first: 5, fetchPage, keep: (n) => n % 2 === 1 });
    expect(places(slice)).toEqual([1, 3, 'x4', 5, 7]);
  });

  it.each([
    ['a cursor from another shop', { shopId: 'other', query: {} }, /another list/],
    ['a cursor from another filter', { shopId: 's', query: { status: 'X' } }, /different filter/],
  ])('refuses %s', async (_name, where, message) => {
    const { fetchPage } = upstream();
    const slice = await sliceConnection({ shopId: 's', query: {}, first: 5, fetchPage });
    const cursor = slice.items.at(-1)!.cursor;
    await expect(sliceConnection({ ...where, first: 5, after: cursor, fetchPage })).rejects.toThrow(message);
  });

  it('refuses garbage cursors and out-of-range first as BAD_USER_INPUT', async () => {
    const { fetchPage } = upstream();
    const garbage = sliceConnection({ shopId: 's', query: {}, first: 5, after: 'not-a-cursor', fetchPage });
    await expect(garbage).rejects.toBeInstanceOf(GraphQLError);
    await expect(sliceConnection({ shopId: 's', query: {}, first: 251, fetchPage })).rejects.toThrow(/first: must be between 0 and 250/);
    await expect(sliceConnection({ shopId: 's', query: {}, first: -1, fetchPage })).rejects.toThrow(/first/);
  });
});
