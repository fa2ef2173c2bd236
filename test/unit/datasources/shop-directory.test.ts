/**
 * The shop directory over many sellers: the union of their shop lists, each shop knowing its
 * seller, a shop two authorizations list read with the newest, and one seller's failing list
 * taking out its own shops only.
 */
import { CachedFetcher } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import type { PartnerReader } from '../../../src/datasources/partner-reader';
import type { PartnerShop } from '../../../src/datasources/partner/schemas';
import type { SellerEntry } from '../../../src/datasources/partner/token-store';
import { ShopData } from '../../../src/datasources/shop-data';
import type { SellerShopSource } from '../../../src/datasources/shop-directory';
import { UpstreamError } from '../../../src/upstream/upstream-error';

const shop = (id: string, region = 'US'): PartnerShop => ({ id, name: `Shop ${id}`, region, seller_type: 'LOCAL', cipher: `c${id}`, code: id });
const seller = (id: string, authorizedAt: number, shopIds?: string[]): SellerEntry => ({ id, name: id, region: 'US', authorizedAt, shopIds });

function directory(sellers: SellerEntry[], lists: Record<string, () => Promise<PartnerShop[]>>) {
  const learned: [string, string[]][] = [];
  const source: SellerShopSource = {
    sellers: async () => [...sellers].sort((a, b) => b.authorizedAt - a.authorizedAt),
    authorizedShops: (id) => lists[id]!(),
    learned: async (s, ids) => void learned.push([s.id, ids]),
  };
  const unused = {} as PartnerReader;
  const data = new ShopData(unused, new CachedFetcher(new MemoryCacheStore(100)), { appKey: 'app', overrides: { 2: { currency: 'EUR' } }, sellers: source });
  return { data, learned };
}

const down = () => Promise.reject(new UpstreamError('auth_expired', 'TikTok 105002: refresh token revoked', { api: 'partner', code: 105002 }));

describe('the shop directory over many sellers', () => {
  it("lists every seller's shops, each with its seller; the newest authorization of a shop wins", async () => {
    const { data, learned } = directory([seller('A', 1), seller('B', 2)], {
      A: async () => [shop('1'), shop('2')],
      B: async () => [shop('2'), shop('3', 'GB')],
    });
    const list = await data.shops();
    expect(list.value.map((s) => [s.id, s.sellerId])).toEqual([
      ['2', 'B'],
      ['3', 'B'],
      ['1', 'A'],
    ]);
    expect(list.value.find((s) => s.id === '2')).toMatchObject({ currency: 'EUR' });
    expect(list.unavailable).toBeUndefined();
    expect(learned).toEqual([
      ['B', ['2', '3']],
      ['A', ['1', '2']],
    ]);
    await expect(data.shop('1')).resolves.toMatchObject({ id: '1', sellerId: 'A', cipher: 'c1' });
    await expect(data.shop('9')).resolves.toBeUndefined();
  });

  it('one seller whose list fails takes out its own shops only, and its shops fail with its error', async () => {
    const { data } = directory([seller('A', 1, ['1']), seller('B', 2, ['3'])], { A: async () => [shop('1')], B: down });
    const list = await data.shops();
    expect(list.value.map((s) => s.id)).toEqual(['1']);
    expect(list.unavailable?.map((u) => u.seller.id)).toEqual(['B']);
    await expect(data.shop('1')).resolves.toMatchObject({ sellerId: 'A' });
    await expect(data.shop('3')).rejects.toMatchObject({ kind: 'auth_expired', details: { code: 105002 } });
    await expect(data.shop('9')).resolves.toBeUndefined();
  });

  it("fails as a whole only when no seller's list is there; with no seller there is no shop", async () => {
    await expect(directory([seller('A', 1)], { A: down }).data.shops()).rejects.toMatchObject({ kind: 'auth_expired' });
    await expect(directory([], {}).data.shops()).resolves.toMatchObject({ value: [], stale: false });
  });
});
