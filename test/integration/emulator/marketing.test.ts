import type { EmulatorHandle } from '../../../src/emulator/server';
import { marketing, startTestEmulator, type TestClock } from './helpers';

interface PageData<T> {
  list: T[];
  page_info: { page: number; page_size: number; total_number: number; total_page: number };
}
interface Campaign {
  campaign_id: string;
  secondary_status: string;
}
interface Row {
  dimensions: { campaign_id: string; stat_time_day: string };
  metrics: Record<string, unknown>;
}

const METRICS = ['spend', 'impressions', 'clicks', 'conversion', 'onsite_shopping', 'total_onsite_shopping_value'];

describe('emulator: Marketing API (HTTP 200 errors, JSON-encoded params)', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let advertiserId: string;

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator());
    advertiserId = emu.store.advertisers()[0]?.advertiser_id ?? '';
  });
  afterAll(() => emu.close());
  // Each test gets a fresh rate window.
  beforeEach(() => {
    clock.ms += 2000;
  });

  const day = (offsetDays: number) => new Date(clock.ms + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const report = (query: Record<string, unknown>) =>
    marketing<PageData<Row>>(emu, 'report/integrated/get/', {
      advertiser_id: advertiserId,
      report_type: 'BASIC',
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: ['campaign_id', 'stat_time_day'],
      metrics: METRICS,
      start_date: day(-2),
      end_date: day(0),
      page_size: '1000',
      ...query,
    });

  it('missing Access-Token → 40104, invalid → 40105, both HTTP 200', async () => {
    const missing = await marketing(emu, 'advertiser/info/', { advertiser_ids: [advertiserId] }, { token: null });
    expect([missing.status, missing.body.code]).toEqual([200, 40104]);
    const invalid = await marketing(emu, 'advertiser/info/', { advertiser_ids: [advertiserId] }, { token: 'nope' });
    expect([invalid.status, invalid.body.code]).toEqual([200, 40105]);
    expect(invalid.body.request_id).toBeTruthy();
  });

  it('over 10 requests/s per app → 40100 with HTTP 200', async () => {
    for (let i = 0; i < 10; i++) expect((await marketing(emu, 'advertiser/info/', { advertiser_ids: [advertiserId] })).body.code).toBe(0);
    const refused = await marketing(emu, 'campaign/get/', { advertiser_id: advertiserId });
    expect([refused.status, refused.body.code]).toEqual([200, 40100]);
    clock.ms += 1000;
    expect((await marketing(emu, 'campaign/get/', { advertiser_id: advertiserId })).body.code).toBe(0);
  });

  it('advertiser/info lists the advertisers asked for; bad JSON → 40002', async () => {
    const ok = await marketing<{ list: { advertiser_id: string; display_timezone: string; currency: string }[] }>(emu, 'advertiser/info/', {
      advertiser_ids: [advertiserId],
    });
    expect(ok.body).toMatchObject({ code: 0, message: 'OK' });
    expect(ok.body.data.list).toEqual([expect.objectContaining({ advertiser_id: advertiserId, display_timezone: expect.any(String) })]);
    expect(ok.body.data.list[0]).not.toHaveProperty('shop_ids');
    const narrowed = await marketing<{ list: Record<string, string>[] }>(emu, 'advertiser/info/', {
      advertiser_ids: [advertiserId],
      fields: ['advertiser_id', 'currency'],
    });
    expect(Object.keys(narrowed.body.data.list[0] ?? {}).sort()).toEqual(['advertiser_id', 'currency']);
    const bad = await marketing(emu, 'advertiser/info/', { advertiser_ids: `["${advertiserId}"` });
    expect([bad.status, bad.body.code]).toEqual([200, 40002]);
    const unknown = await marketing(emu, 'advertiser/info/', { advertiser_ids: ['1'] });
    expect(unknown.body.code).toBe(40001);
  });

  it('oauth2/advertiser/get lists the authorized advertisers', async () => {
    const ok = await marketing<{ list: { advertiser_id: string }[] }>(emu, 'oauth2/advertiser/get/', {
      app_id: emu.tokens.appKey,
      secret: emu.tokens.appSecret,
    });
    expect(ok.body.data.list.map((a) => a.advertiser_id)).toEqual(emu.store.advertisers().map((a) => a.advertiser_id));
    const wrong = await marketing(emu, 'oauth2/advertiser/get/', { app_id: emu.tokens.appKey, secret: 'x' });
    expect(wrong.body.code).toBe(40001);
  });

  it('hides deleted campaigns unless secondary_status is CAMPAIGN_STATUS_ALL', async () => {
    const all: Campaign[] = [];
    for (const advertiser of emu.store.advertisers()) {
      clock.ms += 1000;
      const visible = await marketing<PageData<Campaign>>(emu, 'campaign/get/', { advertiser_id: advertiser.advertiser_id, page_size: '1000' });
      const withDeleted = await marketing<PageData<Campaign>>(emu, 'campaign/get/', {
        advertiser_id: advertiser.advertiser_id,
        page_size: '1000',
        filtering: { secondary_status: 'CAMPAIGN_STATUS_ALL' },
      });
      expect(visible.body.code).toBe(0);
      expect(visible.body.data.list.some((c) => c.secondary_status === 'CAMPAIGN_STATUS_DELETE')).toBe(false);
      expect(withDeleted.body.data.list.length).toBeGreaterThanOrEqual(visible.body.data.list.length);
      all.push(...withDeleted.body.data.list);
    }
    expect(all.some((c) => c.secondary_status === 'CAMPAIGN_STATUS_DELETE')).toBe(true);
  });

  it('campaign/get validates paging and filtering', async () => {
    expect((await marketing(emu, 'campaign/get/', { advertiser_id: advertiserId, page_size: '1001' })).body.code).toBe(40002);
    expect((await marketing(emu, 'campaign/get/', { advertiser_id: advertiserId, filtering: '{bad' })).body.code).toBe(40002);
    expect((await marketing(emu, 'campaign/get/', {})).body.code).toBe(40002);
  });

  it('report rows carry metric values as strings ("-" when empty)', async () => {
    const { body } = await report({});
    expect(body.code).toBe(0);
    expect(body.data.page_info).toMatchObject({ page: 1, page_size: 1000 });
    for (const row of body.data.list) {
      expect(row.dimensions.stat_time_day).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
      for (const name of METRICS) expect(typeof row.metrics[name]).toBe('string');
      for (const value of Object.values(row.metrics)) expect(value).toMatch(/^(-|-?\d+(\.\d+)?)$/);
    }
  });

  it('excludes deleted campaigns\' spend unless campaign_status IN ["STATUS_ALL"]', async () => {
    let sawDifference = false;
    for (const advertiser of emu.store.advertisers()) {
      clock.ms += 1000;
      const plain = await report({ advertiser_id: advertiser.advertiser_id });
      const all = await report({
        advertiser_id: advertiser.advertiser_id,
        filtering: [{ field_name: 'campaign_status', filter_type: 'IN', filter_value: '["STATUS_ALL"]' }],
      });
      expect(all.body.data.list.length).toBeGreaterThanOrEqual(plain.body.data.list.length);
      if (all.body.data.list.length > plain.body.data.list.length) sawDifference = true;
    }
    expect(sawDifference).toBe(true);
  });

  it('refuses a daily report spanning more than 30 days, bad JSON params and unknown metrics with 40002', async () => {
    const thirtyOne = await report({ start_date: day(-30), end_date: day(0) });
    expect([thirtyOne.status, thirtyOne.body.code]).toEqual([200, 40002]);
    expect(thirtyOne.body.message).toMatch(/30 days/);
    expect((await report({ start_date: day(-29), end_date: day(0) })).body.code).toBe(0);
    expect((await report({ metrics: '["spend"' })).body.code).toBe(40002);
    expect((await report({ dimensions: '[campaign_id]' })).body.code).toBe(40002);
    expect((await report({ metrics: ['spend', 'not_a_metric'] })).body.code).toBe(40002);
    expect((await report({ start_date: day(0), end_date: day(-1) })).body.code).toBe(40002);
    expect((await report({ filtering: '[{"field_name":"campaign_status"' })).body.code).toBe(40002);
  });

  it('GMV Max: stores of the advertiser, report for one store', async () => {
    const advertiser = emu.store.advertisers().find((a) => emu.store.gmvMaxStores(a.advertiser_id).length > 0);
    if (!advertiser) throw new Error('the dataset has no GMV Max store');
    const stores = await marketing<{ store_list: { store_id: string }[] }>(emu, 'gmv_max/store/list/', { advertiser_id: advertiser.advertiser_id });
    expect(stores.body.code).toBe(0);
    const storeId = stores.body.data.store_list[0]?.store_id ?? '';
    const query = {
      advertiser_id: advertiser.advertiser_id,
      store_ids: [storeId],
      dimensions: ['campaign_id', 'stat_time_day'],
      metrics: ['cost', 'gross_revenue', 'roi', 'orders'],
      start_date: day(-2),
      end_date: day(0),
    };
    const ok = await marketing<PageData<Row>>(emu, 'gmv_max/report/get/', query);
    expect(ok.body.code).toBe(0);
    for (const row of ok.body.data.list) expect(typeof row.metrics.cost).toBe('string');
    expect((await marketing(emu, 'gmv_max/report/get/', { ...query, store_ids: [storeId, storeId] })).body.code).toBe(40002);
  });

  it('oauth2/access_token exchanges the auth code once for a working token', async () => {
    const body = (code: string) => JSON.stringify({ app_id: emu.tokens.appKey, secret: emu.tokens.appSecret, auth_code: code });
    const first = await marketing<{ access_token: string; advertiser_ids: string[] }>(
      emu,
      'oauth2/access_token/',
      {},
      { method: 'POST', body: body(emu.tokens.authCode), token: null },
    );
    expect(first.body.code).toBe(0);
    expect(first.body.data.advertiser_ids).toContain(advertiserId);
    const again = await marketing(emu, 'oauth2/access_token/', {}, { method: 'POST', body: body(emu.tokens.authCode), token: null });
    expect(again.body.code).toBe(40002);
    const use = await marketing(emu, 'advertiser/info/', { advertiser_ids: [advertiserId] }, { token: first.body.data.access_token });
    expect(use.body.code).toBe(0);
  });
});
