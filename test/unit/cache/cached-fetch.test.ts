import { CachedFetcher, watchStale } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import type { FlightLock } from '../../../src/cache/flight-lock';

function setup() {
  let now = 1_000_000;
  const fetcher = new CachedFetcher(new MemoryCacheStore(100), { now: () => now });
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

describe('CachedFetcher stale windows', () => {
  function windows(options: { swr?: number; sie?: number } = {}) {
    let now = 1_000_000;
    const fetcher = new CachedFetcher(new MemoryCacheStore(100), {
      now: () => now,
      staleWhileRevalidateMs: options.swr ?? 0,
      staleIfErrorMs: options.sie ?? 0,
    });
    return { fetcher, advance: (ms: number) => (now += ms) };
  }

  it('serves an expired value at once inside the stale-while-revalidate window, flagged, while one refresh runs', async () => {
    const { fetcher, advance } = windows({ swr: 5000 });
    await fetcher.fetch('k', { ttlMs: 1000 }, async () => 'old');
    advance(1500);
    let release!: (v: string) => void;
    const refresh = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const [a, b] = await Promise.all([fetcher.fetch('k', { ttlMs: 1000 }, refresh), fetcher.fetch('k', { ttlMs: 1000 }, refresh)]);
    expect(a).toMatchObject({ value: 'old', stale: true, staleReason: 'revalidating', fromUpstream: false });
    expect(b.value).toBe('old');
    expect(refresh).toHaveBeenCalledTimes(1);
    release('new');
    // The refresh finishes in the background: wait (bounded) until its answer is stored.
    for (let i = 0; i < 100 && (await fetcher.peek('k')) === undefined; i++) await new Promise((r) => setImmediate(r));
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, refresh)).resolves.toMatchObject({ value: 'new', stale: false });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('goes upstream (and waits) once the stale-while-revalidate window has passed', async () => {
    const { fetcher, advance } = windows({ swr: 5000 });
    await fetcher.fetch('k', { ttlMs: 1000 }, async () => 'old');
    advance(6001);
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, async () => 'new')).resolves.toMatchObject({ value: 'new', stale: false, fromUpstream: true });
  });

  it('applies the default stale-if-error window to policies without one, and flags why', async () => {
    const { fetcher, advance } = windows({ sie: 10_000 });
    await fetcher.fetch('k', { ttlMs: 1000 }, async () => 'old');
    advance(5000);
    const served = await fetcher.fetch('k', { ttlMs: 1000 }, async () => Promise.reject(new Error('down')));
    expect(served).toMatchObject({ value: 'old', stale: true, staleReason: 'upstream_error' });
  });

  it('keeps nothing for a zero TTL, whatever the default windows', async () => {
    const { fetcher } = windows({ swr: 5000, sie: 5000 });
    const load = jest.fn(async () => 'v');
    await fetcher.fetch('k', { ttlMs: 0 }, load);
    await fetcher.fetch('k', { ttlMs: 0 }, load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('CachedFetcher across replicas', () => {
  /** An in-memory stand-in for the Redis lock, shared by several fetchers. */
  function sharedLock(): FlightLock & { held: Set<string> } {
    const held = new Set<string>();
    return {
      held,
      async tryAcquire(key) {
        if (held.has(key)) return undefined;
        held.add(key);
        return async () => void held.delete(key);
      },
    };
  }

  it('makes one upstream call when several replicas ask for the same cold key at once', async () => {
    const store = new MemoryCacheStore(100);
    const flight = sharedLock();
    const replicas = [1, 2, 3].map(() => new CachedFetcher(store, { flight, sleep: () => new Promise((r) => setImmediate(r)) }));
    let release!: (v: string) => void;
    const load = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const answers = replicas.map((r) => r.fetch('k', { ttlMs: 60_000 }, load));
    while (load.mock.calls.length === 0) await new Promise((r) => setImmediate(r));
    release('v');
    const results = await Promise.all(answers);
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.value)).toEqual(['v', 'v', 'v']);
    expect(results.filter((r) => r.fromUpstream)).toHaveLength(1);
    expect(flight.held.size).toBe(0);
  });

  it('loads alone when the lock service is unavailable', async () => {
    const fetcher = new CachedFetcher(new MemoryCacheStore(100), {
      flight: { tryAcquire: () => Promise.reject(new Error('redis down')) },
    });
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, async () => 'v')).resolves.toMatchObject({ value: 'v', fromUpstream: true });
  });

  it('stops waiting for a holder that never answers once the lock time is over', async () => {
    let now = 0;
    const flight = sharedLock();
    flight.held.add('k'); // a crashed replica's lock
    const fetcher = new CachedFetcher(new MemoryCacheStore(100), {
      now: () => now,
      flight,
      flightLockMs: 100,
      sleep: async (ms) => void (now += ms),
    });
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, async () => 'v')).resolves.toMatchObject({ value: 'v', fromUpstream: true });
    expect(now).toBeGreaterThanOrEqual(100);
  });
});

describe('CachedFetcher.close', () => {
  function revalidating() {
    let now = 1_000_000;
    const store = new MemoryCacheStore(100);
    const fetcher = new CachedFetcher(store, { now: () => now, staleWhileRevalidateMs: 5000, staleIfErrorMs: 60_000 });
    return { fetcher, store, advance: (ms: number) => (now += ms) };
  }
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('resolves only once the background refresh in flight has settled', async () => {
    const { fetcher, advance } = revalidating();
    await fetcher.fetch('k', { ttlMs: 1000 }, async () => 'old');
    advance(1500);
    let release!: (value: string) => void;
    const refresh = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, refresh)).resolves.toMatchObject({ value: 'old', staleReason: 'revalidating' });
    expect(refresh).toHaveBeenCalledTimes(1);

    let closed = false;
    const closing = fetcher.close().then(() => (closed = true));
    await turns(10);
    expect(closed).toBe(false);
    release('new');
    await closing;
    // Settled means stored: the refresh wrote its answer before close() returned.
    await expect(fetcher.peek('k')).resolves.toBe('new');
  });

  it('resolves when the background refresh fails, and at once with none', async () => {
    const { fetcher, advance } = revalidating();
    await expect(fetcher.close()).resolves.toBeUndefined();
    await fetcher.fetch('k', { ttlMs: 1000 }, async () => 'old');
    advance(1500);
    let fail!: (error: Error) => void;
    await fetcher.fetch('k', { ttlMs: 1000 }, () => new Promise<string>((_resolve, reject) => (fail = reject)));
    const closing = fetcher.close();
    await turns(1);
    fail(new Error('upstream down'));
    await expect(closing).resolves.toBeUndefined();
  });

  it('does not answer with the stale value, nor report it stale, when the load was aborted', async () => {
    let now = 1_000_000;
    const onStale = jest.fn();
    const fetcher = watchStale(new CachedFetcher(new MemoryCacheStore(100), { now: () => now, staleIfErrorMs: 60_000 }), onStale);
    await fetcher.fetch('k', { ttlMs: 1000 }, async () => 'old');
    now += 1500;
    const aborted = async (): Promise<string> => {
      throw new DOMException('This operation was aborted', 'AbortError');
    };
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, aborted)).rejects.toMatchObject({ name: 'AbortError' });
    expect(onStale).not.toHaveBeenCalled();
    // The entry itself is untouched: a real upstream failure still falls back to it.
    await expect(fetcher.fetch('k', { ttlMs: 1000 }, async () => Promise.reject(new Error('down')))).resolves.toMatchObject({
      value: 'old',
      staleReason: 'upstream_error',
    });
    expect(onStale).toHaveBeenCalledWith('k');
  });

  it("tells each request's view when its answer was stale, also when it joined another request's load", async () => {
    let now = 1_000_000;
    const shared = new CachedFetcher(new MemoryCacheStore(100), { now: () => now, staleIfErrorMs: 60_000 });
    await shared.fetch('k', { ttlMs: 1000 }, async () => 'old');
    await shared.fetch('fresh', { ttlMs: 60_000 }, async () => 'new');
    now += 1500;
    const [first, second] = [new Set<string>(), new Set<string>()];
    const views = [watchStale(shared, (key) => first.add(key)), watchStale(shared, (key) => second.add(key))];
    const down = async (): Promise<string> => Promise.reject(new Error('down'));
    const answers = await Promise.all(views.map((view) => view.fetch('k', { ttlMs: 1000 }, down)));
    expect(answers.map((a) => a.staleReason)).toEqual(['upstream_error', 'upstream_error']);
    await views[0]!.fetch('fresh', { ttlMs: 60_000 }, down);
    expect([...first]).toEqual(['k']);
    expect([...second]).toEqual(['k']);
  });
});
