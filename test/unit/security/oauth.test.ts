import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { OAuthStates, STATE_TTL_MS } from '../../../src/security/oauth';

function setup() {
  const clock = { ms: 1_700_000_000_000 };
  return { clock, states: new OAuthStates('app-secret', new MemoryCacheStore(100), () => clock.ms) };
}

describe('OAuthStates', () => {
  it('accepts a state it issued exactly once', async () => {
    const { states } = setup();
    const state = await states.issue();
    expect(await states.consume(state)).toBe(true);
    expect(await states.consume(state)).toBe(false);
  });

  it('refuses forged, altered and expired states', async () => {
    const { clock, states } = setup();
    const state = await states.issue();
    const [nonce, expires, mac] = state.split('.') as [string, string, string];
    expect(await states.consume(`${nonce}.${Number(expires) + 60_000}.${mac}`)).toBe(false);
    expect(await states.consume(`${nonce}.${expires}.${mac.slice(1)}A`)).toBe(false);
    expect(await states.consume('anything')).toBe(false);
    // Signed by another app's secret: the MAC does not verify here.
    const other = await new OAuthStates('other-secret', new MemoryCacheStore(10), () => clock.ms).issue();
    expect(await states.consume(other)).toBe(false);
    clock.ms += STATE_TTL_MS;
    expect(await states.consume(state)).toBe(false);
  });
});
