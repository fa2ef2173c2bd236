/**
 * Every seller's authorization on Redis, as replicas share it: sealed, one seller's writes never
 * touching another's, a revocation on one replica seen by the others (never brought back from a
 * local copy), and what a replica wrote while Redis was away pushed once it answers.
 */
import { randomBytes } from 'node:crypto';
import { EncryptedTokenStore, RedisSecretBackend } from '../../../src/datasources/partner/encrypted-token-store';
import type { SellerEntry, TokenRecord } from '../../../src/datasources/partner/token-store';
import { describeWithRedis, useRedis } from '../../helpers/redis';
import { until } from './replicas';

const tokens = (seller: string, n = 1): TokenRecord => ({
  accessToken: `ACCESS_${seller}_${n}_secret`,
  accessTokenExpiresAt: 2_000_000_000,
  refreshToken: `REFRESH_${seller}_${n}_secret`,
  refreshTokenExpiresAt: 2_000_600_000,
  openId: seller,
  sellerName: `Seller ${seller}`,
  sellerBaseRegion: 'US',
  userType: 0,
  grantedScopes: [],
});
const entry = (id: string, shopIds: string[], authorizedAt = 1): SellerEntry => ({ id, name: `Seller ${id}`, region: 'US', shopIds, authorizedAt });
const HASH = 'shopgraph:v1:token:sellers:app-1';

describeWithRedis('sellers on Redis', () => {
  const shared = useRedis({ connectTimeoutMs: 300 });
  const key = randomBytes(32);
  const replica = async () => {
    const link = await shared.connect({ optional: true });
    return { link, sellers: new EncryptedTokenStore(new RedisSecretBackend(link), key).sellers('app-1') };
  };

  it("shares each seller's authorization, sealed; one seller's changes touch no other's", async () => {
    const [a, b] = [await replica(), await replica()];
    await a.sellers.put(entry('A', ['1']), tokens('A'));
    await b.sellers.put(entry('B', ['2'], 2), tokens('B'));
    expect((await a.sellers.list()).map((s) => s.id).sort()).toEqual(['A', 'B']);
    await expect(b.sellers.tokens('A').read()).resolves.toEqual(tokens('A'));
    // A's chain rotates on replica b; B's is untouched.
    await expect(b.sellers.tokens('A').write(tokens('A', 2))).resolves.toBe(true);
    await expect(a.sellers.tokens('A').read()).resolves.toEqual(tokens('A', 2));
    await expect(a.sellers.tokens('B').read()).resolves.toEqual(tokens('B'));
    const raw = Object.values(await a.link.client.hGetAll(HASH)).join('\n');
    expect(raw).not.toMatch(/secret|Seller/);
    // A sealed value moved under another seller's field does not open.
    await a.link.client.hSet(HASH, 'tokens:B', (await a.link.client.hGet(HASH, 'tokens:A'))!);
    await expect(b.sellers.tokens('B').read()).rejects.toThrow(/cannot be decrypted/);
    await b.sellers.put(entry('B', ['2'], 2), tokens('B'));
  });

  it('a seller revoked on one replica is gone on the others, and a late refresh does not bring it back', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.sellers.put(entry('C', ['3'], 3), tokens('C'));
    await expect(b.sellers.tokens('C').read()).resolves.toEqual(tokens('C'));
    await expect(a.sellers.remove('C')).resolves.toBe(true);
    await expect(b.sellers.tokens('C').read()).resolves.toBeUndefined();
    await expect(b.sellers.tokens('C').write(tokens('C', 2))).resolves.toBe(false);
    expect((await b.sellers.list()).map((s) => s.id)).not.toContain('C');
    expect(await a.link.client.hExists(HASH, 'tokens:C')).toBe(0);
  });

  it("gets every seller back from a replica's copy when Redis restarts empty, and pushes what was written while it was away", async () => {
    const a = await replica();
    const before = (await a.sellers.list()).map((s) => s.id).sort();
    expect(before).toEqual(['A', 'B']);
    await shared.redis.kill();
    await until(() => !a.link.healthy, 'the link to notice Redis is gone');
    // Written while Redis is away: A's rotated chain, and a new seller D.
    await expect(a.sellers.tokens('A').write(tokens('A', 3))).resolves.toBe(true);
    await a.sellers.put(entry('D', ['4'], 4), tokens('D'));
    await expect(a.sellers.tokens('A').read()).resolves.toEqual(tokens('A', 3));
    await shared.redis.restart();
    await until(() => a.link.healthy, 'the link to reconnect');
    const b = await replica();
    await expect(a.sellers.tokens('A').read()).resolves.toEqual(tokens('A', 3));
    expect((await b.sellers.list()).map((s) => s.id).sort()).toEqual(['A', 'B', 'D']);
    await expect(b.sellers.tokens('D').read()).resolves.toEqual(tokens('D'));
  });
});
