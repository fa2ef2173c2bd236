import { FaultInjector, faultSettingsSchema } from '../../../../src/emulator/faults';

function outcomes(injector: FaultInjector, n: number): string[] {
  return Array.from({ length: n }, () => injector.draw('/order/202309/orders/search', '/order/202309/orders/search').outcome);
}

describe('FaultInjector', () => {
  it('passes everything without settings', () => {
    expect(new Set(outcomes(new FaultInjector('s'), 100))).toEqual(new Set(['pass']));
  });

  it('is deterministic for a seed and settings', () => {
    const settings = { errorRate: 0.3, malformedRate: 0.2, hangRate: 0.1 };
    expect(outcomes(new FaultInjector('seed', settings), 200)).toEqual(outcomes(new FaultInjector('seed', settings), 200));
    expect(outcomes(new FaultInjector('seed', settings), 200)).not.toEqual(outcomes(new FaultInjector('other', settings), 200));
  });

  it('reseeds on configure so a run after it is reproducible', () => {
    const injector = new FaultInjector('seed');
    injector.configure({ errorRate: 0.5 });
    const first = outcomes(injector, 50);
    injector.configure({ errorRate: 0.5 });
    expect(outcomes(injector, 50)).toEqual(first);
  });

  it('hits roughly the configured share', () => {
    const results = outcomes(new FaultInjector('seed', { errorRate: 0.25 }), 4000);
    const share = results.filter((o) => o === 'error').length / results.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });

  it('limits faults to the listed path prefixes or route templates', () => {
    const injector = new FaultInjector('seed', { errorRate: 1, latencyMs: 5, rateLimitPerSecond: 2, paths: ['/order/', '/product/202309/products/:id'] });
    expect(injector.draw('/order/202309/orders', '/order/202309/orders')).toEqual({ latencyMs: 5, outcome: 'error' });
    expect(injector.draw('/product/202309/products/1', '/product/202309/products/:id').outcome).toBe('error');
    expect(injector.draw('/finance/202309/statements', '/finance/202309/statements')).toEqual({ latencyMs: 0, outcome: 'pass' });
    expect(injector.rateLimitFor('/order/202309/orders', '/order/202309/orders')).toBe(2);
    expect(injector.rateLimitFor('/open_api/v1.3/campaign/get/', '/open_api/v1.3/campaign/get/')).toBeUndefined();
  });

  it('validates run-time settings', () => {
    expect(faultSettingsSchema.safeParse({ errorRate: 1.5 }).success).toBe(false);
    expect(faultSettingsSchema.safeParse({ latencyMs: -1 }).success).toBe(false);
    expect(faultSettingsSchema.safeParse({ typo: 1 }).success).toBe(false);
    expect(faultSettingsSchema.safeParse({ hangRate: 0.1, paths: ['/order/'] }).success).toBe(true);
  });
});
