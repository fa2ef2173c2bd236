import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { DEDUPE_WINDOW_MS, StoreDedupe } from '../../../src/store/notification-dedupe';

function setup() {
  const clock = { ms: 1_700_000_000_000 };
  return { clock, dedupe: new StoreDedupe(new MemoryCacheStore(100), () => clock.ms) };
}

describe('StoreDedupe', () => {
  it('claims an id once within 24 hours, and again after', async () => {
    const { clock, dedupe } = setup();
    expect(await dedupe.claim('n1')).toBe(true);
    expect(await dedupe.claim('n1')).toBe(false);
    expect(await dedupe.claim('n2')).toBe(true);
    clock.ms += DEDUPE_WINDOW_MS - 1;
    expect(await dedupe.claim('n1')).toBe(false);
    clock.ms += 1;
    expect(await dedupe.claim('n1')).toBe(true);
  });

  it('lets exactly one of concurrent deliveries of an id through', async () => {
    const { dedupe } = setup();
    const claims = await Promise.all(Array.from({ length: 10 }, () => dedupe.claim('n1')));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('forgets a released claim so the redelivery is processed', async () => {
    const { dedupe } = setup();
    await dedupe.claim('n1');
    await dedupe.release('n1');
    expect(await dedupe.claim('n1')).toBe(true);
  });
});
