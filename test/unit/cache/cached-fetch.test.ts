import { CachedFetcher } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore } from '../../../src/cache/cache-store';

function setup() {
  let now = 1_000_000;
  const fetcher = new CachedFetcher(new MemoryCacheStore(100), () => now);
  return { fetcher, advance: (ms: number) => (now += ms) };
}

describe('CachedFetcher', () => {
  it('serves a fresh entry without calling upstream again', async () => {
    const { fetcher } = setup();
    const load = jest.fn(async () => 'v1');
    await fetcher.fetch('k', { ttlMs: 1000 }, load);
    const second = await fetcher.fetch('k', { ttlMs: 1000 }, load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toMatchObject({ value: 'v1', stale: false, fromUpstream: false });
  });

  it('shares one upstream call among concurrent callers of a cold key', async () => {
    const { fetcher } = setup();
    let release!: (v: string) => void;
    const load = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const calls = Array.from({ length: 10 }, () => fetcher.fetch('k', { ttlMs: 1000 }, load));
    await Promise.resolve();
    await Promise.resolve();
    release('v');
    const results = await Promise.all(calls);
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.value === 'v')).toBe(true);
  });

  it('refetches after the TTL and serves stale on upstream error within the stale window', async () => {
    const { fetcher, advance } = setup();
    await fetcher.fetch('k', { ttlMs: 1000, staleIfErrorMs: 5000 }, async () => 'old');
    advance(2000);
    const failing = async (): Promise<string> => {
      throw new Error('upstream down');
    };
    const served = await fetcher.fetch('k', { ttlMs: 1000, staleIfErrorMs: 5000 }, failing);
    expect(served).toMatchObject({ value: 'old', stale: true });
    advance(10_000);
    await expect(fetcher.fetch('k', { ttlMs: 1000, staleIfErrorMs: 5000 }, failing)).rejects.toThrow('upstream down');
  });

  it('does not cache failures', async () => {
    const { fetcher } = setup();
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, async () => 'ok')).resolves.toMatchObject({ value: 'ok' });
  });
});
