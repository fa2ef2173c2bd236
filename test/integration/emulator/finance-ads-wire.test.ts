import type { EmuShop } from '../../../src/emulator/data/store';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, marketing, partner, startTestEmulator, type TestClock } from './helpers';

interface Statements {
  statements: Record<string, string>[];
  next_page_token: string;
  total_count?: number;
}
interface Campaign {
  campaign_id: string;
  secondary_status?: string;
  shopping_ads_type?: string;
  store_id?: string;
}
interface Row {
  dimensions: { campaign_id: string; stat_time_day: string };
  metrics: Record<string, string>;
}

describe('emulator over HTTP: statements and payments by market, GMV Max apart from BASIC', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let shops: EmuShop[];

  beforeAll(async () => {
    // Three shops (US local, GB cross-border, ID local), two weeks so statements exist.
    ({ emu, clock } = await startTestEmulator({ shops: 3, days: 14 }));
    token = await accessToken(emu);
    shops = emu.store.shops();
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    clock.ms += 1000;
  });

  const get = <T>(shop: EmuShop, path: string, query: Record<string, string>) => partner<T>(emu, clock, { token, cipher: shop.cipher, path, query });

  it('statements: the amounts each market gets, and no total_count', async () => {
    const keys = async (shop: EmuShop): Promise<string[]> => {
      const { body } = await get<Statements>(shop, '/finance/202309/statements', { sort_field: 'statement_time', page_size: '100' });
      expect(body.code).toBe(0);
      expect(body.data).not.toHaveProperty('total_count');
      expect(body.data.statements.length).toBeGreaterThan(0);
      return [...new Set(body.data.statements.flatMap((s) => Object.keys(s).filter((k) => k.endsWith('_amount'))))].sort();
    };
    const [us, gb, id] = shops as [EmuShop, EmuShop, EmuShop];
    expect(await keys(us)).toEqual(['adjustment_amount', 'fee_amount', 'net_sales_amount', 'settlement_amount', 'shipping_cost_amount']);
    expect(await keys(gb)).toEqual(['adjustment_amount', 'fee_amount', 'settlement_amount']);
    expect(await keys(id)).toEqual(['adjustment_amount', 'fee_amount', 'revenue_amount', 'settlement_amount']);
  });

  it('payments: served outside SEA; an Indonesian shop is refused (36009009, HTTP 404: no documented code)', async () => {
    const query = { sort_field: 'create_time', page_size: '20' };
    const us = await get<{ payments: unknown[] }>(shops[0]!, '/finance/202309/payments', query);
    expect([us.status, us.body.code]).toEqual([200, 0]);
    expect(us.body.data).not.toHaveProperty('total_count');
    const id = await get(shops[2]!, '/finance/202309/payments', query);
    expect([id.status, id.body.code, id.body.data]).toEqual([404, 36009009, null]);
    expect(id.body.message).toContain('unavailable to SEA markets');
  });

  it('gmv_max/campaign/get/ lists GMV Max campaigns; campaign/get/ and the BASIC report never show them', async () => {
    const gb = shops[1]!;
    const adv = emu.store.advertisers().find((a) => a.shop_ids.includes(gb.id))!;
    const types = ['PRODUCT_GMV_MAX', 'LIVE_GMV_MAX'];
    const listed = await marketing<{ list: Campaign[]; page_info: { total_number: number } }>(emu, 'gmv_max/campaign/get/', {
      advertiser_id: adv.advertiser_id,
      filtering: { gmv_max_promotion_types: types, store_ids: [gb.id] },
    });
    expect(listed.body.code).toBe(0);
    expect(listed.body.data.list.map((c) => [c.store_id, c.shopping_ads_type])).toEqual([[gb.id, 'PRODUCT']]);
    const deleted = await marketing<{ list: Campaign[] }>(emu, 'gmv_max/campaign/get/', {
      advertiser_id: adv.advertiser_id,
      filtering: { gmv_max_promotion_types: types, primary_status: 'STATUS_DELETE' },
    });
    expect(deleted.body.data.list.map((c) => [c.shopping_ads_type, c.secondary_status])).toEqual([['LIVE', 'CAMPAIGN_STATUS_DELETE']]);
    const noType = await marketing(emu, 'gmv_max/campaign/get/', { advertiser_id: adv.advertiser_id, filtering: {} });
    expect([noType.status, noType.body.code]).toEqual([200, 40002]);
    const standard = await marketing<{ list: Campaign[] }>(emu, 'campaign/get/', {
      advertiser_id: adv.advertiser_id,
      filtering: { secondary_status: 'CAMPAIGN_STATUS_ALL' },
    });
    expect(standard.body.data.list).toEqual([]);
    const window = { start_date: new Date(clock.ms - 10 * 86_400_000).toISOString().slice(0, 10), end_date: new Date(clock.ms).toISOString().slice(0, 10) };
    const basic = await marketing<{ list: Row[] }>(emu, 'report/integrated/get/', {
      advertiser_id: adv.advertiser_id,
      report_type: 'BASIC',
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: ['campaign_id', 'stat_time_day'],
      metrics: ['spend'],
      ...window,
      filtering: [{ field_name: 'campaign_status', filter_type: 'IN', filter_value: '["STATUS_ALL"]' }],
    });
    expect([basic.body.code, basic.body.data.list]).toEqual([0, []]);
  });

  it("gmv_max/report/get/: the deleted campaign's cost only with campaign_statuses asking for it", async () => {
    const gb = shops[1]!;
    const adv = emu.store.advertisers().find((a) => a.shop_ids.includes(gb.id))!;
    const window = { start_date: new Date(clock.ms - 10 * 86_400_000).toISOString().slice(0, 10), end_date: new Date(clock.ms).toISOString().slice(0, 10) };
    const report = (filtering?: object) =>
      marketing<{ list: Row[]; total_metrics?: Record<string, string> }>(emu, 'gmv_max/report/get/', {
        advertiser_id: adv.advertiser_id,
        store_ids: [gb.id],
        dimensions: ['campaign_id', 'stat_time_day'],
        metrics: ['cost', 'gross_revenue', 'roi', 'orders'],
        ...window,
        page_size: '1000',
        ...(filtering ? { filtering } : {}),
      });
    const campaigns = (rows: Row[]) => new Set(rows.map((r) => r.dimensions.campaign_id)).size;
    const plain = await report();
    const all = await report({ campaign_statuses: ['STATUS_ALL'] });
    expect([plain.body.code, all.body.code]).toEqual([0, 0]);
    expect([campaigns(plain.body.data.list), campaigns(all.body.data.list)]).toEqual([1, 2]);
    const live = await report({ campaign_statuses: ['STATUS_DELETE'], gmv_max_promotion_types: ['LIVE'] });
    expect(live.body.data.list.length).toBeGreaterThan(0);
    expect(live.body.data.list.every((r) => Number(r.metrics.cost) > 0)).toBe(true);
    const bad = await report({ campaign_statuses: ['STATUS_SOMETIMES'] });
    expect(bad.body.code).toBe(40002);
  });
});
