import { MemoryBucketStore } from '../../../src/security/leaky-bucket';

const SETTINGS = { bucket: 100, restorePerSecond: 10 };

describe('MemoryBucketStore', () => {
  function setup() {
    const clock = { ms: 0 };
    return { clock, store: new MemoryBucketStore(() => clock.ms) };
  }

  it('starts full, takes what is asked while it lasts, and takes nothing when it would go below zero', async () => {
    const { store } = setup();
    expect(await store.take('c', 60, SETTINGS)).toEqual({ ok: true, available: 40 });
    expect(await store.take('c', 50, SETTINGS)).toEqual({ ok: false, available: 40 });
    expect(await store.take('c', 40, SETTINGS)).toEqual({ ok: true, available: 0 });
  });

  it('restores at its rate, up to its size', async () => {
    const { clock, store } = setup();
    await store.take('c', 100, SETTINGS);
    clock.ms += 2500;
    expect(await store.take('c', 25, SETTINGS)).toEqual({ ok: true, available: 0 });
    clock.ms += 60_000;
    expect(await store.take('c', 0, SETTINGS)).toEqual({ ok: true, available: 100 });
  });

  it('refunds unused cost, never above the size, and keeps clients apart', async () => {
    const { store } = setup();
    await store.take('c', 80, SETTINGS);
    expect(await store.refund('c', 30, SETTINGS)).toEqual({ available: 50 });
    expect(await store.refund('c', 500, SETTINGS)).toEqual({ available: 100 });
    expect(await store.take('other', 100, SETTINGS)).toEqual({ ok: true, available: 0 });
    expect(await store.refund('c', 0, SETTINGS)).toEqual({ available: 100 });
  });
});
