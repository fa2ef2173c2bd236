/**
 * A ROAS_BELOW rule (docs/alerts.md) fires once when the shop's ROAS over its trailing days falls
 * below the threshold, not again while it stays low or within the hysteresis band, resolves once
 * ROAS is back at threshold × 1.1, and fires again on the next fall. Spend moves through the
 * emulator's ad spend control (a campaign-day spending more); every ROAS is recomputed here from
 * the emulator's BASIC report rows (docs/metrics.md: Σ total_onsite_shopping_value over Σ spend of
 * the campaigns reporting it, half-even to 6 decimals), never with ShopGraph's own code.
 */
import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import type { Collected, Result } from '../subscriptions/clients';
import { subscribeSse } from '../subscriptions/clients';
import { describeWithRedis } from '../../helpers/redis';
import { oneReplica } from './one-replica';

const FIRED = 'subscription Fired($shopId: ID!) { alertFired(shopId: $shopId) { id ruleId kind value } }';
const DAYS = 3;

describeWithRedis('a ROAS_BELOW rule', () => {
  let stack: Awaited<ReturnType<typeof oneReplica>>;
  let fired: Collected<Result>;

  beforeAll(async () => {
    // Ad days are read again at every evaluation: the test moves spend of days already read.
    stack = await oneReplica({ seed: 'alerts-roas' }, { cache: { ttlSeconds: { openAdDays: 0.001 } } });
  });
  afterAll(async () => {
    await fired?.stop();
    await stack?.close();
  });

  it('fires once below the threshold, resolves at threshold × 1.1, fires again', async () => {
    const { emulator, shopId } = stack;
    const shop = emulator.store.shops()[0]!;
    const advertisers = emulator.store.advertisers().filter((a) => a.shop_ids.includes(shopId));
    expect(advertisers.length).toBeGreaterThan(0);
    // The window: the shop's last DAYS days, today included.
    const to = DateTime.now().setZone(shop.timezone).toISODate()!;
    const from = DateTime.fromISO(to, { zone: shop.timezone })
      .minus({ days: DAYS - 1 })
      .toISODate()!;
    /** The BASIC report rows (campaign × day) of the shop's advertisers in the window. */
    const rows = () =>
      advertisers.flatMap((a) =>
        emulator.store
          .report(a.advertiser_id, {
            start_date: from,
            end_date: to,
            include_deleted: true,
            metrics: ['spend', 'total_onsite_shopping_value'],
            page: 1,
            pageSize: 1000,
          })
          .list.map((r) => ({ advertiserId: a.advertiser_id, ...r })),
      );
    /** Attributed revenue (rows reporting it; `-` is none) and the BASIC part of ad spend (every BASIC row). */
    const totals = () => {
      const rs = rows();
      const value = rs.reduce((n, r) => (r.metrics.total_onsite_shopping_value === '-' ? n : n.plus(r.metrics.total_onsite_shopping_value!)), new Decimal(0));
      const spend = rs.reduce((n, r) => n.plus(r.metrics.spend!), new Decimal(0));
      return { value, spend };
    };
    const roas = () => {
      const { value, spend } = totals();
      return value.div(spend).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6);
    };
    const { value: value0, spend: spend0 } = totals();
    expect(spend0.isPositive()).toBe(true);
    // A campaign-day of the window to spend more on.
    const target = rows().find((r) => new Decimal(r.metrics.spend!).isPositive())!;
    const date = target.dimensions.stat_time_day.slice(0, 10);
    /** Sets the target campaign-day's extra spend so that ROAS becomes about `ratio` (cents, rounded up). */
    const spendFor = async (ratio: Decimal) => {
      const extra = Decimal.max(0, value0.div(ratio).minus(spend0)).toDecimalPlaces(2, Decimal.ROUND_UP);
      const res = await fetch(`${emulator.url}/__emulator/advertisers/${target.advertiserId}/spend`, {
        method: 'POST',
        body: JSON.stringify({ campaign_id: target.dimensions.campaign_id, date, extra_spend: extra.toFixed(2) }),
      });
      expect(res.status).toBe(200);
    };
    // TikTok redelivering an order's webhook: something may have moved, the shop is evaluated.
    const order = emulator.store.raw(shopId).orders[0]!;
    const nudge = () => stack.heard({ type: 1, shop_id: shopId, data: { order_id: order.id, order_status: order.status, update_time: order.update_time } });

    const roas0 = new Decimal(roas());
    const threshold = roas0.times(0.9).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    const ruleId = await stack.create({ roasBelow: { threshold: threshold.toFixed(2), trailingDays: DAYS } });
    expect(await stack.rules()).toEqual([{ id: ruleId, status: 'OK', firedCount: 0 }]);
    fired = subscribeSse(stack.gateway.server.url, FIRED, { shopId });
    await stack.logs.waitFor(() => stack.logs.lines().some((x) => x.msg === 'subscription started'));

    // Spend up: ROAS at about 0.8 × threshold — one alert, with the ROAS recomputed here.
    await spendFor(threshold.times(0.8));
    const low = roas();
    expect(new Decimal(low).lessThan(threshold)).toBe(true);
    await nudge();
    const [first] = await fired.atLeast(1);
    expect((first!.data as { alertFired: Record<string, unknown> }).alertFired).toEqual({ id: `${ruleId}-1`, ruleId, kind: 'ROAS_BELOW', value: low });

    // Lower still, then in the band (threshold × 1.05): FIRING, nothing more.
    for (const ratio of [threshold.times(0.6), threshold.times(1.05)]) {
      await spendFor(ratio);
      await nudge();
      expect(await stack.rules()).toEqual([{ id: ruleId, status: 'FIRING', firedCount: 1 }]);
    }
    // The extra spend taken back: ROAS as it was (≥ threshold × 1.1), resolved.
    await spendFor(roas0.times(2));
    expect(roas()).toBe(roas0.toFixed(6));
    await nudge();
    expect(await stack.rules()).toEqual([{ id: ruleId, status: 'OK', firedCount: 1 }]);

    // Down again: the second alert.
    await spendFor(threshold.times(0.7));
    const again = roas();
    await nudge();
    await fired.atLeast(2);
    expect((fired.results[1]!.data as { alertFired: Record<string, unknown> }).alertFired).toEqual({
      id: `${ruleId}-2`,
      ruleId,
      kind: 'ROAS_BELOW',
      value: again,
    });
    expect(stack.fired()).toHaveLength(2);
  });
});
