/**
 * Claiming due entries of a Redis outbox (src/store/redis-claim.ts), on a real redis-server: only
 * entries due by now, at most `max`, each with its fields; claimed entries are hidden until their
 * lease ends, so a second claimer gets none of them, and they are due again after it.
 */
import { claimDue } from '../../../src/store/redis-claim';
import { describeWithRedis, useRedis } from '../../helpers/redis';

describeWithRedis('claiming due outbox entries', () => {
  const redis = useRedis();

  it('claims what is due, hides it for the lease, and gives it back when the lease ends', async () => {
    const link = await redis.connect();
    await link.run(async (c) => {
      await c.zAdd('{t}:due', [
        { score: 100, value: 'a' },
        { score: 200, value: 'b' },
        { score: 300, value: 'c' },
        { score: 900, value: 'later' },
      ]);
      await c.hSet('{t}:shops', { a: 'shop-1', b: 'shop-2', c: 'shop-3' });
      await c.hSet('{t}:attempts', { b: '2' });
    });
    const claim = (now: number, max: number) => link.run((c) => claimDue(c, '{t}:due', ['{t}:shops', '{t}:attempts'], { now, max, leaseEnd: now + 1000 }));

    // Due by 500: a, b and c, oldest first; at most two; fields in the order asked, '' when absent.
    expect(await claim(500, 2)).toEqual([
      { id: 'a', fields: ['shop-1', ''] },
      { id: 'b', fields: ['shop-2', '2'] },
    ]);
    // Another claimer at the same moment gets only what is left.
    expect(await claim(500, 10)).toEqual([{ id: 'c', fields: ['shop-3', ''] }]);
    expect(await claim(500, 10)).toEqual([]);
    // a and b's lease ends at 1500, c's at 1500 too; 'later' is due at 900.
    expect((await claim(1000, 10)).map((e) => e.id)).toEqual(['later']);
    expect((await claim(1500, 10)).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});
