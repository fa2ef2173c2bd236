import { GraphQLError } from 'graphql';
import { sliceConnection } from '../../../src/resolvers/connection';
import type { UpstreamPage } from '../../../src/datasources/shop-data';

/** 230 items served in upstream pages of 100, like TikTok's order search. */
function upstream(total = 230, size = 100) {
  const items = Array.from({ length: total }, (_, i) => i);
  const calls: string[] = [];
  const fetchPage = async (token: string): Promise<UpstreamPage<number>> => {
    calls.push(token);
    const start = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
    const end = Math.min(start + size, total);
    return { items: items.slice(start, end), nextPageToken: end < total ? Buffer.from(String(end)).toString('base64') : '', totalCount: total };
  };
  return { fetchPage, calls };
}

describe('sliceConnection', () => {
  it('serves any first over fixed upstream pages and resumes exactly after the cursor', async () => {
    const { fetchPage, calls } = upstream();
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const slice = await sliceConnection({ shopId: 's', query: {}, first: 37, after, fetchPage });
      seen.push(...slice.items.map((i) => i.node));
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
