import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/load-config';

describe('loadConfig', () => {
  it('runs in demo mode with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.upstream).toEqual({ kind: 'demo' });
    expect(config.env.PORT).toBe(4000);
    expect(config.env.HOST).toBe('127.0.0.1');
    expect(config.file.metrics.attributionDays).toBe(7);
    expect(config.file.cache.ttlSeconds).toEqual({ shops: 3600, products: 600, openOrders: 60, closedOrders: 86_400, openAdDays: 900 });
    expect(config.file.demo).toEqual({ seed: 'shopgraph-demo', shops: 3, days: 120, ordersPerDay: 40, live: true });
  });

  it('names the setting that is wrong and why', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ TTS_API_BASE_URL: 'ftp://x' })).toThrow(/TTS_API_BASE_URL/);
    expect(() => loadConfig({ TTS_APP_KEY: 'k' })).toThrow(/TTS_APP_SECRET/);
    expect(() => loadConfig({ TTS_APP_KEY: 'k', TTS_APP_SECRET: 's' })).toThrow(/TTS_REFRESH_TOKEN/);
  });

  it('refuses variables it no longer reads, saying what replaced them, rather than ignore them', () => {
    expect(() => loadConfig({ UPSTREAM_RATE_JITTER_MS: '50' })).toThrow(/UPSTREAM_RATE_JITTER_MS: no longer read.*upstream\.rateMarginMs/);
    expect(() => loadConfig({ CACHE_TTL_CLOSED_AD_DAYS: '86400' })).toThrow(/CACHE_TTL_CLOSED_AD_DAYS: no longer read/);
  });

  it('refuses a tuning variable that moved to the config file, naming its key there, and never echoes the value', () => {
    const message = (() => {
      try {
        loadConfig({ CACHE_TTL_SHOPS: '120', DEMO_LIVE: 'false', METRICS_MAX_STALENESS: 'hunter2-secret' });
      } catch (error) {
        return (error as Error).message;
      }
      return 'loaded';
    })();
    expect(message).toContain('CACHE_TTL_SHOPS: moved to the config file (SHOPGRAPH_CONFIG) as cache.ttlSeconds.shops ({"cache":{"ttlSeconds":{"shops":…}}})');
    expect(message).toContain('DEMO_LIVE: moved to the config file (SHOPGRAPH_CONFIG) as demo.live');
    expect(message).toContain('METRICS_MAX_STALENESS: moved to the config file (SHOPGRAPH_CONFIG) as metrics.maxStalenessSeconds');
    expect(message).not.toContain('hunter2');
  });

  it('reads tuning from the config file, checked like the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-config-'));
    const tuned = join(dir, 'tuned.json');
    writeFileSync(tuned, JSON.stringify({ metrics: { attributionDays: 14 }, upstream: { rateMarginMs: 20 }, cache: { ttlSeconds: { shops: 120 } } }));
    const { file } = loadConfig({ SHOPGRAPH_CONFIG: tuned });
    expect(file.metrics).toEqual({ maxStalenessSeconds: 60, attributionDays: 14 });
    expect(file.upstream.rateMarginMs).toBe(20);
    expect(file.cache.ttlSeconds).toEqual({ shops: 120, products: 600, openOrders: 60, closedOrders: 86_400, openAdDays: 900 });

    const tooLong = join(dir, 'too-long.json');
    writeFileSync(tooLong, JSON.stringify({ metrics: { attributionDays: 40 } }));
    expect(() => loadConfig({ SHOPGRAPH_CONFIG: tooLong })).toThrow(/metrics\.attributionDays/);
    const halfTls = join(dir, 'half-tls.json');
    writeFileSync(halfTls, JSON.stringify({ tls: { certFile: '/etc/cert.pem' } }));
    expect(() => loadConfig({ SHOPGRAPH_CONFIG: halfTls })).toThrow(/tls: set both certFile and keyFile/);
  });

  it('talks to TikTok with credentials and an authorization', () => {
    const config = loadConfig({ TTS_APP_KEY: 'k', TTS_APP_SECRET: 's', TTS_REFRESH_TOKEN: 'r' });
    expect(config.upstream).toMatchObject({ kind: 'tiktok', appKey: 'k', refreshToken: 'r' });
  });

  it('reads the JSON file and names the bad path in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-config-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ shops: { '123': { timezone: 'Europe/London' } }, fxRates: { 'USD/GBP': '0.79' } }));
    expect(loadConfig({ SHOPGRAPH_CONFIG: good }).file.shops['123']?.timezone).toBe('Europe/London');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ shops: { '123': { currency: 'dollars' } } }));
    expect(() => loadConfig({ SHOPGRAPH_CONFIG: bad })).toThrow(/shops\.123\.currency/);

    const typo = join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ shop: {} }));
    expect(() => loadConfig({ SHOPGRAPH_CONFIG: typo })).toThrow(/shop/);

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{');
    expect(() => loadConfig({ SHOPGRAPH_CONFIG: broken })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ SHOPGRAPH_CONFIG: join(dir, 'missing.json') })).toThrow(/cannot read/);
  });
});
