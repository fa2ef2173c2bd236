/**
 * Returns and refunds of delivered orders: full and partial, with and without line items,
 * successful or not, with TikTok's status names (note REFUND_OR_RETURN_REQUEST_REJECT, TikTok's
 * own word order). Refund money is what the buyer paid: sale price plus its share of the tax.
 * @see docs/metrics.md (which of these count as refunds)
 */
import { allocate, D, type Dec, minorUnits, money, sum } from './money';
import type { OrderPlan, RefundLine, ReturnPlan, Step } from './plan';
import type { Rng } from './rng';
import type { PartnerRefundAmount } from './shapes';

const H = 3600;
const DAY = 86400;

/** The return/refund variants the generator produces. */
export type ReturnKind =
  | 'return_full' | 'refund_line' | 'refund_amount' | 'refund_full_amount' | 'replacement'
  | 'replacement_refund' | 'return_rejected' | 'return_withdrawn';

/** Return variants with their relative frequencies. */
export const RETURN_KINDS: readonly (readonly [ReturnKind, number])[] = [
  ['return_full', 25], ['refund_line', 25], ['refund_amount', 10], ['refund_full_amount', 5], ['replacement', 8],
  ['replacement_refund', 5], ['return_rejected', 12], ['return_withdrawn', 10],
];

const REASONS = ['WRONG_SIZE', 'DAMAGED_ITEM', 'NOT_AS_DESCRIBED', 'NO_LONGER_NEEDED', 'MISSING_PARTS'];

function refundAmount(cur: string, subtotal: Dec, shipping: Dec, tax: Dec): PartnerRefundAmount {
  return {
    currency: cur, refund_total: money(subtotal.plus(shipping).plus(tax), cur), refund_subtotal: money(subtotal, cur),
    refund_shipping_fee: money(shipping, cur), refund_tax: money(tax, cur),
  };
}

/** Refund amounts and refund lines of one order's after-sales. */
export class Refunds {
  private taxShares?: Map<string, Dec>;

  constructor(private readonly rng: Rng, private readonly plan: OrderPlan) {}

  /** Each line's share of the order's product tax (computed only for orders with after-sales). */
  private taxShare(lineId: string): Dec {
    if (!this.taxShares) {
      const p = this.plan.base.payment;
      const shares = allocate(new D(p.product_tax), this.plan.lines.map((l) => new D(l.sale_price)), p.currency);
      this.taxShares = new Map(this.plan.lines.map((l, i) => [l.id, shares[i] ?? new D(0)]));
    }
    return this.taxShares.get(lineId) ?? new D(0);
  }

  /** Refund lines for the given order line items (each refunds what the buyer paid for it). */
  lines(items: OrderPlan['lines'], zero = false): RefundLine[] {
    const cur = this.plan.base.payment.currency;
    return items.map((l) => ({
      lineId: this.rng.id('4035', 18), itemId: l.id, sku_id: l.sku_id, sku_name: l.sku_name,
      product_name: l.product_name, seller_sku: l.seller_sku,
      refund: zero ? refundAmount(cur, new D(0), new D(0), new D(0)) : refundAmount(cur, new D(l.sale_price), new D(0), this.taxShare(l.id)),
    }));
  }

  /** The request-level amount: its lines, plus shipping (and its tax) when the whole order goes back. */
  total(lines: RefundLine[], withShipping: boolean): PartnerRefundAmount {
    const p = this.plan.base.payment;
    const ship = withShipping ? new D(p.shipping_fee) : new D(0);
    const shipTax = withShipping ? new D(p.shipping_fee_tax) : new D(0);
    return refundAmount(p.currency, sum(lines.map((l) => l.refund.refund_subtotal)), ship, sum(lines.map((l) => l.refund.refund_tax)).plus(shipTax));
  }
}

/** Status steps from `start`, each `[status, min, max]` a random delay after the previous one. */
export function steps(rng: Rng, start: number, ...plan: (readonly [string, number, number])[]): Step<string>[] {
  let t = start;
  return plan.map(([status, min, max], i) => {
    if (i > 0) t += rng.int(min, max);
    return { t, status };
  });
}

/** Adds a return of the given kind after delivery; returns the time of its last step. */
export function addReturn(rng: Rng, plan: OrderPlan, refunds: Refunds, kind: ReturnKind, delivered: number): number {
  const sellable = plan.lines.filter((l) => !l.is_gift);
  const one = [rng.pick(sellable)];
  const cur = plan.base.payment.currency;
  const p = plan.base.payment;
  const t0 = delivered + rng.int(6 * H, 4 * DAY);
  const r: ReturnPlan = { id: rng.id('4035', 18), type: 'REFUND', role: 'BUYER', reason: rng.pick(REASONS), refund: refundAmount(cur, new D(0), new D(0), new D(0)), lines: [], steps: [] };
  const requestOf = (lines: RefundLine[], withShipping = false): void => { r.lines = lines; r.refund = refunds.total(lines, withShipping); };
  switch (kind) {
    case 'return_full':
      r.type = 'RETURN_AND_REFUND';
      requestOf(refunds.lines(plan.lines), true);
      r.steps = steps(rng, t0, ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0], ['AWAITING_BUYER_SHIP', 2 * H, 24 * H],
        ['BUYER_SHIPPED_ITEM', DAY, 3 * DAY], ['RETURN_OR_REFUND_REQUEST_SUCCESS', DAY, 4 * DAY], ['RETURN_OR_REFUND_REQUEST_COMPLETE', H, 24 * H]);
      break;
    case 'refund_line':
      requestOf(refunds.lines(one));
      r.steps = steps(rng, t0, ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0], ['RETURN_OR_REFUND_REQUEST_SUCCESS', 2 * H, 48 * H], ['RETURN_OR_REFUND_REQUEST_COMPLETE', H, 24 * H]);
      break;
    case 'refund_amount': {
      // A negotiated partial refund names no line items: only its amount says what was refunded.
      const part = new D(p.sub_total).times(rng.int(10, 40)).div(100).toDecimalPlaces(minorUnits(cur), D.ROUND_DOWN);
      r.refund = refundAmount(cur, part, new D(0), new D(0));
      r.steps = steps(rng, t0, ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0], ['RETURN_OR_REFUND_REQUEST_COMPLETE', 2 * H, 48 * H]);
      break;
    }
    case 'refund_full_amount':
      r.refund = refundAmount(cur, new D(p.sub_total), new D(p.shipping_fee), new D(p.tax));
      r.steps = steps(rng, t0, ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0], ['RETURN_OR_REFUND_REQUEST_SUCCESS', 2 * H, 48 * H], ['RETURN_OR_REFUND_REQUEST_COMPLETE', H, 24 * H]);
      break;
    case 'replacement':
      r.type = 'REPLACEMENT';
      requestOf(refunds.lines(one, true));
      r.steps = steps(rng, t0, ['REPLACEMENT_REQUEST_PENDING', 0, 0], ['REPLACEMENT_REQUEST_COMPLETE', 2 * DAY, 5 * DAY]);
      break;
    case 'replacement_refund':
      r.type = 'REPLACEMENT';
      requestOf(refunds.lines(one));
      r.steps = steps(rng, t0, ['REPLACEMENT_REQUEST_PENDING', 0, 0], ['REPLACEMENT_REQUEST_REFUND_SUCCESS', DAY, 3 * DAY]);
      break;
    case 'return_rejected':
      r.type = 'RETURN_AND_REFUND';
      requestOf(refunds.lines(one));
      r.steps = steps(rng, t0, ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0], ['REFUND_OR_RETURN_REQUEST_REJECT', DAY, 3 * DAY]);
      break;
    case 'return_withdrawn':
      requestOf(refunds.lines(one));
      r.steps = steps(rng, t0, ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0], ['RETURN_OR_REFUND_REQUEST_CANCEL', 2 * H, 30 * H]);
      break;
  }
  plan.returns.push(r);
  return r.steps[r.steps.length - 1]?.t ?? t0;
}

