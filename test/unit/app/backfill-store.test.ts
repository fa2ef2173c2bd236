import { lostBackfill } from '../../../src/app/backfill';
import { loadConfig } from '../../../src/config/load-config';

describe('lostBackfill', () => {
  it('refuses when the ledger would live in memory only: no Redis, the embedded store in memory', () => {
    expect(lostBackfill(loadConfig({ NODE_ENV: 'test' }))).toMatch(/^backfill: nothing would be kept/);
    expect(lostBackfill(loadConfig({ NODE_ENV: 'development', SHOPGRAPH_DATA_DIR: ':memory:' }))).toMatch(/SHOPGRAPH_DATA_DIR=:memory:/);
  });

  it('lets it run with a store that outlives it: Redis, or the embedded store on disk (its default outside tests)', () => {
    expect(lostBackfill(loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:6379' }))).toBeUndefined();
    expect(lostBackfill(loadConfig({ NODE_ENV: 'test', SHOPGRAPH_DATA_DIR: '/var/lib/shopgraph' }))).toBeUndefined();
    expect(lostBackfill(loadConfig({ NODE_ENV: 'production' }))).toBeUndefined();
  });
});
