import { Decimal } from 'decimal.js';
import { EmulatorStore, type PartnerOrder, type PartnerReturnOrder } from '../../../../src/emulator/data/store';
import { marketsStore, shopIn } from './markets-store';

const d = (v: Decimal.Value | undefined): Decimal => new Decimal(v ?? 0);
const SUCCESS = ['RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE', 'REPLACEMENT_REQUEST_REFUND_SUCCESS'];
const DECIMALS: Record<string, number> = { USD: 2, GBP: 2, MYR: 2, THB: 2, PHP: 2, IDR: 0, JPY: 0, VND: 0 };

/**
 * docs/metrics.md's refunded gross of one order, recomputed here by hand: each line named by a
 * successful return takes back gross × min(1, refund_subtotal / sale_price) (the whole gross
 * without a subtotal), the largest per line; line-less returns take their own subtotal.
 */
function refundedGross(order: PartnerOrder, returns: PartnerReturnOrder[]): Decimal {
  const lines = new Map(order.line_items.map((l) => [l.id, l]));
  const taken = new Map<string, Decimal>();
  let lineless = new Decimal(0);
  for (const r of returns.filter((x) => x.order_id === order.id && SUCCESS.includes(x.return_status))) {
    if (r.return_line_items.length === 0) lineless = lineless.plus(d(r.refund_amount?.refund_subtotal));
    for (const rl of r.return_line_items) {
      const line = lines.get(rl.order_line_item_id)!;
      const gross = d(line.sale_price).plus(line.platform_discount);
      const sub = rl.refund_amount?.refund_subtotal;
      const amount = sub === undefined || d(line.sale_price).lte(0) ? gross : gross.times(Decimal.min(1, d(sub).div(line.sale_price)));
      if (!taken.has(line.id) || amount.gt(taken.get(line.id)!)) taken.set(line.id, amount);
    }
  }
  return [...taken.values()].reduce((a, v) => a.plus(v), lineless);
}

describe('partial refunds and returns without amounts (docs/tiktok-api.md, Returns)', () => {
  const store = marketsStore();

  it.each(['US', 'GB', 'ID', 'VN'])('%s: a seller-proposed partial refund awaits the buyer, showing what the buyer asked', (region) => {
    const { orders, returns } = store.raw(shopIn(region).id);
    const waiting = returns.filter((r) => r.return_status === 'AWAITING_BUYER_RESPONSE');
    expect(waiting.length).toBeGreaterThan(0);
    for (const r of waiting) {
      const order = orders.find((o) => o.id === r.order_id)!;
      expect(r).toMatchObject({ seller_proposed_return_type: 'PARTIAL_REFUND', buyer_rejected_partial_refund: false, return_type: 'REFUND' });
      expect(r.partial_refund?.currency).toBe(shopIn(region).currency);
      const [line] = r.return_line_items;
      const ordered = order.line_items.find((l) => l.id === line!.order_line_item_id)!;
      // Still the buyer's request: the whole line.
      expect(line!.refund_amount?.refund_subtotal).toBe(ordered.sale_price);
      expect(d(r.partial_refund?.amount).lt(d(r.refund_amount?.refund_total))).toBe(true);
      expect(d(r.partial_refund?.amount).gt(0)).toBe(true);
    }
  });

  it.each(['US', 'GB', 'ID', 'MY', 'JP', 'TH', 'VN', 'PH'])(
    "%s: accepted partial refunds complete with each line's own refund below its sale price",
    (region) => {
      const shop = shopIn(region);
      const { orders, returns } = store.raw(shop.id);
      const accepted = returns.filter(
        (r) => r.seller_proposed_return_type === 'PARTIAL_REFUND' && r.buyer_rejected_partial_refund === false && SUCCESS.includes(r.return_status),
      );
      expect(accepted.length).toBeGreaterThan(0);
      for (const r of accepted) {
        const order = orders.find((o) => o.id === r.order_id)!;
        expect(r.refund_amount?.refund_total).toBe(r.partial_refund?.amount);
        let subtotal = new Decimal(0);
        for (const rl of r.return_line_items) {
          const line = order.line_items.find((l) => l.id === rl.order_line_item_id)!;
          const part = d(rl.refund_amount?.refund_subtotal);
          expect(part.gt(0) && part.lt(line.sale_price)).toBe(true);
          subtotal = subtotal.plus(part);
          // What the seller keeps of the line's gross is a whole number of minor units.
          const kept = d(line.sale_price).plus(line.platform_discount).times(part).div(line.sale_price);
          expect(kept.decimalPlaces()).toBeLessThanOrEqual(DECIMALS[shop.currency]!);
        }
        expect(subtotal.eq(d(r.refund_amount?.refund_subtotal))).toBe(true);
      }
    },
  );

  it('rejected offers say so and refund what the buyer asked', () => {
    const rejected = ['US', 'GB', 'ID', 'MY', 'JP', 'TH', 'VN', 'PH'].flatMap((region) => {
      const { orders, returns } = store.raw(shopIn(region).id);
      return returns.filter((r) => r.buyer_rejected_partial_refund === true).map((r) => ({ r, order: orders.find((o) => o.id === r.order_id)! }));
    });
    expect(rejected.length).toBeGreaterThan(3);
    for (const { r, order } of rejected) {
      expect(r.seller_proposed_return_type).toBe('PARTIAL_REFUND');
      for (const rl of r.return_line_items) {
        expect(rl.refund_amount?.refund_subtotal).toBe(order.line_items.find((l) => l.id === rl.order_line_item_id)!.sale_price);
      }
    }
  });

  it.each(['US', 'GB', 'ID'])('%s: returns carry a refund_amount per line, and some none at all while still naming lines', (region) => {
    const { returns } = store.raw(shopIn(region).id);
    const withLines = returns.filter((r) => r.return_line_items.length > 0);
    const unpriced = withLines.filter((r) => r.refund_amount === undefined);
    expect(unpriced.length).toBeGreaterThan(0);
    for (const r of unpriced) expect(r.return_line_items.every((l) => l.refund_amount === undefined)).toBe(true);
    for (const r of withLines.filter((x) => x.refund_amount !== undefined)) {
      expect(r.return_line_items.every((l) => l.refund_amount !== undefined)).toBe(true);
    }
  });

  it("US: refunds give back each line's sales tax (refund_total = subtotal + shipping + tax)", () => {
    const { orders, returns } = store.raw(shopIn('US').id);
    for (const r of returns.filter((x) => x.return_line_items.length > 0 && x.refund_amount && x.return_type !== 'REPLACEMENT')) {
      const order = orders.find((o) => o.id === r.order_id)!;
      for (const rl of r.return_line_items) {
        const a = rl.refund_amount!;
        expect(d(a.refund_subtotal).plus(a.refund_shipping_fee).plus(a.refund_tax).eq(a.refund_total)).toBe(true);
        const line = order.line_items.find((l) => l.id === rl.order_line_item_id)!;
        if (a.refund_subtotal === line.sale_price) expect(a.refund_tax).toBe(line.item_tax?.[0]?.tax_amount);
      }
    }
  });
});

describe('settlement keeps what partial refunds leave (docs/metrics.md)', () => {
  it.each(['US', 'GB', 'ID', 'MY', 'JP', 'TH', 'VN', 'PH'])("%s: each settled order's revenue is its gross less what was refunded", (region) => {
    const store = marketsStore();
    const shop = shopIn(region);
    const { orders, returns } = store.raw(shop.id);
    let settled = 0;
    for (const o of orders) {
      const tx = store.orderStatementTransactions(shop.id, o.id);
      if (!tx) continue;
      settled++;
      const sold = o.line_items.filter((l) => l.display_status !== 'CANCELLED');
      const gross = sold.reduce((a, l) => a.plus(l.sale_price).plus(l.platform_discount), new Decimal(0));
      expect(d(tx.revenue_amount).eq(gross.minus(refundedGross(o, returns)))).toBe(true);
    }
    expect(settled).toBeGreaterThan(10);
  });

  it('settles orders whose partial refund completed (in every market together)', () => {
    const store = marketsStore();
    const settledPartial = store.shops().flatMap((shop) => {
      const { returns } = store.raw(shop.id);
      return returns.filter(
        (r) =>
          r.seller_proposed_return_type === 'PARTIAL_REFUND' &&
          !r.buyer_rejected_partial_refund &&
          SUCCESS.includes(r.return_status) &&
          store.orderStatementTransactions(shop.id, r.order_id) !== undefined,
      );
    });
    expect(settledPartial.length).toBeGreaterThan(2);
  });

  // A month of one US shop, as graph-finance's test starts it, for a year of different "now"s: the
  // showcase always has a settled order of several lines with one line refunded in full and one in part.
  it.each(Array.from({ length: 12 }, (_, i) => 1767225600 + i * 31 * 86400 + i * 7919))(
    'now=%i: a settled, partly refunded multi-line order with revenue left exists',
    (now) => {
      const store = EmulatorStore.generate({ seed: 'test', shops: 1, days: 30, ordersPerDay: 6, now });
      const shop = store.shops()[0]!;
      const { orders, returns } = store.raw(shop.id);
      const found = orders.filter((o) => {
        const tx = store.orderStatementTransactions(shop.id, o.id);
        if (!tx || !d(tx.revenue_amount).gt(0) || o.line_items.length < 2) return false;
        const mine = returns.filter((r) => r.order_id === o.id && SUCCESS.includes(r.return_status));
        const full = mine.some((r) =>
          r.return_line_items.some((rl) => rl.refund_amount?.refund_subtotal === o.line_items.find((l) => l.id === rl.order_line_item_id)?.sale_price),
        );
        const part = mine.some((r) => r.seller_proposed_return_type === 'PARTIAL_REFUND' && r.buyer_rejected_partial_refund === false);
        return full && part;
      });
      expect(found.length).toBeGreaterThan(0);
      for (const o of found) {
        const gross = o.line_items.reduce((a, l) => a.plus(l.sale_price).plus(l.platform_discount), new Decimal(0));
        expect(d(store.orderStatementTransactions(shop.id, o.id)!.revenue_amount).eq(gross.minus(refundedGross(o, returns)))).toBe(true);
      }
    },
  );
});
