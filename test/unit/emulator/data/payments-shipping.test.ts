import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import type { PartnerOrder } from '../../../../src/emulator/data/store';
import { marketsStore, shopIn } from './markets-store';

const d = (v: Decimal.Value | undefined): Decimal => new Decimal(v ?? 0);
const REGIONS = ['US', 'GB', 'ID', 'MY', 'JP', 'TH', 'VN', 'PH'];
const CARRIERS: Record<string, string[]> = {
  US: ['USPS', 'UPS', 'FedEx'],
  GB: ['Royal Mail', 'Evri', 'DPD'],
  ID: ['J&T Express', 'SiCepat', 'JNE'],
  MY: ['J&T Express', 'Ninja Van', 'Pos Laju'],
  JP: ['Yamato Transport', 'Sagawa Express', 'Japan Post'],
  TH: ['Flash Express', 'J&T Express', 'Kerry Express'],
  VN: ['J&T Express', 'Giao Hàng Nhanh', 'Ninja Van'],
  PH: ['J&T Express', 'Flash Express', 'Ninja Van'],
};

describe('order payment by market (docs/tiktok-api.md, Orders: payment)', () => {
  const store = marketsStore();
  const orders = (region: string): PartnerOrder[] => store.raw(shopIn(region).id).orders;

  it.each(REGIONS)("%s: total_amount = sub_total + shipping_fee + taxes + the market's fees", (region) => {
    for (const o of orders(region)) {
      const p = o.payment;
      const fees = d(p.retail_delivery_fee).plus(d(p.small_order_fee)).plus(d(p.buyer_service_fee));
      expect(d(p.sub_total).plus(p.shipping_fee).plus(d(p.tax)).plus(fees).eq(p.total_amount)).toBe(true);
      expect(d(p.original_total_product_price).minus(p.seller_discount).minus(p.platform_discount).eq(p.sub_total)).toBe(true);
      expect(d(p.original_shipping_fee).minus(p.shipping_fee_seller_discount).minus(p.shipping_fee_platform_discount).eq(p.shipping_fee)).toBe(true);
    }
  });

  it('US: sales tax per line and in total, tax on shipping for some orders, a Colorado retail delivery fee for a few', () => {
    const us = orders('US');
    for (const o of us) {
      const p = o.payment;
      expect(d(p.product_tax).plus(d(p.shipping_fee_tax)).eq(d(p.tax))).toBe(true);
      const lineTax = o.line_items.reduce((a, l) => {
        expect(l.item_tax).toHaveLength(1);
        expect(l.item_tax![0]).toMatchObject({ tax_type: 'SALES_TAX' });
        // Each line's tax is its sale price at the order's rate, to the cent.
        expect(d(l.sale_price).times(l.item_tax![0]!.tax_rate!).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).eq(l.item_tax![0]!.tax_amount!)).toBe(true);
        return a.plus(l.item_tax![0]!.tax_amount!);
      }, new Decimal(0));
      expect(lineTax.eq(d(p.product_tax))).toBe(true);
      if (p.retail_delivery_fee !== undefined) expect(p.retail_delivery_fee).toBe('0.28');
    }
    expect(us.every((o) => o.payment.tax !== undefined)).toBe(true);
    expect(us.some((o) => d(o.payment.shipping_fee_tax).gt(0))).toBe(true);
    expect(us.some((o) => o.payment.retail_delivery_fee === '0.28')).toBe(true);
    expect(us.filter((o) => o.payment.retail_delivery_fee !== undefined).length).toBeLessThan(us.length / 5);
  });

  it.each(['ID', 'JP', 'TH', 'VN', 'PH'])('%s (local, prices include VAT): no tax field at all', (region) => {
    for (const o of orders(region)) {
      expect(Object.keys(o.payment).filter((k) => /tax/.test(k))).toEqual([]);
      expect(o.line_items.every((l) => l.item_tax === undefined)).toBe(true);
    }
  });

  it.each(['GB', 'MY'])('%s (cross-border): tax fields present, at zero', (region) => {
    for (const o of orders(region)) expect([o.payment.tax, o.payment.product_tax, o.payment.shipping_fee_tax]).toEqual(['0.00', '0.00', '0.00']);
  });

  it('TH: a small order fee of 10.00 on exactly the orders whose items cost under 300.00', () => {
    const th = orders('TH');
    for (const o of th) expect(o.payment.small_order_fee).toBe(d(o.payment.sub_total).lt(300) ? '10.00' : undefined);
    expect(th.some((o) => o.payment.small_order_fee === '10.00')).toBe(true);
  });

  it('ID: a buyer service fee of 1000 on some orders; fees of other markets nowhere else', () => {
    const id = orders('ID');
    const charged = id.filter((o) => o.payment.buyer_service_fee !== undefined);
    expect(charged.length).toBeGreaterThan(id.length / 4);
    expect(charged.length).toBeLessThan((id.length * 3) / 4);
    for (const o of charged) expect(o.payment.buyer_service_fee).toBe('1000');
    for (const region of REGIONS) {
      for (const o of orders(region)) {
        if (region !== 'US') expect(o.payment.retail_delivery_fee).toBeUndefined();
        if (region !== 'TH') expect(o.payment.small_order_fee).toBeUndefined();
        if (region !== 'ID') expect(o.payment.buyer_service_fee).toBeUndefined();
      }
    }
  });

  it('shipping fees, with seller and platform shipping discounts on some orders', () => {
    const all = REGIONS.flatMap(orders);
    for (const region of REGIONS) expect(orders(region).some((o) => d(o.payment.shipping_fee).gt(0))).toBe(true);
    expect(all.filter((o) => d(o.payment.shipping_fee_platform_discount).gt(0)).length).toBeGreaterThan(50);
    expect(all.filter((o) => d(o.payment.shipping_fee_seller_discount).gt(0)).length).toBeGreaterThan(10);
  });
});

describe('fulfilment fields and timelines (docs/tiktok-api.md, Orders)', () => {
  const store = marketsStore();

  it.each(REGIONS)('%s: deadlines, shipping, collection and delivery in order; carriers and tracking once shipped', (region) => {
    const shop = shopIn(region);
    const all = store.raw(shop.id).orders;
    let late = 0;
    for (const o of all) {
      if (o.status === 'UNPAID') {
        expect(o.cancel_order_sla_time).toBe(o.create_time + 86400);
        expect(o.packages).toBeUndefined();
        expect(o.rts_sla_time).toBeUndefined();
        expect(o.line_items.every((l) => l.package_id === undefined && l.package_status === undefined)).toBe(true);
        continue;
      }
      expect(o.cancel_order_sla_time).toBeUndefined();
      if (o.rts_sla_time === undefined) {
        // Not released to the seller yet (the buyer's ON_HOLD time), or cancelled before that.
        expect(['ON_HOLD', 'CANCELLED']).toContain(o.status);
        if (o.status === 'CANCELLED') expect(o.line_items.every((l) => l.package_id === undefined)).toBe(true);
        expect(o.is_cod).toBe(false);
        expect(o.packages).toBeUndefined();
        continue;
      }
      // Ship by 23:59 shop time; the carrier collects by a day later.
      expect(o.tts_sla_time).toBe(o.rts_sla_time + 86400);
      expect(o.packages!.length).toBeGreaterThan(0);
      for (const l of o.line_items) expect(o.packages!.map((p) => p.id)).toContain(l.package_id);
      if (o.rts_time === undefined) {
        expect(o.tracking_number).toBeUndefined();
        continue;
      }
      // Shipped after release: payment, or placement for COD (whose paid_time comes at delivery).
      expect(o.rts_time).toBeGreaterThan(o.is_cod ? o.create_time : o.paid_time!);
      if (o.rts_time > o.rts_sla_time) late++;
      expect(CARRIERS[region]).toContain(o.shipping_provider);
      expect(o.tracking_number).toMatch(/^[A-Z]{1,2}\d{12}$/);
      expect(o.shipping_provider_id).toMatch(/^\d{19}$/);
      if (o.collection_time !== undefined) expect(o.collection_time).toBeGreaterThan(o.rts_time);
      if (o.delivery_time !== undefined) expect(o.delivery_time).toBeGreaterThan(o.collection_time!);
      for (const l of o.line_items.filter((x) => x.rts_time !== undefined)) {
        expect(l.shipping_provider_name).toBe(o.shipping_provider);
        expect(l.tracking_number).toMatch(/^[A-Z]{1,2}\d{12}$/);
      }
    }
    // Some shipments are late, most are not.
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(all.length / 5);
  });

  it('deadlines of ordinary orders end at 23:59 shop time, at least two days after release', () => {
    const shop = shopIn('VN');
    const orders = store.raw(shop.id).orders.filter((o) => o.rts_sla_time !== undefined);
    const at2359 = orders.filter((o) => DateTime.fromSeconds(o.rts_sla_time!, { zone: shop.timezone }).toFormat('HH:mm:ss') === '23:59:00');
    // Showcase orders are moved in time as a whole, so only most deadlines fall on 23:59.
    expect(at2359.length).toBeGreaterThan(orders.length * 0.7);
    for (const o of orders) expect(o.rts_sla_time! - (o.paid_time !== undefined && !o.is_cod ? o.paid_time : o.create_time)).toBeGreaterThanOrEqual(2 * 86400);
  });

  it("lines show their package's state", () => {
    const expected: Record<string, string> = {
      AWAITING_SHIPMENT: 'TO_FULFILL',
      ON_HOLD: 'TO_FULFILL',
      AWAITING_COLLECTION: 'PROCESSING',
      IN_TRANSIT: 'FULFILLING',
      OUT_FOR_DELIVERY: 'FULFILLING',
      DELIVERED: 'COMPLETED',
      COMPLETED: 'COMPLETED',
      CANCELLED: 'CANCELLED',
    };
    for (const region of REGIONS) {
      for (const o of store.raw(shopIn(region).id).orders.filter((x) => x.packages !== undefined)) {
        for (const l of o.line_items) expect(l.package_status).toBe(expected[l.display_status]);
      }
    }
  });

  it("SEA shops get 202309's shipping hints on orders still to ship; others never", () => {
    for (const region of REGIONS) {
      const sea = ['ID', 'MY', 'TH', 'VN', 'PH'].includes(region);
      const all = store.raw(shopIn(region).id).orders;
      for (const o of all) {
        const toShip = o.status === 'AWAITING_SHIPMENT' || o.status === 'AWAITING_COLLECTION';
        expect(o.fulfillment_priority_level !== undefined).toBe(sea && toShip);
        expect(o.recommended_shipping_time !== undefined).toBe(sea && toShip);
        if (o.fulfillment_priority_level !== undefined) {
          expect([500, 600, 700]).toContain(o.fulfillment_priority_level);
          expect(o.recommended_shipping_time!).toBeLessThanOrEqual(o.rts_sla_time!);
        }
      }
      if (sea) expect(all.some((o) => o.fulfillment_priority_level !== undefined)).toBe(true);
    }
  });
});
