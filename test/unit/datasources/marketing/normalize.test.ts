import { parseUpstreamJson } from '../../../../src/upstream/json';
import { countMetric, moneyMetric, normalizeCampaign, normalizeReportRow, toDecimalText } from '../../../../src/datasources/marketing/normalize';
import { rawCampaignSchema, rawEventTrackRequestSchema, rawIntegratedReportRowSchema } from '../../../../src/datasources/marketing/schemas';

const campaign = {
  campaign_id: '1800000000000000001',
  campaign_name: 'Black Friday',
  objective_type: 'PRODUCT_SALES',
  budget: 100.55,
  budget_mode: 'BUDGET_MODE_DAY',
  operation_status: 'ENABLE',
  secondary_status: 'CAMPAIGN_STATUS_DELETE',
  create_time: '2026-10-01 08:00:00',
  modify_time: '2026-10-02 09:30:00',
};

describe('metric values', () => {
  it('turns "-" into null', () => {
    expect(moneyMetric('-')).toBeNull();
    expect(countMetric('-')).toBeNull();
  });

  it('keeps money exact and counts integral', () => {
    expect(moneyMetric('20.000')).toBe('20');
    expect(moneyMetric('0.1')).toBe('0.1');
    expect(moneyMetric('12345678901234.123456789')).toBe('12345678901234.123456789');
    expect(countMetric('4787')).toBe(4787);
  });

  it('writes JSON numbers without float noise or exponents', () => {
    expect(toDecimalText(100.55)).toBe('100.55');
    expect(toDecimalText(1e21)).toBe('1000000000000000000000');
    expect(toDecimalText('99999999999999999.99')).toBe('99999999999999999.99');
  });
});

describe('raw schemas and normalization', () => {
  it('normalizes a deleted campaign with a float-looking budget', () => {
    const normalized = normalizeCampaign(rawCampaignSchema.parse(campaign), '7000000000000000001');
    expect(normalized).toMatchObject({
      advertiserId: '7000000000000000001',
      campaignId: '1800000000000000001',
      budget: '100.55',
      deleted: true,
      createTime: '2026-10-01 08:00:00',
    });
  });

  it('accepts a budget lossless parsing had to keep as text', () => {
    const parsed = parseUpstreamJson(JSON.stringify(campaign).replace('100.55', '12345678.123456789012'));
    expect(normalizeCampaign(rawCampaignSchema.parse(parsed), '7').budget).toBe('12345678.123456789012');
  });

  it('refuses numeric IDs, which have already lost digits', () => {
    expect(rawCampaignSchema.safeParse({ ...campaign, campaign_id: 1800000000000000 }).success).toBe(false);
  });

  it('normalizes a report row', () => {
    const raw = rawIntegratedReportRowSchema.parse({
      dimensions: { campaign_id: '1800000000000000001', stat_time_day: '2026-11-01 00:00:00' },
      metrics: {
        spend: '20.000',
        impressions: '4787',
        clicks: '-',
        conversion: '3',
        onsite_shopping: '2',
        total_onsite_shopping_value: '59.970',
        extra_metric: 'whatever',
      },
    });
    expect(normalizeReportRow(raw)).toEqual({
      campaignId: '1800000000000000001',
      date: '2026-11-01',
      spend: '20',
      impressions: 4787,
      clicks: null,
      conversions: 3,
      shopPurchases: 2,
      attributedRevenue: '59.97',
      shopRoas: null,
    });
  });

  it('refuses fractional counts and non-midnight stat days', () => {
    const row = {
      dimensions: { campaign_id: '1', stat_time_day: '2026-11-01 00:00:00' },
      metrics: { spend: '1', impressions: '1.5', clicks: '1', conversion: '1', onsite_shopping: '1', total_onsite_shopping_value: '1' },
    };
    expect(rawIntegratedReportRowSchema.safeParse(row).success).toBe(false);
    const hourly = { ...row, dimensions: { campaign_id: '1', stat_time_day: '2026-11-01 13:00:00' }, metrics: { ...row.metrics, impressions: '1' } };
    expect(rawIntegratedReportRowSchema.safeParse(hourly).success).toBe(false);
  });

  it('caps an event/track body at 1000 events', () => {
    const event = {
      event: 'CompletePayment',
      event_time: 1790000000,
      event_id: 'o1',
      user: {},
      properties: { value: 1, currency: 'USD', order_id: 'o1', contents: [] },
    };
    const body = (n: number) => ({ event_source: 'web', event_source_id: 'PIXEL', data: Array.from({ length: n }, () => event) });
    expect(rawEventTrackRequestSchema.safeParse(body(1000)).success).toBe(true);
    expect(rawEventTrackRequestSchema.safeParse(body(1001)).success).toBe(false);
  });
});
