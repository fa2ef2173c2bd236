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
    expect(config.env.METRICS_ATTRIBUTION_DAYS).toBe(7);
  });

  it('names the setting that is wrong and why', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ TTS_API_BASE_URL: 'ftp://x' })).toThrow(/TTS_API_BASE_URL/);
    expect(() => loadConfig({ METRICS_ATTRIBUTION_DAYS: '40' })).toThrow(/METRICS_ATTRIBUTION_DAYS/);
    expect(loadConfig({ METRICS_ATTRIBUTION_DAYS: '14' }).env.METRICS_ATTRIBUTION_DAYS).toBe(14);
    expect(() => loadConfig({ TTS_APP_KEY: 'k' })).toThrow(/TTS_APP_SECRET/);
    expect(() => loadConfig({ TTS_APP_KEY: 'k', TTS_APP_SECRET: 's' })).toThrow(/TTS_REFRESH_TOKEN/);
  });

  it('refuses variables it no longer reads, saying what replaced them, rather than ignore them', () => {
    expect(() => loadConfig({ UPSTREAM_RATE_JITTER_MS: '50' })).toThrow(/UPSTREAM_RATE_JITTER_MS: no longer read.*UPSTREAM_RATE_MARGIN_MS/);
    expect(() => loadConfig({ CACHE_TTL_CLOSED_AD_DAYS: '86400' })).toThrow(/CACHE_TTL_CLOSED_AD_DAYS: no longer read/);
    expect(loadConfig({ UPSTREAM_RATE_MARGIN_MS: '20' }).env.UPSTREAM_RATE_MARGIN_MS).toBe(20);
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
