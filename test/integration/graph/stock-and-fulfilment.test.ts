/**
 * Inventory and fulfilment in the graph, against the emulator: every figure is recomputed here by
 * hand from the emulator's raw data (docs/metrics.md, "Fulfilment" and "Inventory"), never with
 * ShopGraph's own helpers.
 */
import { Decimal } from 'decimal.js';
import { startStack, type Stack } from '../../helpers/stack';

const INVENTORY = 'POST /product/202309/inventory/search';
const DAY = 86_400;

/** The shop-local day (YYYY-MM-DD) of a Unix time, by Intl. */
const dayIn = (seconds: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(seconds * 1000);
const countedAt = (o: { is_cod?: boolean; create_time: number; paid_time?: number }): number | undefined => (o.is_cod ? o.create_time : o.paid_time);
/** The day `n` days before `date` (calendar arithmetic on the label). */
const minusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY * 1000).toISOString().slice(0, 10);

type Inv = {
  available: number | null;
  committed: number | null;
  outOfStock: boolean | null;
  lowStock: boolean | null;
  lowStockThreshold: number;
  salesDays: number;
  warehouses: { warehouseId: string; available: number; committed: number }[];
  salesPace: { unitsSold: number | null; dailyUnits: string | null; daysOfCover: string | null; nullReason: string | null };
};
type Products = { shop: { timezone: string; products: { nodes: { id: string; skus: { id: string; inventory: Inv | null }[] }[] } } };

describe('stock and fulfilment against the emulator', () => {
  let stack: Stack;
  let shopId: string;
  let timezone: string;

  beforeAll(async () => {
    stack = await startStack({ emulator: { ordersPerDay: 20 } });
    const res = await stack.gql<{ shops: { id: string; timezone: string }[] }>('{ shops { id timezone } }');
    shopId = res.data!.shops[0]!.id;
    timezone = res.data!.shops[0]!.timezone;
  });
  afterAll(() => stack.close());

  it("answers every SKU's stock with one Inventory Search per 100 products, as TikTok and the orders have it", async () => {
    const query = `query($s: ID!) { shop(id: $s) { timezone products(first: 100) { nodes { id skus { id inventory(lowStockThreshold: 40, salesDays: 7) {
      available committed outOfStock lowStock lowStockThreshold salesDays warehouses { warehouseId available committed }
      salesPace { unitsSold dailyUnits daysOfCover nullReason } } } } } } }`;
    await stack.resetCalls();
    const res = await stack.gql<Products>(query, { s: shopId });
    expect(res.errors).toBeUndefined();
    expect((await stack.calls())[INVENTORY]).toBe(1);

    const raw = stack.emulator.store.raw(shopId);
    const today = dayIn(stack.emulator.store.now(), timezone);
    const days = new Set(Array.from({ length: 7 }, (_, i) => minusDays(today, i + 1)));
    // Units per SKU of the orders counted on the 7 complete days before today, cancelled ones left out.
    const units = new Map<string, number>();
    for (const o of raw.orders) {
      const at = countedAt(o);
      if (at === undefined || o.status === 'CANCELLED' || !days.has(dayIn(at, timezone))) continue;
      for (const l of o.line_items) units.set(l.sku_id, (units.get(l.sku_id) ?? 0) + 1);
    }
    // Committed: lines of orders placed and not shipped or cancelled.
    const committed = new Map<string, number>();
    for (const o of raw.orders)
      for (const l of o.line_items) {
        if (['UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING'].includes(l.display_status))
          committed.set(l.sku_id, (committed.get(l.sku_id) ?? 0) + 1);
      }
    let seenCover = 0;
    let seenOut = 0;
    for (const p of res.data!.shop.products.nodes) {
      const [tiktok] = stack.emulator.store.searchInventory(shopId, { product_ids: [p.id] });
      const detail = stack.emulator.store.getProduct(shopId, p.id)!;
      for (const sku of p.skus) {
        const inv = sku.inventory!;
        const row = tiktok!.skus.find((s) => s.id === sku.id)!;
        expect(inv.available).toBe(row.total_available_quantity);
        // Get Product's quantity is the same figure (Inventory Search's reference says so).
        expect(inv.available).toBe(detail.skus.find((s) => s.id === sku.id)!.inventory.reduce((n, w) => n + w.quantity, 0));
        expect(inv.committed).toBe(committed.get(sku.id) ?? 0);
        expect(inv.warehouses).toEqual(
          row.warehouse_inventory.map((w) => ({ warehouseId: w.warehouse_id, available: w.available_quantity, committed: w.committed_quantity })),
        );
        expect(inv.outOfStock).toBe(row.total_available_quantity === 0);
        expect(inv.lowStock).toBe(row.total_available_quantity <= 40);
        const sold = units.get(sku.id) ?? 0;
        expect(inv.salesPace.unitsSold).toBe(sold);
        expect(inv.salesPace.dailyUnits).toBe(new Decimal(sold).div(7).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6));
        if (sold === 0) {
          expect(inv.salesPace.daysOfCover).toBeNull();
          expect(inv.salesPace.nullReason).toMatch(/no units sold in the last 7 complete days/);
        } else {
          seenCover += 1;
          expect(inv.salesPace.daysOfCover).toBe(
            new Decimal(row.total_available_quantity).times(7).div(sold).toDecimalPlaces(1, Decimal.ROUND_HALF_EVEN).toFixed(1),
          );
        }
        if (inv.outOfStock) seenOut += 1;
      }
    }
    // The check proves something: some SKUs sold, one is sold out.
    expect(seenCover).toBeGreaterThan(0);
    expect(seenOut).toBeGreaterThan(0);

    await stack.resetCalls();
    expect(await stack.gql<Products>(query, { s: shopId })).toEqual(res);
    expect((await stack.calls())[INVENTORY]).toBeUndefined();
  });

  it('computes late-ship rate, on-time delivery rate and orders at risk as docs/metrics.md defines them', async () => {
    const raw = stack.emulator.store.raw(shopId).orders;
    const counted = raw.filter((o) => countedAt(o) !== undefined);
    const dates = counted.map((o) => dayIn(countedAt(o)!, timezone)).sort();
    const range = { from: dates[0]!, to: dates.at(-1)! };
    type M = { value: string | null; asOf: string; source: string; formula: string };
    const res = await stack.gql<{
      shop: { metrics: { lateShipRate: M; onTimeDeliveryRate: M; ordersAtRisk: M; wide: M; series: { metrics: { value: string | null }[] }[] } };
    }>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) {
        lateShipRate { value asOf source formula } onTimeDeliveryRate { value asOf source formula } ordersAtRisk { value asOf source formula }
        wide: ordersAtRisk(withinHours: 720) { value asOf source formula } series(names: [ORDERS_AT_RISK]) { metrics { value } } } } }`,
      { s: shopId, r: range },
    );
    expect(res.errors).toBeUndefined();
    const m = res.data!.shop.metrics;
    const shipments = counted.filter((o) => o.rts_time !== undefined && o.rts_sla_time !== undefined);
    const late = shipments.filter((o) => o.rts_time! > o.rts_sla_time!);
    const deliveries = counted.filter((o) => o.delivery_time !== undefined && (o.delivery_sla_time ?? o.delivery_option_required_delivery_time) !== undefined);
    const onTime = deliveries.filter((o) => o.delivery_time! <= (o.delivery_sla_time ?? o.delivery_option_required_delivery_time)!);
    const ratio = (a: number, b: number) => new Decimal(a).div(b).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6);
    expect(late.length).toBeGreaterThan(0);
    expect(onTime.length).toBeLessThan(deliveries.length);
    expect(m.lateShipRate.value).toBe(ratio(late.length, shipments.length));
    expect(m.onTimeDeliveryRate.value).toBe(ratio(onTime.length, deliveries.length));
    const asOf = Math.floor(Date.parse(m.ordersAtRisk.asOf) / 1000);
    const toShip = counted.filter((o) => ['ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING'].includes(o.status) && o.rts_sla_time !== undefined);
    expect(m.ordersAtRisk.value).toBe(String(toShip.filter((o) => o.rts_sla_time! <= asOf + 24 * 3600).length));
    expect(m.wide.value).toBe(String(toShip.filter((o) => o.rts_sla_time! <= asOf + 720 * 3600).length));
    expect(Number(m.wide.value)).toBeGreaterThan(0);
    // Same provenance as the other order figures; the series adds up to the window's count.
    for (const x of [m.lateShipRate, m.onTimeDeliveryRate, m.ordersAtRisk]) expect(x.source).toBe('ORDERS');
    expect(m.series.reduce((n, b) => n + Number(b.metrics[0]!.value), 0)).toBe(Number(m.ordersAtRisk.value));
  });

  it("gives an order's deadlines, times and packages as TikTok sent them", async () => {
    const o = stack.emulator.store.raw(shopId).orders.find((x) => x.delivery_time !== undefined && x.packages !== undefined && x.packages.length > 0)!;
    type F = {
      shipBy: string;
      shippedAt: string;
      deliverBy: string;
      deliveredAt: string;
      shippedLate: boolean;
      deliveredOnTime: boolean;
      trackingNumber: string;
      packages: { id: string; trackingNumber: string; shippingProvider: string; lineItemIds: string[] }[];
    };
    const res = await stack.gql<{ order: { fulfilment: F } }>(
      `query($s: ID!, $o: ID!) { order(shopId: $s, id: $o) { fulfilment { shipBy shippedAt deliverBy deliveredAt shippedLate deliveredOnTime trackingNumber packages { id trackingNumber shippingProvider lineItemIds } } } }`,
      { s: shopId, o: o.id },
    );
    expect(res.errors).toBeUndefined();
    const f = res.data!.order.fulfilment;
    const iso = (s: number | undefined) => new Date(s! * 1000).toISOString().replace('.000Z', 'Z');
    expect(f).toMatchObject({
      shipBy: iso(o.rts_sla_time),
      shippedAt: iso(o.rts_time),
      deliverBy: iso(o.delivery_sla_time),
      deliveredAt: iso(o.delivery_time),
      shippedLate: o.rts_time! > o.rts_sla_time!,
      deliveredOnTime: o.delivery_time! <= o.delivery_sla_time!,
      trackingNumber: o.tracking_number,
    });
    expect(f.packages.map((p) => p.id)).toEqual(o.packages!.map((p) => p.id));
    for (const p of f.packages) {
      const lines = o.line_items.filter((l) => l.package_id === p.id);
      expect(p.lineItemIds).toEqual(lines.map((l) => l.id));
      expect(p.trackingNumber).toBe(lines[0]!.tracking_number);
      expect(p.shippingProvider).toBe(lines[0]!.shipping_provider_name);
    }
  });
});
