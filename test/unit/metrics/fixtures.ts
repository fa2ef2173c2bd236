/**
 * Builders for metric facts, so each test states only what it is about.
 */
import { DateTime } from 'luxon';
import { lineItemGross, type AdRowFact, type GmvMaxRowFact, type OrderFact, type OrderLineFact, type RefundFact } from '../../../src/domain/facts';

export const LA = 'America/Los_Angeles';

/** Unix seconds of a local wall-clock time, e.g. `at('2024-03-10T23:30', 'America/Los_Angeles')`. */
export function at(localDateTime: string, zone: string): number {
  const instant = DateTime.fromISO(localDateTime, { zone });
  if (!instant.isValid) throw new Error(`bad fixture time ${localDateTime}`);
  return instant.toSeconds();
}

/** A line item of product `P1` unless told otherwise; its sale price is its gross unless told otherwise (no platform discount). */
export function line(id: string, gross: string, productId = 'P1', salePrice = gross): OrderLineFact {
  return { id, productId, skuId: `${productId}-SKU`, salePrice, gross };
}

/** A paid USD order; override any field. */
export function order(id: string, lines: OrderLineFact[], overrides: Partial<OrderFact> = {}): OrderFact {
  const paidTime = overrides.paidTime === undefined ? 1_700_000_000 : overrides.paidTime;
  return {
    id,
    status: 'COMPLETED',
    createTime: (paidTime ?? 1_700_000_000) - 60,
    updateTime: (paidTime ?? 1_700_000_000) + 60,
    paidTime,
    cod: false,
    currency: 'USD',
    payment: null,
    lines,
    ...overrides,
  };
}

/** A successful return of the named line items (whole lines), made a day after `order`'s payment. */
export function refund(id: string, of: OrderFact, lineItemIds: string[], overrides: Partial<RefundFact> = {}): RefundFact {
  const base = (of.paidTime ?? of.createTime) + 86_400;
  return {
    id,
    orderId: of.id,
    kind: 'RETURN_AND_REFUND',
    status: 'RETURN_OR_REFUND_REQUEST_COMPLETE',
    createTime: base,
    updateTime: base,
    lines: lineItemIds.map((lineId) => ({ id: lineId, refundSubtotal: null })),
    refundSubtotal: null,
    currency: of.currency,
    ...overrides,
  };
}

/** Refunds grouped by order id, as the ledger hands them over. */
export function byOrder(refunds: RefundFact[]): Map<string, RefundFact[]> {
  const map = new Map<string, RefundFact[]>();
  for (const r of refunds) map.set(r.orderId, [...(map.get(r.orderId) ?? []), r]);
  return map;
}

/** A USD campaign × day report row; override any field. */
export function adRow(date: string, spend: string | null, attributedRevenue: string | null, overrides: Partial<AdRowFact> = {}): AdRowFact {
  return {
    advertiserId: 'ADV1',
    campaignId: 'C1',
    date,
    currency: 'USD',
    spend,
    attributedRevenue,
    impressions: 1000,
    clicks: 10,
    campaignDeleted: false,
    ...overrides,
  };
}

/** A USD GMV Max report row (campaign × day); override any field. */
export function gmvMaxRow(date: string, cost: string | null, grossRevenue: string | null, overrides: Partial<GmvMaxRowFact> = {}): GmvMaxRowFact {
  return { advertiserId: 'ADV1', campaignId: 'GMV1', date, currency: 'USD', cost, grossRevenue, ...overrides };
}

/** The error `fn` throws; fails the test when it throws nothing. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** The date of the worked example. */
export const WORKED_DAY = '2024-05-14';

/** metrics.md, "Worked example (USD, one day)". */
export function workedExample(): { orders: OrderFact[]; refunds: Map<string, RefundFact[]> } {
  const gross = lineItemGross('15.00', '3.00');
  // Buyers paid the sale prices; the worked example has no shipping or tax.
  const a = order('A', [line('A1', gross, 'P1', '15.00'), line('A2', gross, 'P1', '15.00')], {
    paidTime: at(`${WORKED_DAY}T10:00`, LA),
    payment: { total: '30.00', shipping: '0', tax: '0' },
  });
  const b = order('B', [line('B1', lineItemGross('50.00', '0'), 'P2')], {
    paidTime: at(`${WORKED_DAY}T11:00`, LA),
    payment: { total: '50.00', shipping: '0', tax: '0' },
  });
  const c = order('C', [line('C1', '99.00', 'P3')], { paidTime: null, status: 'UNPAID', createTime: at(`${WORKED_DAY}T12:00`, LA) });
  return { orders: [a, b, c], refunds: byOrder([refund('RB', b, ['B1'])]) };
}
