/**
 * A paid TikTok Shop order as an Events API purchase. What an order carries for matching: the
 * buyer's `user_id` (sent hashed as `external_id`); the buyer email TikTok shows sellers is an
 * anonymized relay address and the phone is masked under platform logistics, so neither is in the
 * parsed order (docs/conversions.md, "Identifiers").
 */
import { Decimal } from 'decimal.js';
import type { PurchaseEvent, PurchaseEventName } from '../datasources/marketing/events-sender';
import type { PartnerOrder } from '../datasources/partner/order-schemas';

/** Statuses of an order that is not (or no longer) a purchase, whatever its `paid_time`. */
const NOT_PURCHASES = new Set(['UNPAID', 'CANCELLED']);

/**
 * Whether the order was paid: it has a `paid_time` (a cash-on-delivery order only once the courier
 * collected) and is neither unpaid nor cancelled. An order first seen cancelled is not reported;
 * one reported before it was cancelled stays reported (the Events API has no way to take it back).
 */
export function isPaid(order: PartnerOrder): boolean {
  return order.paid_time !== undefined && !NOT_PURCHASES.has(order.status ?? 'UNPAID');
}

/**
 * The order's purchase: `event_id` = order id, at `paid_time`, worth what the buyer paid
 * (`payment.total_amount`; without it, the sum of the line items' sale prices), one content per
 * SKU and unit price (a line item is one unit), gifts left out.
 */
export function purchaseOf(order: PartnerOrder, shopId: string, event: PurchaseEventName): PurchaseEvent {
  const lines = order.line_items.filter((line) => !line.is_gift);
  const contents = new Map<string, { contentId: string; price: string; quantity: number }>();
  for (const line of lines) {
    const contentId = line.sku_id ?? line.product_id;
    if (contentId === undefined) continue;
    const price = new Decimal(line.sale_price).toFixed();
    const key = `${contentId}@${price}`;
    const entry = contents.get(key) ?? { contentId, price, quantity: 0 };
    entry.quantity += 1;
    contents.set(key, entry);
  }
  const value = order.payment.total_amount ?? lines.reduce((sum, line) => sum.plus(line.sale_price), new Decimal(0)).toFixed();
  return {
    orderId: order.id,
    shopId,
    occurredAt: new Date((order.paid_time ?? order.create_time) * 1000),
    event,
    value: new Decimal(value).toFixed(),
    currency: order.payment.currency,
    contents: [...contents.values()],
    externalId: order.user_id,
  };
}
