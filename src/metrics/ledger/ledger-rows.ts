/**
 * One order's row of the ledger, as stored: the order fact (while TikTok has sent it), the day it
 * is counted on, and every refund of it known. One row per order (ledger v6) is what bounds a
 * batch's memory by the batch: applying a page reads and writes the rows of the orders it names,
 * never a whole day (v5 kept a day's orders in one value, ~2 MB of JSON at 11,200 orders a day).
 *
 * Rows are arrays without field names (no key repeated per order), checked by position and type
 * as they are unpacked: they are the hot path of a backfill (see ledger-entries.ts).
 */
import type { OrderFact, RefundFact } from '../../domain/facts';
import { refundListsProblem } from './ledger-entries';
import { LedgerCorruptError } from './ledger-errors';

/** An order id's row: where it is counted, the order (null: only refunds known so far), its refunds. */
export interface OrderRow {
  /** the shop-local date it is counted on; null: counted nowhere (unpaid, or the order not read yet) */
  day: string | null;
  order: OrderFact | null;
  refunds: RefundFact[];
}

/** Payment totals as `[total, shipping, tax]`, or 0 when TikTok sent none. */
type PaymentTuple = [string, string, string] | 0;
/** Fulfilment times `[ship by, shipped, deliver by, delivered]` (see `OrderFulfilmentFact`). */
type FulfilmentTuple = [number | null, number | null, number | null, number | null];
type OrderTuple = [string, string, number, number, number | null, 0 | 1, string, PaymentTuple, string[], FulfilmentTuple?];
/** `[day or 0, order tuple or 0, refunds]` */
type RowTuple = [string | 0, OrderTuple | 0, RefundFact[]];
/** The fields of one line, flattened into {@link OrderTuple}'s ninth element. */
const LINE_FIELDS = 5;

/** An order as one JSON array, without field names: equal facts give equal strings. */
export function encodeOrder(o: OrderFact): string {
  return JSON.stringify(orderTuple(o));
}

function orderTuple(o: OrderFact): OrderTuple {
  const payment: PaymentTuple = o.payment === null ? 0 : [o.payment.total, o.payment.shipping, o.payment.tax];
  const lines = o.lines.flatMap((l) => [l.id, l.productId, l.skuId, l.salePrice, l.gross]);
  const tuple: OrderTuple = [o.id, o.status, o.createTime, o.updateTime, o.paidTime, o.cod ? 1 : 0, o.currency, payment, lines];
  const f = o.fulfilment;
  if (f) tuple.push([f.shipBy, f.shippedAt, f.deliverBy, f.deliveredAt]);
  return tuple;
}

function fromTuple([id, status, createTime, updateTime, paidTime, cod, currency, payment, flat, f]: OrderTuple): OrderFact {
  const lines: OrderFact['lines'] = [];
  for (let i = 0; i < flat.length; i += LINE_FIELDS) {
    lines.push({ id: flat[i]!, productId: flat[i + 1]!, skuId: flat[i + 2]!, salePrice: flat[i + 3]!, gross: flat[i + 4]! });
  }
  return {
    id,
    status,
    createTime,
    updateTime,
    paidTime,
    cod: cod === 1,
    currency,
    payment: payment === 0 ? null : { total: payment[0], shipping: payment[1], tax: payment[2] },
    lines,
    ...(f ? { fulfilment: { shipBy: f[0], shippedAt: f[1], deliverBy: f[2], deliveredAt: f[3] } } : {}),
  };
}

export function encodeRow(row: OrderRow): string {
  const tuple: RowTuple = [row.day ?? 0, row.order === null ? 0 : orderTuple(row.order), row.refunds];
  return JSON.stringify(tuple);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a stored row, or null. */
export function rowProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length !== 3) return 'not a row [day, order, refunds]';
  const [day, order, refunds] = value as unknown[];
  if (day !== 0 && (typeof day !== 'string' || !DATE.test(day))) return 'day: not a date';
  if (order !== 0) {
    if (!Array.isArray(order) || order.length < 9) return 'order: not an order';
    const [id, status, createTime, updateTime, paidTime, cod, currency, payment, lines, fulfilment] = order as unknown[];
    if (typeof id !== 'string' || typeof status !== 'string' || typeof currency !== 'string') return 'order: id, status or currency not a string';
    if (typeof createTime !== 'number' || typeof updateTime !== 'number' || (paidTime !== null && typeof paidTime !== 'number'))
      return 'order: times not numbers';
    if (cod !== 0 && cod !== 1) return 'order: cod not 0 or 1';
    if (payment !== 0 && !(Array.isArray(payment) && payment.length === 3 && payment.every((p) => typeof p === 'string'))) return 'order: payment';
    if (!Array.isArray(lines) || lines.length % LINE_FIELDS !== 0 || !lines.every((l) => typeof l === 'string')) return 'order: lines';
    if (fulfilment !== undefined && !(Array.isArray(fulfilment) && fulfilment.length === 4 && fulfilment.every((t) => t === null || typeof t === 'number')))
      return 'order: fulfilment times';
  } else if (day !== 0) {
    return 'day: set without an order';
  }
  if (!Array.isArray(refunds)) return 'refunds: not a list';
  const problem = refundListsProblem({ refunds });
  if (problem !== null) return problem;
  for (const [i, r] of (refunds as Record<string, unknown>[]).entries()) {
    if (typeof r.id !== 'string' || typeof r.orderId !== 'string' || typeof r.updateTime !== 'number' || !Array.isArray(r.lines))
      return `refunds[${i}]: not a refund`;
  }
  return null;
}

/**
 * A stored row, checked.
 * @throws {@link LedgerCorruptError} naming the key when it is not what the ledger writes
 */
export function decodeRow(key: string, text: string): OrderRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerCorruptError(key, 'not JSON');
  }
  const problem = rowProblem(value);
  if (problem !== null) throw new LedgerCorruptError(key, problem);
  const [day, order, refunds] = value as RowTuple;
  return { day: day === 0 ? null : day, order: order === 0 ? null : fromTuple(order), refunds };
}
