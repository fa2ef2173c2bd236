import type { ShopData } from '../../../src/datasources/shop-data';
import type { ShopInfo } from '../../../src/datasources/shop-directory';
import { LOCAL_CALLER, type Caller } from '../../../src/security/caller';
import { assertShopVisible, shopDataFor } from '../../../src/security/tenancy';

const shop = (id: string) => ({ id }) as ShopInfo;
const shops = async () => ({ value: [shop('1'), shop('2'), shop('3')], fetchedAt: 0, stale: false, fromUpstream: false });
const data = {
  shops,
  shop: async (id: string) => (await shops()).value.find((s) => s.id === id),
  product: async (s: ShopInfo, id: string) => `${s.id}/${id}`,
} as unknown as ShopData;
const caller: Caller = { name: 'a', kind: 'api-key', shops: new Set(['2']), scopes: new Set() };

describe('tenancy', () => {
  it('shows a caller only its shops; everything else is the shared instance', async () => {
    const view = shopDataFor(data, caller);
    expect((await view.shops()).value.map((s) => s.id)).toEqual(['2']);
    expect(await view.shop('1')).toBeUndefined();
    expect((await view.shop('2'))?.id).toBe('2');
    expect(await view.product(shop('2'), 'p')).toBe('2/p');
    expect(shopDataFor(data, LOCAL_CALLER)).toBe(data);
  });

  it("answers NOT_FOUND for a shop outside the caller's list, as for one that does not exist", () => {
    expect(() => assertShopVisible(caller, '2')).not.toThrow();
    expect(() => assertShopVisible(caller, '1')).toThrow(expect.objectContaining({ message: 'shop 1 not found', extensions: { code: 'NOT_FOUND' } }));
  });
});
