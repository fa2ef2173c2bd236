import { MarketingClient, type MarketingClientOptions } from '../../../../src/datasources/marketing/marketing-client';
import { UpstreamError } from '../../../../src/upstream/upstream-error';
import { captureLogs, fakeRetryEnv, ok, pageInfo, startStub, tiktokError, type SeenRequest, type Stub, type StubReply } from './stub-upstream';

const TOKEN = 'tok-SECRET-4242';
const ADVERTISER = '7000000000000000001';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function setup(handler: (request: SeenRequest) => StubReply, extra: Partial<MarketingClientOptions> = {}) {
  stub = await startStub(handler);
  const logs = captureLogs();
  const env = fakeRetryEnv();
  const client = new MarketingClient({
    baseUrl: stub.baseUrl,
    accessToken: TOKEN,
    appId: 'app-1',
    appSecret: 'app-secret-xyz',
    logger: logs.logger,
    retryEnv: env,
    ...extra,
  } as MarketingClientOptions);
  return { client, logs, env, requests: stub.requests };
}

function reportRow(campaignId: string, day: string, metrics: Record<string, string> = {}) {
  return {
    dimensions: { campaign_id: campaignId, stat_time_day: `${day} 00:00:00` },
    metrics: {
      spend: '10.000',
      impressions: '100',
      clicks: '5',
      conversion: '1',
      onsite_shopping: '1',
      total_onsite_shopping_value: '25.50',
      ...metrics,
    },
  };
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

function campaignRow(id: string) {
  return {
    campaign_id: id,
    campaign_name: `c${id}`,
    objective_type: 'PRODUCT_SALES',
    budget: 50.1,
    budget_mode: 'BUDGET_MODE_DAY',
    operation_status: 'ENABLE',
    secondary_status: 'CAMPAIGN_STATUS_ENABLE',
    create_time: '2026-10-01 00:00:00',
    modify_time: '2026-10-01 00:00:00',
  };
}

function advertiser(id: string) {
  return { advertiser_id: id, name: `a${id}`, currency: 'USD', timezone: 'Etc/GMT+8', display_timezone: 'America/Los_Angeles', status: 'STATUS_ENABLE' };
}

describe('MarketingClient conventions', () => {
  it('sends Access-Token (not Bearer), a /open_api/v1.3/...-/ path and JSON-encoded array params', async () => {
    const { client, requests } = await setup((req) => ok({ list: JSON.parse(req.query.get('advertiser_ids') ?? '[]').map(advertiser) }));
    const result = await client.getAdvertiserInfo([ADVERTISER]);
    expect(result).toEqual([
      {
        advertiserId: ADVERTISER,
        name: `a${ADVERTISER}`,
        currency: 'USD',
        timezone: 'Etc/GMT+8',
        displayTimezone: 'America/Los_Angeles',
        status: 'STATUS_ENABLE',
      },
    ]);
    const [req] = requests;
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe('/open_api/v1.3/advertiser/info/');
    expect(req?.headers['access-token']).toBe(TOKEN);
    expect(req?.headers.authorization).toBeUndefined();
    expect(req?.query.get('advertiser_ids')).toBe(`["${ADVERTISER}"]`);
    expect(JSON.parse(req?.query.get('fields') ?? '[]')).toContain('display_timezone');
  });

  it('asks advertiser/info for at most 100 ids per request', async () => {
    const { client, requests } = await setup((req) => ok({ list: JSON.parse(req.query.get('advertiser_ids') ?? '[]').map(advertiser) }));
    const ids = Array.from({ length: 250 }, (_, i) => String(7000 + i));
    expect(await client.getAdvertiserInfo(ids)).toHaveLength(250);
    expect(requests.map((r) => JSON.parse(r.query.get('advertiser_ids') ?? '[]').length)).toEqual([100, 100, 50]);
  });

  it('takes the token from getAccessToken on every attempt', async () => {
    let n = 0;
    const tokens = ['first', 'second'];
    const { client, requests } = await setup(() => (n++ === 0 ? tiktokError(40100) : ok({ store_list: [] })), {
      accessToken: undefined,
      getAccessToken: async () => tokens.shift() ?? 'none',
    });
    await client.getGmvMaxStores(ADVERTISER);
    expect(requests.map((r) => r.headers['access-token'])).toEqual(['first', 'second']);
  });

  it('logs one line per attempt with request facts and never the token or app secret', async () => {
    let n = 0;
    const { client, logs } = await setup(() =>
      n++ === 0 ? tiktokError(40100, `too many requests for ${TOKEN}`, 'req-1') : ok({ list: [{ advertiser_id: ADVERTISER, advertiser_name: 'A' }] }, 'req-2'),
    );
    expect(await client.getAuthorizedAdvertisers()).toEqual([{ advertiserId: ADVERTISER, name: 'A' }]);
    const entries = logs.entries();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: '/open_api/v1.3/oauth2/advertiser/get/',
      code: 40100,
      requestId: 'req-1',
      attempt: 1,
      errorKind: 'rate_limited',
    });
    expect(entries[1]).toMatchObject({ code: 0, requestId: 'req-2', attempt: 2 });
    expect(typeof entries[1]?.latencyMs).toBe('number');
    const text = logs.lines.join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('app-secret-xyz');
  });

  it('sends app_id and secret to oauth2/advertiser/get and refuses to run without them', async () => {
    const { client, requests } = await setup(() => ok({ list: [] }));
    await client.getAuthorizedAdvertisers();
    expect(requests[0]?.query.get('app_id')).toBe('app-1');
    expect(requests[0]?.query.get('secret')).toBe('app-secret-xyz');
    const bare = new MarketingClient({ baseUrl: stub?.baseUrl ?? '', accessToken: TOKEN });
    await expect(bare.getAuthorizedAdvertisers()).rejects.toThrow(/appId and appSecret/);
  });
});

describe('MarketingClient errors', () => {
  it('retries 40100 delivered with HTTP 200, with jittered backoff from the injected clock', async () => {
    let n = 0;
    const { client, env, requests } = await setup(() =>
      n++ < 2 ? tiktokError(40100) : ok({ store_list: [{ store_id: '7495000000000000001', store_name: 'Shop' }] }),
    );
    expect(await client.getGmvMaxStores(ADVERTISER)).toEqual([{ storeId: '7495000000000000001', name: 'Shop', status: null, gmvMaxAvailable: null }]);
    expect(requests).toHaveLength(3);
    expect(env.sleeps).toEqual([100, 200]);
  });

  it.each([
    [40105, 'auth_expired'],
    [40102, 'auth_expired'],
    [40001, 'permission'],
    [40002, 'bad_request'],
  ] as const)('does not retry code %i (%s)', async (code, kind) => {
    const { client, requests } = await setup(() => tiktokError(code, 'nope', 'req-x'));
    const error = await client.getGmvMaxStores(ADVERTISER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind, details: { api: 'marketing', code, requestId: 'req-x', httpStatus: 200 } });
    expect(requests).toHaveLength(1);
  });

  it('retries a 504 with a non-JSON body', async () => {
    let n = 0;
    const { client, requests } = await setup(() => (n++ === 0 ? { status: 504, text: '<html>Gateway Timeout</html>' } : ok({ store_list: [] })));
    expect(await client.getGmvMaxStores(ADVERTISER)).toEqual([]);
    expect(requests).toHaveLength(2);
  });

  it('honours Retry-After on an HTTP 429 from a proxy', async () => {
    let n = 0;
    const { client, env } = await setup(() => (n++ === 0 ? { status: 429, text: 'slow down', headers: { 'retry-after': '2' } } : ok({ store_list: [] })));
    await client.getGmvMaxStores(ADVERTISER);
    expect(env.sleeps).toEqual([2000]);
  });

  it('retries a network failure as unavailable', async () => {
    const env = fakeRetryEnv();
    let calls = 0;
    const client = new MarketingClient({
      baseUrl: 'http://127.0.0.1:9',
      accessToken: TOKEN,
      retryEnv: env,
      retry: { maxAttempts: 2 },
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed');
      },
    });
    await expect(client.getGmvMaxStores(ADVERTISER)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(calls).toBe(2);
  });

  it('gives up on 50000 after the policy attempts', async () => {
    const { client, requests } = await setup(() => tiktokError(50000), { retry: { maxAttempts: 3 } });
    await expect(client.getGmvMaxStores(ADVERTISER)).rejects.toMatchObject({ kind: 'unavailable', details: { code: 50000 } });
    expect(requests).toHaveLength(3);
  });

  it('names the JSON path of an invalid answer', async () => {
    const { client } = await setup(() => ok({ list: [campaignRow('1')], page_info: { ...(pageInfo(1, 1) as object), total_page: '1' } }));
    const error = await client.getCampaigns(ADVERTISER).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as Error).message).toContain('data.page_info.total_page');
  });

  it('sets a campaign row without a usable id aside as rejected, logs it once and keeps the others', async () => {
    const { client, logs } = await setup(() => ok({ list: [campaignRow('1'), { ...campaignRow('2'), campaign_id: 2 }], page_info: pageInfo(1, 1) }));
    const list = await client.getCampaigns(ADVERTISER);
    expect(list.campaigns.map((c) => c.campaignId)).toEqual(['1']);
    expect(list.rejected).toEqual([{ index: 1, id: '2', orderId: null, createTime: null, path: 'page 1: list[1].campaign_id', message: expect.any(String) }]);
    const warnings = logs.entries().filter((e) => e.msg === 'marketing answer had rows ShopGraph cannot read');
    expect(warnings).toHaveLength(1);
  });

  it('accepts an error envelope without request_id and classifies it by code', async () => {
    const { client } = await setup(() => ({ json: { code: 40002, message: 'bad field' } }));
    const error = await client.getGmvMaxStores(ADVERTISER).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'bad_request', details: { code: 40002 } });
    expect((error as UpstreamError).details.requestId).toBeUndefined();
  });

  it('says re-authorize when no token is configured', async () => {
    const { client, requests } = await setup(() => ok({ store_list: [] }), { accessToken: undefined });
    await expect(client.getGmvMaxStores(ADVERTISER)).rejects.toMatchObject({ kind: 'auth_expired' });
    expect(requests).toHaveLength(0);
  });
});

describe('MarketingClient.getCampaigns', () => {
  it('reads offset pages to the last one with page_size 1000', async () => {
    const { client, requests } = await setup((req) => {
      const page = Number(req.query.get('page'));
      return ok({ list: [campaignRow(String(page * 10)), campaignRow(String(page * 10 + 1))], page_info: pageInfo(page, 3) });
    });
    const { campaigns, rejected } = await client.getCampaigns(ADVERTISER);
    expect(campaigns.map((c) => c.campaignId)).toEqual(['10', '11', '20', '21', '30', '31']);
    expect(campaigns[0]).toMatchObject({ advertiserId: ADVERTISER, budget: '50.1', deleted: false, type: 'STANDARD', storeId: null });
    expect(rejected).toEqual([]);
    expect(requests.map((r) => [r.path, r.query.get('page'), r.query.get('page_size')])).toEqual([
      ['/open_api/v1.3/campaign/get/', '1', '1000'],
      ['/open_api/v1.3/campaign/get/', '2', '1000'],
      ['/open_api/v1.3/campaign/get/', '3', '1000'],
    ]);
    expect(requests[0]?.query.has('filtering')).toBe(false);
  });

  it('sends filtering as a JSON object, 100 campaign ids each, with CAMPAIGN_STATUS_ALL for deleted ones', async () => {
    const { client, requests } = await setup(() => ok({ list: [], page_info: pageInfo(1, 0) }));
    const ids = Array.from({ length: 150 }, (_, i) => String(1000 + i));
    await client.getCampaigns(ADVERTISER, { campaignIds: ids, includeDeleted: true });
    const filters = requests.map((r) => JSON.parse(r.query.get('filtering') ?? 'null') as { campaign_ids: string[]; secondary_status: string });
    expect(filters.map((f) => f.campaign_ids.length)).toEqual([100, 50]);
    expect(filters.every((f) => f.secondary_status === 'CAMPAIGN_STATUS_ALL')).toBe(true);
  });

  it("reads a campaign row without secondary_status (TikTok's sandbox) and other optional fields", async () => {
    const { client } = await setup(() => ok({ list: [{ campaign_id: '7', campaign_name: 'bare' }], page_info: pageInfo(1, 1) }));
    const { campaigns } = await client.getCampaigns(ADVERTISER);
    expect(campaigns).toEqual([
      expect.objectContaining({ campaignId: '7', name: 'bare', secondaryStatus: null, operationStatus: null, budget: null, deleted: false, createTime: '' }),
    ]);
  });
});

describe('MarketingClient.getGmvMaxCampaigns', () => {
  function gmvMaxRow(id: string, storeId: string, extra: Record<string, unknown> = {}) {
    return { campaign_id: id, campaign_name: `g${id}`, operation_status: 'ENABLE', store_id: storeId, shopping_ads_type: 'PRODUCT', budget: 80, ...extra };
  }

  it('asks gmv_max/campaign/get/ for both promotion types, pages of 100, and marks the campaigns GMV_MAX', async () => {
    const { client, requests } = await setup((req) => {
      const page = Number(req.query.get('page'));
      return ok({ list: [gmvMaxRow(String(page), '7495000000000000001')], page_info: pageInfo(page, 2, 100) });
    });
    const { campaigns, rejected } = await client.getGmvMaxCampaigns(ADVERTISER);
    expect(campaigns).toEqual([
      expect.objectContaining({
        campaignId: '1',
        type: 'GMV_MAX',
        storeId: '7495000000000000001',
        shoppingAdsType: 'PRODUCT',
        budget: '80',
        deleted: false,
        secondaryStatus: null,
      }),
      expect.objectContaining({ campaignId: '2', type: 'GMV_MAX' }),
    ]);
    expect(rejected).toEqual([]);
    expect(requests.map((r) => [r.path, r.query.get('page'), r.query.get('page_size')])).toEqual([
      ['/open_api/v1.3/gmv_max/campaign/get/', '1', '100'],
      ['/open_api/v1.3/gmv_max/campaign/get/', '2', '100'],
    ]);
    expect(JSON.parse(requests[0]?.query.get('filtering') ?? 'null')).toEqual({ gmv_max_promotion_types: ['PRODUCT_GMV_MAX', 'LIVE_GMV_MAX'] });
  });

  it('with deleted ones, asks again by STATUS_DELETE, marks those deleted and lists a campaign once; store ids 10 a request', async () => {
    const { client, requests } = await setup((req) => {
      const filtering = JSON.parse(req.query.get('filtering') ?? '{}') as { primary_status?: string };
      const list = filtering.primary_status === 'STATUS_DELETE' ? [gmvMaxRow('9', '1'), gmvMaxRow('1', '1')] : [gmvMaxRow('1', '1')];
      return ok({ list, page_info: pageInfo(1, 1, 100) });
    });
    const stores = Array.from({ length: 11 }, (_, i) => String(100 + i));
    const { campaigns } = await client.getGmvMaxCampaigns(ADVERTISER, { includeDeleted: true, storeIds: stores });
    expect(campaigns.map((c) => [c.campaignId, c.deleted])).toEqual([
      ['1', false],
      ['9', true],
    ]);
    const filters = requests.map((r) => JSON.parse(r.query.get('filtering') ?? '{}') as { store_ids: string[]; primary_status?: string });
    expect(filters.map((f) => [f.store_ids.length, f.primary_status ?? null])).toEqual([
      [10, null],
      [10, 'STATUS_DELETE'],
      [1, null],
      [1, 'STATUS_DELETE'],
    ]);
  });

  it('keeps a shopping_ads_type it does not know, as sent', async () => {
    const { client } = await setup(() => ok({ list: [gmvMaxRow('1', '1', { shopping_ads_type: 'CATALOG' })], page_info: pageInfo(1, 1, 100) }));
    expect((await client.getGmvMaxCampaigns(ADVERTISER)).campaigns[0]?.shoppingAdsType).toBe('CATALOG');
  });
});

describe('MarketingClient.getDailyReport', () => {
  const DELETED_FILTER = { field_name: 'campaign_status', filter_type: 'IN', filter_value: '["STATUS_ALL"]' };

  it('sends the BASIC campaign × day query with the deleted-campaigns filter and normalizes rows', async () => {
    const { client, requests } = await setup(() =>
      ok({ list: [reportRow('18001', '2026-11-01', { spend: '20.000', clicks: '-', total_onsite_shopping_value: '0.10' })], page_info: pageInfo(1, 1) }),
    );
    const rows = await client.getDailyReport(ADVERTISER, { from: '2026-11-01', to: '2026-11-01' });
    expect(rows).toEqual([
      {
        campaignId: '18001',
        date: '2026-11-01',
        spend: '20',
        impressions: 100,
        clicks: null,
        conversions: 1,
        shopPurchases: 1,
        attributedRevenue: '0.1',
        shopRoas: null,
      },
    ]);
    const q = requests[0]?.query;
    expect(requests[0]?.path).toBe('/open_api/v1.3/report/integrated/get/');
    expect(q?.get('advertiser_id')).toBe(ADVERTISER);
    expect(q?.get('report_type')).toBe('BASIC');
    expect(q?.get('data_level')).toBe('AUCTION_CAMPAIGN');
    expect(q?.get('dimensions')).toBe('["campaign_id","stat_time_day"]');
    expect(JSON.parse(q?.get('metrics') ?? '[]')).toEqual(['spend', 'impressions', 'clicks', 'conversion', 'onsite_shopping', 'total_onsite_shopping_value']);
    expect(q?.get('filtering')).toBe('[{"field_name":"campaign_status","filter_type":"IN","filter_value":"[\\"STATUS_ALL\\"]"}]');
  });

  it('cuts 75 days into 3 calls of at most 30 inclusive days', async () => {
    const { client, requests } = await setup((req) => ok({ list: [reportRow('1', req.query.get('start_date') ?? '')], page_info: pageInfo(1, 1) }));
    const rows = await client.getDailyReport(ADVERTISER, { from: '2026-09-01', to: '2026-11-14' });
    expect(requests.map((r) => [r.query.get('start_date'), r.query.get('end_date')])).toEqual([
      ['2026-09-01', '2026-09-30'],
      ['2026-10-01', '2026-10-30'],
      ['2026-10-31', '2026-11-14'],
    ]);
    expect(rows.map((r) => r.date)).toEqual(['2026-09-01', '2026-10-01', '2026-10-31']);
  });

  it('keeps the deleted-campaigns filter next to a campaign filter, 100 ids per request', async () => {
    const { client, requests } = await setup(() => ok({ list: [], page_info: pageInfo(1, 0) }));
    const ids = Array.from({ length: 101 }, (_, i) => String(5000 + i));
    await client.getDailyReport(ADVERTISER, { from: '2026-11-01', to: '2026-11-02', campaignIds: ids });
    expect(requests).toHaveLength(2);
    for (const req of requests) {
      const filtering = JSON.parse(req.query.get('filtering') ?? '[]') as Array<{ field_name: string; filter_value: string }>;
      expect(filtering[0]).toEqual(DELETED_FILTER);
      expect(filtering[1]?.field_name).toBe('campaign_ids');
    }
    const sizes = requests.map(
      (r) => (JSON.parse((JSON.parse(r.query.get('filtering') ?? '[]') as Array<{ filter_value: string }>)[1]?.filter_value ?? '[]') as string[]).length,
    );
    expect(sizes).toEqual([100, 1]);
  });

  it('reads every page of a chunk', async () => {
    const { client, requests } = await setup((req) => {
      const page = Number(req.query.get('page'));
      return ok({ list: [reportRow(String(page), '2026-11-01')], page_info: pageInfo(page, 2) });
    });
    const rows = await client.getDailyReport(ADVERTISER, { from: '2026-11-01', to: '2026-11-01' });
    expect(rows.map((r) => r.campaignId)).toEqual(['1', '2']);
    expect(requests.map((r) => r.query.get('page'))).toEqual(['1', '2']);
  });

  it('halves a range answered with 40067 until it fits', async () => {
    const { client, requests } = await setup((req) => {
      const from = req.query.get('start_date') ?? '';
      const to = req.query.get('end_date') ?? '';
      return daysBetween(from, to) > 2 ? tiktokError(40067, 'query too large') : ok({ list: [reportRow('1', from)], page_info: pageInfo(1, 1) });
    });
    const rows = await client.getDailyReport(ADVERTISER, { from: '2026-11-01', to: '2026-11-05' });
    expect(requests.map((r) => [r.query.get('start_date'), r.query.get('end_date')])).toEqual([
      ['2026-11-01', '2026-11-05'],
      ['2026-11-01', '2026-11-03'],
      ['2026-11-01', '2026-11-02'],
      ['2026-11-03', '2026-11-03'],
      ['2026-11-04', '2026-11-05'],
    ]);
    expect(rows.map((r) => r.date)).toEqual(['2026-11-01', '2026-11-03', '2026-11-04']);
  });

  it('gives up with query_too_large when even one day is too large', async () => {
    const { client, requests } = await setup(() => tiktokError(40067));
    await expect(client.getDailyReport(ADVERTISER, { from: '2026-11-01', to: '2026-11-04' })).rejects.toMatchObject({ kind: 'query_too_large' });
    expect(requests.map((r) => `${r.query.get('start_date')}..${r.query.get('end_date')}`)).toEqual([
      '2026-11-01..2026-11-04',
      '2026-11-01..2026-11-02',
      '2026-11-01..2026-11-01',
    ]);
  });

  it('refuses a reversed range before calling TikTok', async () => {
    const { client, requests } = await setup(() => ok({}));
    await expect(client.getDailyReport(ADVERTISER, { from: '2026-11-02', to: '2026-11-01' })).rejects.toThrow(RangeError);
    expect(requests).toHaveLength(0);
  });
});

describe('MarketingClient GMV Max and OAuth', () => {
  it('reads the GMV Max report for one store', async () => {
    const { client, requests } = await setup(() =>
      ok({
        list: [
          {
            dimensions: { campaign_id: '18001', stat_time_day: '2026-11-01 00:00:00' },
            metrics: { cost: '12.300', gross_revenue: '99.90', roi: '8.12', orders: '4' },
          },
        ],
        page_info: pageInfo(1, 1),
      }),
    );
    const rows = await client.getGmvMaxReport('7495000000000000001', ADVERTISER, { from: '2026-11-01', to: '2026-11-01' });
    expect(rows).toEqual([
      { storeId: '7495000000000000001', campaignId: '18001', date: '2026-11-01', cost: '12.3', grossRevenue: '99.9', roi: '8.12', orders: 4 },
    ]);
    expect(requests[0]?.path).toBe('/open_api/v1.3/gmv_max/report/get/');
    expect(requests[0]?.query.get('store_ids')).toBe('["7495000000000000001"]');
    expect(JSON.parse(requests[0]?.query.get('metrics') ?? '[]')).toEqual(['cost', 'gross_revenue', 'roi', 'orders']);
  });

  it('exchanges an auth code by POST without Access-Token and does not retry a 5xx code', async () => {
    const { client, requests, logs } = await setup(() => tiktokError(50000));
    await expect(client.exchangeAuthCode('code-123')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.path).toBe('/open_api/v1.3/oauth2/access_token/');
    expect(requests[0]?.headers['access-token']).toBeUndefined();
    expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual({ app_id: 'app-1', secret: 'app-secret-xyz', auth_code: 'code-123' });
    expect(logs.lines.join('\n')).not.toContain('app-secret-xyz');
  });

  it('returns the grant', async () => {
    const { client } = await setup(() => ok({ access_token: 'new-token', advertiser_ids: [ADVERTISER], scope: [4, 5] }));
    expect(await client.exchangeAuthCode('code-123')).toEqual({ accessToken: 'new-token', advertiserIds: [ADVERTISER], scope: ['4', '5'] });
  });
});
