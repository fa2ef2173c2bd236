import fc from 'fast-check';
import { compareKeys, keysetPage, sortedKeysetPage, type SortKey } from '../../../../src/emulator/data/paging';

interface Item {
  t: number;
  id: string;
}

const key = (item: Item): SortKey => [item.t, item.id];

/** Every page of a walk, following next_page_token. */
function walk(page: (token?: string) => { items: Item[]; next_page_token: string; total_count: number }): Item[][] {
  const pages: Item[][] = [];
  let token: string | undefined;
  do {
    const p = page(token);
    pages.push(p.items);
    token = p.next_page_token || undefined;
  } while (token && pages.length < 10_000);
  return pages;
}

const items = fc.uniqueArray(fc.record({ t: fc.integer({ min: 0, max: 20 }), id: fc.bigInt({ min: 1n, max: 10n ** 19n }).map(String) }), {
  selector: (x) => x.id,
  maxLength: 60,
});

describe('keyset paging', () => {
  it('walks sorted items once, in order, in pages of pageSize, whether the items come sorted or not', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 25 }), fc.boolean(), (list, pageSize, desc) => {
        const expected = [...list].sort((a, b) => (desc ? -1 : 1) * compareKeys(key(a), key(b)));
        const asc = [...list].sort((a, b) => compareKeys(key(a), key(b)));
        const opts = { desc, pageSize, query: ['q', desc] };
        const fromSorted = walk((pageToken) => sortedKeysetPage(asc, key, { ...opts, pageToken }));
        const fromUnsorted = walk((pageToken) => keysetPage(list, key, { ...opts, pageToken }));
        expect(fromSorted.flat()).toEqual(expected);
        expect(fromUnsorted).toEqual(fromSorted);
        // Full pages until the last; an empty list is one empty page.
        fromSorted.slice(0, -1).forEach((p) => expect(p).toHaveLength(pageSize));
        expect(fromSorted.length).toBe(Math.max(1, Math.ceil(list.length / pageSize)));
      }),
    );
  });

  it('continues after the last key served even when that item is gone (cursor, not offset)', () => {
    const asc: Item[] = [1, 2, 3, 4, 5].map((t) => ({ t, id: String(t) }));
    const opts = { desc: false, pageSize: 2, query: 'q' };
    const first = sortedKeysetPage(asc, key, opts);
    const rest = sortedKeysetPage(
      asc.filter((x) => x.t !== 2),
      key,
      { ...opts, pageToken: first.next_page_token },
    );
    expect(rest.items.map((x) => x.t)).toEqual([3, 4]);
    const descFirst = sortedKeysetPage(asc, key, { ...opts, desc: true });
    const descRest = sortedKeysetPage(
      asc.filter((x) => x.t !== 4),
      key,
      { ...opts, desc: true, pageToken: descFirst.next_page_token },
    );
    expect(descRest.items.map((x) => x.t)).toEqual([3, 2]);
  });
});
