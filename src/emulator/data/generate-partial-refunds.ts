/**
 * Seller-proposed partial refunds (docs/tiktok-api.md, Returns): the buyer asks for a line's full
 * price, the seller offers part of it (`AWAITING_BUYER_RESPONSE`, `seller_proposed_return_type:
 * PARTIAL_REFUND`, `partial_refund`), and the buyer accepts — the return then completes with the
 * partial amount as each line's `refund_amount.refund_subtotal` — or rejects it
 * (`buyer_rejected_partial_refund: true`), and the seller refunds what was asked.
 *
 * The partial amount r of a line with sale price S is chosen so that the line's gross (sale price
 * plus platform discount, G) scaled by r / S is a whole number of minor units: what the seller
 * keeps of the line, G × (1 − r / S), is then exact in the currency, in the settlement as in any
 * recomputation (docs/metrics.md, Refunded GMV).
 */
import { D, type Dec, minorUnits, money, round } from './money';
import type { OrderPlan, RefundLine, ReturnPlan } from './plan';
import type { Refunds } from './generate-refunds';
import type { Rng } from './rng';

const H = 3600;

type Line = OrderPlan['lines'][number];

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A partial amount of 20–60 % of the line's sale price (see the file comment), or undefined. */
export function partialAmount(rng: Rng, line: Line, currency: string): Dec | undefined {
  const unit = 10 ** minorUnits(currency);
  const sale = new D(line.sale_price).times(unit).toNumber();
  const gross = new D(line.sale_price).plus(line.platform_discount).times(unit).toNumber();
  const target = Math.floor((sale * rng.int(20, 60)) / 100);
  if (sale < 2) return undefined;
  const step = sale / gcd(sale, gross);
  const r = Math.max(step, Math.floor(target / step) * step);
  return r < sale ? new D(r).div(unit) : undefined;
}

/**
 * Adds a partial refund of one sellable line not in `exclude`, requested at `t0`; the buyer
 * rejects it when `rejected`. Undefined when no line can be refunded in part.
 */
export function addPartialRefund(
  rng: Rng,
  plan: OrderPlan,
  refunds: Refunds,
  t0: number,
  rejected: boolean,
  exclude: ReadonlySet<string>,
): ReturnPlan | undefined {
  const cur = plan.base.payment.currency;
  const candidates = plan.lines.filter((l) => !l.is_gift && !exclude.has(l.id));
  const start = candidates.length ? rng.int(0, candidates.length - 1) : 0;
  for (let i = 0; i < candidates.length; i++) {
    const line = candidates[(start + i) % candidates.length] as Line;
    const part = partialAmount(rng, line, cur);
    if (!part) continue;
    const asked = refunds.lines([line]);
    const [ask] = asked as [RefundLine];
    // The tax refunded follows the share of the price refunded.
    const tax = round(new D(ask.refund?.refund_tax ?? 0).times(part).div(line.sale_price), cur);
    const offered: RefundLine = { ...ask, refund: refunds.amount(part, new D(0), tax) };
    const t = [t0];
    for (const [min, max] of rejected
      ? [
          [2 * H, 24 * H],
          [H, 48 * H],
          [2 * H, 24 * H],
          [H, 24 * H],
        ]
      : [
          [2 * H, 24 * H],
          [H, 48 * H],
          [H, 24 * H],
        ]) {
      t.push((t.at(-1) as number) + rng.int(min as number, max as number));
    }
    const statuses = rejected
      ? [
          'RETURN_OR_REFUND_REQUEST_PENDING',
          'AWAITING_BUYER_RESPONSE',
          'RETURN_OR_REFUND_REQUEST_PENDING',
          'RETURN_OR_REFUND_REQUEST_SUCCESS',
          'RETURN_OR_REFUND_REQUEST_COMPLETE',
        ]
      : ['RETURN_OR_REFUND_REQUEST_PENDING', 'AWAITING_BUYER_RESPONSE', 'RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE'];
    const offerRefund = refunds.total([offered], false);
    return {
      id: rng.id('4035', 18),
      type: 'REFUND',
      role: 'BUYER',
      reason: rng.pick(['DAMAGED_ITEM', 'NOT_AS_DESCRIBED', 'MISSING_PARTS']),
      refund: refunds.total(asked, false),
      lines: asked,
      steps: statuses.map((status, k) => ({ t: t[k] as number, status })),
      offer: {
        // What the buyer would receive: the partial price and its tax.
        amount: money(new D(offerRefund.refund_total), cur),
        offeredAt: t[1] as number,
        answeredAt: t[2] as number,
        rejected,
        refund: offerRefund,
        lines: [offered],
      },
    };
  }
  return undefined;
}
