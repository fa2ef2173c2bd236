import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { silentLogger } from '../../../src/telemetry/logger';
import { emulatorEnv } from '../../helpers/stack';

/** A date `offset` days from today in UTC, as the emulator's shops' days run to today. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type MetricField = { value: string | null; nullReason: string | null };
type Answer = {
  data?: { shop: { metrics: Record<'gmv' | 'orders' | 'adSpend' | 'roas', MetricField> } | null };
  errors?: { message: string; extensions?: { code?: string } }[];
};

/**
 * A Marketing token without TT_ADS_APP_ID / TT_ADS_SECRET: the token reads reports, but cannot
 * list the advertisers it may read (`oauth2/advertiser/get/` needs the app's id and secret).
 */
describe('ads with a Marketing token but no app id and secret', () => {
  let emulator: EmulatorHandle;
  let server: RunningServer;
  let linked: string;
  let unlinked: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 10, ordersPerDay: 15 });
    const [first, second] = emulator.store.shops().map((s) => s.id);
    [linked, unlinked] = [first!, second!];
    const advertiserIds = emulator.store
      .advertisers()
      .filter((a) => a.shop_ids.includes(linked))
      .map((a) => a.advertiser_id);
    expect(advertiserIds.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'shopgraph-ads-'));
    const file = join(dir, 'shopgraph.json');
    writeFileSync(file, JSON.stringify({ shops: { [linked]: { advertiserIds } } }));
    const { TT_ADS_APP_ID: _id, TT_ADS_SECRET: _secret, ...env } = emulatorEnv(emulator);
    server = await startServer(loadConfig({ ...env, SHOPGRAPH_CONFIG: file }), silentLogger);
  });
  afterAll(async () => {
    await server.close();
    await emulator.close();
  });

  const metrics = async (shopId: string): Promise<Answer> => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'query($id: ID!, $from: Date!, $to: Date!) { shop(id: $id) { metrics(range: { from: $from, to: $to }) { gmv { value nullReason } orders { value nullReason } adSpend { value nullReason } roas { value nullReason } } } }',
        variables: { id: shopId, from: day(-9), to: day(0) },
      }),
    });
    return (await res.json()) as Answer;
  };

  it('answers a shop whose advertisers the config file lists, ad figures included', async () => {
    const res = await metrics(linked);
    expect(res.errors).toBeUndefined();
    const m = res.data!.shop!.metrics;
    expect(Number(m.orders.value)).toBeGreaterThan(0);
    expect(m.adSpend.value).not.toBeNull();
    expect(m.adSpend.nullReason).toBeNull();
  });

  it('answers the order figures of a shop the config file does not link, ad figures null with the reason', async () => {
    const res = await metrics(unlinked);
    expect(res.errors).toBeUndefined();
    const m = res.data!.shop!.metrics;
    expect(Number(m.orders.value)).toBeGreaterThan(0);
    expect(m.gmv.value).not.toBeNull();
    expect(m.adSpend.value).toBeNull();
    expect(m.adSpend.nullReason).toEqual(expect.any(String));
    expect(m.roas.value).toBeNull();
  });
});
