import { Decimal } from 'decimal.js';
import { partnerCancellation, partnerOrder, partnerProduct, partnerReturnOrder, partnerStatement } from '../../../../src/datasources/partner/schemas';
import { EmulatorStore } from '../../../../src/emulator/data/store';
import { DEMO, demoStore, NOW } from './demo-store';

const sum = (values: string[]): Decimal => values.reduce((acc, v) => acc.plus(v), new Decimal(0));

describe('EmulatorStore.generate', () => {
  const store = demoStore();
  const shops = store.shops();
  const all = shops.map((s) => ({ shop: s, ...store.raw(s.id) }));

  it('is deterministic: same seed and now give identical data, another seed different data', () => {
    const again = EmulatorStore.generate(DEMO);
    expect(again.shops()).toEqual(shops);
    for (const s of shops) expect(again.raw(s.id)).toEqual(store.raw(s.id));
    expect(again.advertisers()).toEqual(store.advertisers());
    const other = EmulatorStore.generate({ ...DEMO, seed: 'another seed' });
    expect(other.shops().map((s) => s.id)).not.toEqual(shops.map((s) => s.id));
  });

  // How long it takes is measured in bench/timings.ts, not asserted here.
  it('generates the default demo size: about 40 orders a day per shop for 30 days', () => {
    const big = EmulatorStore.generate({ seed: 'timing', shops: 3, days: 30, ordersPerDay: 40, now: NOW });
    expect(big.shops()).toHaveLength(3);
    for (const shop of big.shops()) expect(big.raw(shop.id).orders.length).toBeGreaterThan(1000);
  });

  it('covers USD, GBP and the zero-decimal IDR, each with its own time zone', () => {
    expect(shops.map((s) => [s.region, s.currency, s.timezone])).toEqual([
      ['US', 'USD', 'America/Los_Angeles'],
      ['GB', 'GBP', 'Europe/London'],
      ['ID', 'IDR', 'Asia/Jakarta'],
    ]);
    const idr = all[2]!.orders.flatMap((o) => [o.payment.total_amount, ...o.line_items.map((l) => l.sale_price)]);
    expect(idr.every((v) => /^\d+$/.test(v))).toBe(true);
    const usd = all[0]!.orders.map((o) => o.payment.total_amount);
    expect(usd.every((v) => /^\d+\.\d{2}$/.test(v))).toBe(true);
  });

  it('produces data the client schemas accept, with 64-bit-looking unique ids', () => {
    for (const { orders, products, returns, cancellations, statements } of all) {
      for (const o of orders) expect(partnerOrder.safeParse(o).success).toBe(true);
      for (const p of products) expect(partnerProduct.safeParse(p).success).toBe(true);
      for (const r of returns) expect(partnerReturnOrder.safeParse(r).success).toBe(true);
      for (const c of cancellations) expect(partnerCancellation.safeParse(c).success).toBe(true);
      for (const s of statements) expect(partnerStatement.safeParse(s).success).toBe(true);
    }
    const ids = all.flatMap((s) => s.orders.flatMap((o) => [o.id, ...o.line_items.map((l) => l.id)]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^5764\d{14}$/.test(id))).toBe(true);
  });

  it('has every order status and every after-sale variant in every shop', () => {
    // OUT_FOR_DELIVERY: a status TikTok does not document, on by default in generated data.
    const statuses = [
      'UNPAID',
      'ON_HOLD',
      'AWAITING_SHIPMENT',
      'PARTIALLY_SHIPPING',
      'AWAITING_COLLECTION',
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
      'COMPLETED',
      'CANCELLED',
    ];
    for (const { orders, returns, cancellations } of all) {
      expect(new Set(orders.map((o) => o.status))).toEqual(new Set(statuses));
      const byId = new Map(orders.map((o) => [o.id, o]));
      // Gifts at zero price, several units of one SKU as several line items.
      expect(orders.some((o) => o.line_items.some((l) => l.is_gift && l.sale_price.match(/^0(\.0+)?$/)))).toBe(true);
      expect(orders.some((o) => new Set(o.line_items.map((l) => l.sku_id)).size < o.line_items.length)).toBe(true);
      expect(orders.some((o) => o.status === 'UNPAID' && o.paid_time === undefined)).toBe(true);
      expect(orders.some((o) => o.status === 'CANCELLED' && o.paid_time === undefined)).toBe(true);
      expect(orders.some((o) => o.status === 'CANCELLED' && o.paid_time !== undefined)).toBe(true);
      expect(orders.some((o) => new Decimal(o.payment.seller_discount).gt(0) && new Decimal(o.payment.platform_discount).gt(0))).toBe(true);
      // Full and partial refunds, with and without line items, successful and not.
      const full = returns.find((r) => r.return_line_items.length > 0 && r.return_line_items.length === byId.get(r.order_id)?.line_items.length);
      const partial = returns.find((r) => r.return_line_items.length > 0 && r.return_line_items.length < (byId.get(r.order_id)?.line_items.length ?? 0));
      expect(full).toBeDefined();
      expect(partial).toBeDefined();
      expect(returns.some((r) => r.return_line_items.length === 0 && r.refund_amount?.refund_subtotal !== byId.get(r.order_id)?.payment.sub_total)).toBe(true);
      expect(returns.some((r) => r.return_line_items.length === 0 && r.refund_amount?.refund_subtotal === byId.get(r.order_id)?.payment.sub_total)).toBe(true);
      const returnStatuses = new Set(returns.map((r) => r.return_status));
      for (const s of [
        'RETURN_OR_REFUND_REQUEST_COMPLETE',
        'REPLACEMENT_REQUEST_COMPLETE',
        'REPLACEMENT_REQUEST_REFUND_SUCCESS',
        'REFUND_OR_RETURN_REQUEST_REJECT',
        'RETURN_OR_REFUND_REQUEST_CANCEL',
      ]) {
        expect(returnStatuses).toContain(s);
      }
      expect(new Set(returns.map((r) => r.return_type))).toEqual(new Set(['REFUND', 'RETURN_AND_REFUND', 'REPLACEMENT']));
      const cancelStatuses = new Set(cancellations.map((c) => c.cancel_status));
      expect(cancelStatuses).toEqual(new Set(['CANCELLATION_REQUEST_COMPLETE', 'CANCELLATION_REQUEST_CANCEL']));
      expect(cancellations.some((c) => c.refund_amount === undefined)).toBe(true); // cancelled before payment
      expect(cancellations.some((c) => byId.get(c.order_id)?.status !== 'CANCELLED')).toBe(true); // partial or rejected
    }
  });

  it('keeps the payment identities exactly for every order', () => {
    for (const { orders } of all) {
      for (const o of orders) {
        const p = o.payment;
        for (const l of o.line_items) {
          expect(new Decimal(l.original_price).minus(l.seller_discount).minus(l.platform_discount).toFixed()).toBe(new Decimal(l.sale_price).toFixed());
        }
        expect(sum(o.line_items.map((l) => l.original_price)).eq(p.original_total_product_price)).toBe(true);
        expect(sum(o.line_items.map((l) => l.seller_discount)).eq(p.seller_discount)).toBe(true);
        expect(sum(o.line_items.map((l) => l.platform_discount)).eq(p.platform_discount)).toBe(true);
        expect(new Decimal(p.original_total_product_price).minus(p.seller_discount).minus(p.platform_discount).eq(p.sub_total)).toBe(true);
        expect(new Decimal(p.original_shipping_fee).minus(p.shipping_fee_seller_discount).minus(p.shipping_fee_platform_discount).eq(p.shipping_fee)).toBe(
          true,
        );
        // Tax fields only where TikTok sends them (US); fees only in their markets.
        const tax = p.tax ?? '0';
        expect(new Decimal(p.product_tax ?? '0').plus(p.shipping_fee_tax ?? '0').eq(tax)).toBe(true);
        const fees = [p.retail_delivery_fee, p.small_order_fee, p.buyer_service_fee].map((f) => f ?? '0');
        expect(new Decimal(p.sub_total).plus(p.shipping_fee).plus(tax).plus(sum(fees)).eq(p.total_amount)).toBe(true);
      }
    }
  });

  it('keeps times consistent: created ≤ paid ≤ updated ≤ now, nothing before the window', () => {
    for (const { orders } of all) {
      for (const o of orders) {
        expect(o.create_time).toBeGreaterThanOrEqual(NOW - DEMO.days * 86400);
        if (o.paid_time !== undefined) expect(o.paid_time).toBeGreaterThanOrEqual(o.create_time);
        expect(o.update_time).toBeGreaterThanOrEqual(o.paid_time ?? o.create_time);
        expect(o.update_time).toBeLessThanOrEqual(NOW);
      }
    }
  });

  it('makes refunds name real line items of their order, never one line twice among successful ones', () => {
    for (const { orders, returns, cancellations } of all) {
      const lines = new Map(orders.map((o) => [o.id, new Set(o.line_items.map((l) => l.id))]));
      const refunded = new Set<string>();
      for (const r of returns) {
        for (const l of r.return_line_items) expect(lines.get(r.order_id)?.has(l.order_line_item_id)).toBe(true);
      }
      for (const c of cancellations) {
        for (const l of c.cancel_line_items) expect(lines.get(c.order_id)?.has(l.order_line_item_id)).toBe(true);
      }
      for (const r of returns.filter((x) =>
        ['RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE', 'REPLACEMENT_REQUEST_REFUND_SUCCESS'].includes(x.return_status),
      )) {
        for (const l of r.return_line_items) {
          expect(refunded.has(l.order_line_item_id)).toBe(false);
          refunded.add(l.order_line_item_id);
        }
        expect(sum(r.return_line_items.map((l) => l.refund_amount?.refund_subtotal ?? '0')).lte(r.refund_amount?.refund_subtotal ?? '0')).toBe(true);
      }
    }
  });
});
