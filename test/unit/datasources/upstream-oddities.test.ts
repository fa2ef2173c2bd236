/**
 * What TikTok sends that ShopGraph does not know reaches /metrics: enum values it kept as sent
 * (bounded labels: past 10 values a field, `other`) and rows it set aside as rejected.
 */
import { Telemetry } from '../../../src/telemetry/metrics';
import { orderJson, SHOP } from './partner/fixtures';
import { harness, type Harness } from './partner/harness';
import { ok } from './partner/stub-server';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stub.close();
  h = undefined;
});

async function scrape(telemetry: Telemetry, name: string): Promise<string[]> {
  return (await telemetry.scrape()).body.split('\n').filter((line) => line.startsWith(name));
}

describe('unknown values and rejected rows in /metrics', () => {
  it('counts an order status ShopGraph does not know, by field and value, once per answer TikTok sent', async () => {
    const telemetry = new Telemetry({ processMetrics: false });
    h = await harness(
      () => ok({ orders: [orderJson('1', { status: 'AWAITING_PICKUP' }), orderJson('2', { status: 'AWAITING_PICKUP' })], next_page_token: '' }),
      {
        observer: telemetry.observeUpstream,
      },
    );
    await h.client.searchOrders(SHOP, { pageSize: 100 });
    expect(await scrape(telemetry, 'shopgraph_upstream_unknown_values_total')).toEqual([
      'shopgraph_upstream_unknown_values_total{api="partner",field="order.status",value="AWAITING_PICKUP"} 2',
    ]);
  });

  it('counts rejected rows by API and path template', async () => {
    const telemetry = new Telemetry({ processMetrics: false });
    const noCurrency = orderJson('2', { payment: { total_amount: '1' } });
    h = await harness(() => ok({ orders: [orderJson('1'), noCurrency], next_page_token: '' }), { observer: telemetry.observeUpstream });
    await h.client.searchOrders(SHOP, { pageSize: 100 });
    expect(await scrape(telemetry, 'shopgraph_upstream_rejected_rows_total')).toEqual([
      'shopgraph_upstream_rejected_rows_total{api="partner",path="/order/202309/orders/search"} 1',
    ]);
  });

  it('folds values past 10 distinct ones of a field into "other"', async () => {
    const telemetry = new Telemetry({ processMetrics: false });
    const values = Array.from({ length: 12 }, (_, i) => ({ field: 'order.status', value: `NEW_${i}` }));
    telemetry.observeUpstream({ api: 'partner', path: '/p', attempt: 1, code: 0, startedAt: 0, latencyMs: 1, waitedMs: 0, unknownValues: values });
    telemetry.observeUpstream({
      api: 'partner',
      path: '/p',
      attempt: 1,
      code: 0,
      startedAt: 0,
      latencyMs: 1,
      waitedMs: 0,
      unknownValues: [{ field: 'order.status', value: 'NEW_0' }],
    });
    const lines = await scrape(telemetry, 'shopgraph_upstream_unknown_values_total');
    expect(lines).toHaveLength(11);
    expect(lines).toContain('shopgraph_upstream_unknown_values_total{api="partner",field="order.status",value="other"} 2');
    expect(lines).toContain('shopgraph_upstream_unknown_values_total{api="partner",field="order.status",value="NEW_0"} 2');
  });
});
