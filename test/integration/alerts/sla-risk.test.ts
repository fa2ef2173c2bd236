/**
 * An SLA_RISK rule (docs/alerts.md) fires once when enough orders still to ship come within
 * `withinHours` of their ship-by time, not again while they stay at risk, resolves once shipments
 * bring the count under the hysteresis band, and fires again on the next crossing. Orders are
 * placed and shipped through the emulator's controls, and every expected count is recomputed here
 * from the emulator's raw orders: statuses still to ship, `rts_sla_time` at or before now + hours.
 */
import type { Collected, Result } from '../subscriptions/clients';
import { subscribeSse } from '../subscriptions/clients';
import { describeWithRedis } from '../../helpers/redis';
import { shopControls, stockedSku } from './helpers';
import { oneReplica } from './one-replica';

const FIRED = 'subscription Fired($shopId: ID!) { alertFired(shopId: $shopId) { id ruleId kind value message } }';
const TO_SHIP = new Set(['ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);
const H = 3600;

describeWithRedis('an SLA_RISK rule', () => {
  let stack: Awaited<ReturnType<typeof oneReplica>>;
  let fired: Collected<Result>;

  beforeAll(async () => {
    stack = await oneReplica({ seed: 'alerts-sla' });
  });
  afterAll(async () => {
    await fired?.stop();
    await stack?.close();
  });

  it('fires once when the count at risk reaches minCount, resolves below the band, fires again', async () => {
    const { emulator, shopId } = stack;
    const shop = shopControls(emulator, shopId);
    const { skuId } = stockedSku(emulator, shopId);
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    /** Orders at risk within `hours`, counted by hand from the emulator's orders. */
    const atRisk = (hours: number) =>
      emulator.store.raw(shopId).orders.filter((o) => TO_SHIP.has(o.status) && o.rts_sla_time !== undefined && o.rts_sla_time <= nowSeconds() + hours * H)
        .length;
    // A horizon no generated ship-by time lies near (within 10 minutes): the count cannot move
    // between the test's clock and the gateway's.
    const hours = [1, 2, 3, 5, 7].find((h) => atRisk(h + 1 / 6) === atRisk(h - 1 / 6))!;
    const base = atRisk(hours);
    const minCount = base + 2;
    // docs/alerts.md: resolved once count < minCount − ⌊minCount × 0.1⌋.
    const resolvesBelow = minCount - Math.floor(minCount * 0.1);
    const soon = () => nowSeconds() + H / 2;

    const ruleId = await stack.create({ slaRisk: { withinHours: hours, minCount } });
    expect(await stack.rules()).toEqual([{ id: ruleId, status: 'OK', firedCount: 0 }]);
    fired = subscribeSse(stack.gateway.server.url, FIRED, { shopId });
    await stack.logs.waitFor(() => stack.logs.lines().some((x) => x.msg === 'subscription started'));

    // One order due to ship within the half hour: base + 1, under minCount.
    const first = await shop.order(skuId, 1, soon());
    await stack.heard(first.change);
    expect(atRisk(hours)).toBe(base + 1);
    expect(await stack.rules()).toEqual([{ id: ruleId, status: 'OK', firedCount: 0 }]);

    // A second: minCount reached, one alert with the count.
    const second = await shop.order(skuId, 2, soon());
    await stack.heard(second.change);
    expect(atRisk(hours)).toBe(minCount);
    const [alert] = await fired.atLeast(1);
    expect((alert!.data as { alertFired: Record<string, unknown> }).alertFired).toMatchObject({
      id: `${ruleId}-1`,
      ruleId,
      kind: 'SLA_RISK',
      value: String(minCount),
    });

    // A third: still at risk, nothing more.
    const third = await shop.order(skuId, 1, soon());
    await stack.heard(third.change);
    expect(atRisk(hours)).toBe(minCount + 1);
    expect(await stack.rules()).toEqual([{ id: ruleId, status: 'FIRING', firedCount: 1 }]);

    // The seller ships them one by one: FIRING until the count is under the band, then OK.
    for (const order of [third, second, first]) {
      await stack.heard(await shop.ship(order.id));
      const count = atRisk(hours);
      expect(await stack.rules()).toEqual([{ id: ruleId, status: count < resolvesBelow ? 'OK' : 'FIRING', firedCount: 1 }]);
    }
    expect(atRisk(hours)).toBe(base);

    // Two new orders due soon: the second crossing, the second alert.
    await stack.heard((await shop.order(skuId, 1, soon())).change);
    await stack.heard((await shop.order(skuId, 1, soon())).change);
    await fired.atLeast(2);
    expect(fired.results.map((r) => (r.data as { alertFired: { id: string; value: string } }).alertFired)).toEqual([
      expect.objectContaining({ id: `${ruleId}-1`, value: String(minCount) }),
      expect.objectContaining({ id: `${ruleId}-2`, value: String(minCount) }),
    ]);
    expect(stack.fired()).toHaveLength(2);
  });
});
