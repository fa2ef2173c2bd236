/**
 * Keeping a day aggregate up to date without reading the day's orders: what a batch changes on a
 * day is the sum of the contributions of the order versions it adds, minus those of the versions
 * it replaces (an order's contribution is `aggregateDay` of that order alone with its refunds).
 * Every figure of a {@link DayAggregate} is a sum over its orders — exact decimal amounts,
 * counts, units per SKU, and the ship-by times as a multiset — so the day's aggregate after the
 * change equals the aggregate recomputed from all its orders (test/unit/metrics/ledger checks
 * it), and a batch costs what it touches, however many orders the day holds.
 *
 * The contribution taken out must be the one that was put in: a change to what `aggregateDay`
 * counts (docs/metrics.md) must bump the ledger's version (`ledgerPrefix` in ledger-store.ts), so
 * ledgers aggregated by the old rules are read again rather than adjusted by the new ones.
 *
 * @see docs/metrics.md
 */
import { accumulator, finish, slot, type Accumulator } from '../currency-sums';
import { aggregateDay, type CurrencyTotals, type DayAggregate, type OrderAggregate, type Totals } from '../day-aggregate';
import type { OrderFact, RefundFact } from '../../domain/facts';
import { emptyFulfilment, type FulfilmentTotals } from '../fulfilment-totals';
import { parseDecimal, zero, type Decimal } from '../../domain/money';

type Sign = 1 | -1;
type Counts = Omit<FulfilmentTotals, 'toShipBy'>;
const COUNTS: readonly (keyof Counts)[] = [
  'shipments',
  'lateShipments',
  'shippedWithoutSla',
  'deliveries',
  'onTimeDeliveries',
  'deliveredWithoutDeadline',
  'toShipWithoutSla',
];

const signed = (sign: Sign, amount: string): Decimal => (sign === 1 ? parseDecimal(amount) : parseDecimal(amount).neg());

function addTotals(into: { gmv: Decimal; orders: number; units: number; refundedGmv: Decimal }, t: Totals, sign: Sign): void {
  into.gmv = into.gmv.plus(signed(sign, t.gmv));
  into.orders += sign * t.orders;
  into.units += sign * t.units;
  into.refundedGmv = into.refundedGmv.plus(signed(sign, t.refundedGmv));
}

function addCurrency(into: Accumulator, t: CurrencyTotals, sign: Sign): void {
  addTotals(into, t, sign);
  for (const [id, product] of Object.entries(t.products))
    addTotals(
      slot(into.products, id, () => ({ gmv: zero(), orders: 0, units: 0, refundedGmv: zero() })),
      product,
      sign,
    );
  into.bridge.buyerPaid = into.bridge.buyerPaid.plus(signed(sign, t.bridge.buyerPaid));
  into.bridge.shipping = into.bridge.shipping.plus(signed(sign, t.bridge.shipping));
  into.bridge.tax = into.bridge.tax.plus(signed(sign, t.bridge.tax));
  into.bridge.platformDiscount = into.bridge.platformDiscount.plus(signed(sign, t.bridge.platformDiscount));
  into.bridge.unknown += sign * t.bridge.unknown;
  into.unpricedRefunds += sign * t.unpricedRefunds;
}

const nothing = (s: { gmv: Decimal; orders: number; units: number; refundedGmv: Decimal }) =>
  s.orders === 0 && s.units === 0 && s.gmv.isZero() && s.refundedGmv.isZero();

/** A currency's sums that no order of the day contributes to any more (recomputing would not create them). */
function empty(acc: Accumulator): boolean {
  const b = acc.bridge;
  return (
    nothing(acc) &&
    acc.products.size === 0 &&
    acc.unpricedRefunds === 0 &&
    b.unknown === 0 &&
    b.buyerPaid.isZero() &&
    b.shipping.isZero() &&
    b.tax.isZero() &&
    b.platformDiscount.isZero()
  );
}

/** The changes a batch makes to one day's aggregate. */
export class DayDelta {
  private readonly parts: { aggregate: OrderAggregate; sign: Sign }[] = [];

  /** Counts an order version in (`1`) or takes it out (`-1`). */
  add(order: OrderFact, refunds: readonly RefundFact[], date: string, currency: string, sign: Sign): void {
    this.parts.push({ aggregate: aggregateDay([order], new Map([[order.id, refunds]]), date, currency), sign });
  }

  get size(): number {
    return this.parts.length;
  }

  /**
   * The day's aggregate after the changes.
   * @param base - the stored aggregate (none: an empty day)
   */
  applyTo(base: DayAggregate | undefined, date: string, currency: string): DayAggregate {
    const byCurrency = new Map<string, Accumulator>();
    const counts: Counts = { ...emptyFulfilment() };
    const shipBy = new Map<number, number>();
    const skuUnits = new Map<string, number>();
    const merge = (aggregate: OrderAggregate, sign: Sign) => {
      addCurrency(accumulator(byCurrency, aggregate.currency), aggregate, sign);
      for (const [code, totals] of Object.entries(aggregate.otherCurrencies)) addCurrency(accumulator(byCurrency, code), totals, sign);
      const f = aggregate.fulfilment;
      if (f) {
        for (const key of COUNTS) counts[key] += sign * f[key];
        for (const t of f.toShipBy) shipBy.set(t, (shipBy.get(t) ?? 0) + sign);
      }
      for (const [sku, units] of Object.entries(aggregate.skuUnits ?? {})) skuUnits.set(sku, (skuUnits.get(sku) ?? 0) + sign * units);
    };
    if (base) merge(base, 1);
    for (const { aggregate, sign } of this.parts) merge(aggregate, sign);

    for (const [code, acc] of byCurrency) {
      for (const [id, product] of acc.products) if (nothing(product)) acc.products.delete(id);
      if (code !== currency && empty(acc)) byCurrency.delete(code);
    }
    const toShipBy: number[] = [];
    for (const [t, n] of shipBy) for (let i = 0; i < n; i++) toShipBy.push(t);
    toShipBy.sort((a, b) => a - b);
    const fulfilment: FulfilmentTotals = { ...counts, toShipBy };
    const units: Record<string, number> = {};
    for (const [sku, n] of skuUnits) if (n !== 0) units[sku] = n;
    return { date, ...finish(byCurrency, currency), fulfilment, skuUnits: units };
  }
}
