/**
 * Returns and refunds of delivered orders: full and partial (seller-proposed partial refunds in
 * `generate-partial-refunds.ts`), with and without line items, with and without `refund_amount`,
 * successful or not, with TikTok's status names (note REFUND_OR_RETURN_REQUEST_REJECT, TikTok's
 * own word order). Refund money is what the buyer paid: sale price plus its tax (US).
 * @see docs/metrics.md (which of these count as refunds), docs/tiktok-api.md (Returns)
 */
import { addPartialRefund } from './generate-partial-refunds';
import { D, type Dec, minorUnits, money, sum } from './money';
import type { OrderPlan, RefundLine, ReturnPlan, Step } from './plan';
import type { Rng } from './rng';
import type { PartnerRefundAmount } from './shapes';

const H = 3600;
const DAY = 86400;

/** A return with a parcel sent back: requested, awaiting the buyer's parcel, shipped, approved, completed (min, max seconds after the step before). */
const PARCEL_RETURN = [
  ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0],
  ['AWAITING_BUYER_SHIP', 2 * H, 24 * H],
  ['BUYER_SHIPPED_ITEM', DAY, 3 * DAY],
  ['RETURN_OR_REFUND_REQUEST_SUCCESS', DAY, 4 * DAY],
  ['RETURN_OR_REFUND_REQUEST_COMPLETE', H, 24 * H],
] as const;

/** A refund without a parcel: requested, approved, completed. */
const APPROVED_REFUND = [
  ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0],
  ['RETURN_OR_REFUND_REQUEST_SUCCESS', 2 * H, 48 * H],
  ['RETURN_OR_REFUND_REQUEST_COMPLETE', H, 24 * H],
] as const;

/** A return status TikTok does not document (yet): the seller has the parcel and inspects it. */
export const UNKNOWN_RETURN_STATUS = 'RETURN_PACKAGE_RECEIVED';

/** The return/refund variants the generator produces. */
export type ReturnKind =
  | 'return_full'
  | 'refund_line'
  | 'refund_amount'
  | 'refund_full_amount'
  | 'replacement'
  | 'replacement_refund'
  | 'return_rejected'
  | 'return_withdrawn'
  | 'partial_refund'
  | 'partial_refund_rejected'
  | 'return_unpriced';

/** Return variants with their relative frequencies. */
export const RETURN_KINDS: readonly (readonly [ReturnKind, number])[] = [
  ['return_full', 22],
  ['refund_line', 22],
  ['refund_amount', 8],
  ['refund_full_amount', 4],
  ['replacement', 7],
  ['replacement_refund', 4],
  ['return_rejected', 10],
  ['return_withdrawn', 8],
  ['partial_refund', 8],
  ['partial_refund_rejected', 3],
  ['return_unpriced', 4],
];

const REASONS = ['WRONG_SIZE', 'DAMAGED_ITEM', 'NOT_AS_DESCRIBED', 'NO_LONGER_NEEDED', 'MISSING_PARTS'];

/** Refund amounts and refund lines of one order's after-sales. */
export class Refunds {
  constructor(
    private readonly rng: Rng,
    private readonly plan: OrderPlan,
  ) {}

  /** A refund breakdown in the order's currency: refund_total = subtotal + shipping + tax. */
  amount(subtotal: Dec, shipping: Dec, tax: Dec): PartnerRefundAmount {
    const cur = this.plan.base.payment.currency;
    return {
      currency: cur,
      refund_total: money(subtotal.plus(shipping).plus(tax), cur),
      refund_subtotal: money(subtotal, cur),
      refund_shipping_fee: money(shipping, cur),
      refund_tax: money(tax, cur),
    };
  }

  /** Refund lines for the given order line items (each refunds what the buyer paid for it, tax included). */
  lines(items: OrderPlan['lines'], zero = false): RefundLine[] {
    return items.map((l) => ({
      lineId: this.rng.id('4035', 18),
      itemId: l.id,
      sku_id: l.sku_id,
      sku_name: l.sku_name,
      product_name: l.product_name,
      seller_sku: l.seller_sku,
      refund: zero ? this.amount(new D(0), new D(0), new D(0)) : this.amount(new D(l.sale_price), new D(0), new D(l.item_tax?.[0]?.tax_amount ?? 0)),
    }));
  }

  /** The request-level amount: its lines, plus shipping (and its tax) when the whole order goes back. */
  total(lines: RefundLine[], withShipping: boolean): PartnerRefundAmount {
    const p = this.plan.base.payment;
    const ship = withShipping ? new D(p.shipping_fee) : new D(0);
    const shipTax = withShipping ? new D(p.shipping_fee_tax ?? 0) : new D(0);
    return this.amount(sum(lines.map((l) => l.refund?.refund_subtotal ?? '0')), ship, sum(lines.map((l) => l.refund?.refund_tax ?? '0')).plus(shipTax));
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

/** Options of {@link addReturn}. */
export interface ReturnOptions {
  /** Order line items another return already takes. */
  exclude?: ReadonlySet<string>;
  /** Let a returned parcel pass through {@link UNKNOWN_RETURN_STATUS} (some returns do when on). */
  unknownStatus?: 'never' | 'some' | 'always';
}

/** Adds a return of the given kind after delivery; returns it (its last step ends the after-sale). */
export function addReturn(rng: Rng, plan: OrderPlan, refunds: Refunds, kind: ReturnKind, delivered: number, o: ReturnOptions = {}): ReturnPlan {
  const exclude = o.exclude ?? new Set<string>();
  const sellable = plan.lines.filter((l) => !l.is_gift && !exclude.has(l.id));
  const one = [rng.pick(sellable.length ? sellable : plan.lines)];
  const cur = plan.base.payment.currency;
  const p = plan.base.payment;
  const t0 = delivered + rng.int(6 * H, 4 * DAY);
  const r: ReturnPlan = { id: rng.id('4035', 18), type: 'REFUND', role: 'BUYER', reason: rng.pick(REASONS), lines: [], steps: [] };
  const requestOf = (lines: RefundLine[], withShipping = false): void => {
    r.lines = lines;
    r.refund = refunds.total(lines, withShipping);
  };
  switch (kind) {
    case 'return_full': {
      r.type = 'RETURN_AND_REFUND';
      requestOf(refunds.lines(plan.lines), true);
      r.steps = steps(rng, t0, ...PARCEL_RETURN);
      // Between the parcel's arrival and the decision, TikTok may one day show a status it does not
      // document today; it takes no time of its own, so turning it off changes nothing else.
      const inspected = rng.chance(0.3);
      const [, , shipped, success] = r.steps as [Step<string>, Step<string>, Step<string>, Step<string>];
      const at = shipped.t + Math.max(1, Math.floor((success.t - shipped.t) / 2));
      if (o.unknownStatus === 'always' || (o.unknownStatus === 'some' && inspected)) r.steps.splice(3, 0, { t: at, status: UNKNOWN_RETURN_STATUS });
      break;
    }
    case 'refund_line':
      requestOf(refunds.lines(one));
      r.steps = steps(rng, t0, ...APPROVED_REFUND);
      break;
    case 'refund_amount': {
      // A negotiated refund that names no line items: only its amount says what was refunded.
      const part = new D(p.sub_total).times(rng.int(10, 40)).div(100).toDecimalPlaces(minorUnits(cur), D.ROUND_DOWN);
      r.refund = refunds.amount(part, new D(0), new D(0));
      r.steps = steps(rng, t0, ['RETURN_OR_REFUND_REQUEST_PENDING', 0, 0], ['RETURN_OR_REFUND_REQUEST_COMPLETE', 2 * H, 48 * H]);
      break;
    }
    case 'refund_full_amount':
      r.refund = refunds.amount(new D(p.sub_total), new D(p.shipping_fee), new D(p.tax ?? 0));
      r.steps = steps(rng, t0, ...APPROVED_REFUND);
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
    case 'return_unpriced':
      // Seen on completed returns of live shops: lines named, no refund_amount anywhere.
      r.type = 'RETURN_AND_REFUND';
      r.lines = refunds.lines(one).map(({ refund: _refund, ...line }) => line);
      r.steps = steps(rng, t0, ...PARCEL_RETURN);
      break;
    case 'partial_refund':
    case 'partial_refund_rejected': {
      const partial = addPartialRefund(rng, plan, refunds, t0, kind === 'partial_refund_rejected', exclude);
      // No line can be refunded in part (a one-unit price): the seller refunds the line instead.
      if (partial) {
        plan.returns.push(partial);
        return partial;
      }
      requestOf(refunds.lines(one));
      r.steps = steps(rng, t0, ...APPROVED_REFUND);
      break;
    }
  }
  plan.returns.push(r);
  return r;
}

/** When a return's last step happens. */
export function settledAt(r: ReturnPlan): number {
  return r.steps[r.steps.length - 1]?.t ?? 0;
}
