import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { RedisUnavailableError, type RedisLink } from '../../../src/cache/redis-link';
import { RedisDedupe, StoreDedupe } from '../../../src/store/notification-dedupe';

function link(healthy: boolean): RedisLink {
  return {
    healthy,
    run: () => Promise.reject(healthy ? new Error('Socket closed unexpectedly') : new RedisUnavailableError('Redis is unavailable')),
  } as unknown as RedisLink;
}

describe('RedisDedupe without Redis', () => {
  it.each([
    ['away', false],
    ['failing', true],
  ])('claims and releases in this process while Redis is %s', async (_name, healthy) => {
    const dedupe = new RedisDedupe(link(healthy), new StoreDedupe(new MemoryCacheStore(10)));
    expect(await dedupe.claim('n1')).toBe(true);
    expect(await dedupe.claim('n1')).toBe(false);
    await dedupe.release('n1');
    expect(await dedupe.claim('n1')).toBe(true);
  });
});
