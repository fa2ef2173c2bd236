import type { PartnerOrder } from '../datasources/partner/schemas';
import { roundMoney, sumDecimals } from '../metrics/money';
import { money, type Money } from '../schema/types/common';
import { LineItem, Order, OrderItem, OrderStatus } from '../schema/types/order';
import { fromUnixSeconds } from '../schema/scalars';

const STATUSES = new Set<string>(Object.values(OrderStatus));

/** TikTok's line item `display_status` as an order status, when it is one. */
function lineStatus(value: string): OrderStatus | null {
  return STATUSES.has(value) ? (value as OrderStatus) : null;
}

/**
 * Graph orders already mapped, per upstream order object: a warm request gets the cached upstream
 * objects again, and mapping (exact decimal rounding of every amount) was most of its work. The
 * mapped orders are read-only to resolvers.
 */
const mapped = new WeakMap<PartnerOrder, { shopId: string; order: Order }>();

/** Maps a Partner API order to the graph's Order; amounts keep their exact decimal strings. */
export function toOrder(shopId: string, o: PartnerOrder): Order {
  const known = mapped.get(o);
  if (known && known.shopId === shopId) return known.order;
  const order = mapOrder(shopId, o);
  mapped.set(o, { shopId, order });
  return order;
}

function mapOrder(shopId: string, o: PartnerOrder): Order {
  const currency = o.payment.currency;
  const m = (amount: string): Money => money(roundMoney(amount, currency), currency);
  const lineItems = o.line_items.map((l) =>
    Object.assign(new LineItem(), {
      id: l.id,
      shopId,
      productId: l.product_id,
      skuId: l.sku_id,
      productName: l.product_name,
      skuName: l.sku_name || null,
      sellerSku: l.seller_sku || null,
      originalPrice: m(l.original_price),
      salePrice: m(l.sale_price),
      sellerDiscount: m(l.seller_discount),
      platformDiscount: m(l.platform_discount),
      gross: m(sumDecimals([l.sale_price, l.platform_discount]).toString()),
      status: lineStatus(l.display_status),
      isGift: l.is_gift,
    }),
  );
  const bySku = new Map<string, LineItem[]>();
  for (const line of lineItems) bySku.set(line.skuId, [...(bySku.get(line.skuId) ?? []), line]);
  const items = [...bySku.values()].map((lines) => {
    const first = lines[0] as LineItem;
    return Object.assign(new OrderItem(), {
      shopId,
      skuId: first.skuId,
      productId: first.productId,
      productName: first.productName,
      quantity: lines.length,
      gross: m(sumDecimals(lines.map((l) => l.gross.amount)).toString()),
    });
  });
  const p = o.payment;
  return Object.assign(new Order(), {
    id: o.id,
    shopId,
    status: o.status as OrderStatus,
    createdAt: fromUnixSeconds(o.create_time),
    updatedAt: fromUnixSeconds(o.update_time),
    paidAt: o.paid_time === undefined ? null : fromUnixSeconds(o.paid_time),
    cancelledAt: o.cancel_time === undefined ? null : fromUnixSeconds(o.cancel_time),
    currency,
    subtotal: m(p.sub_total),
    shippingFee: m(p.shipping_fee),
    tax: m(p.tax),
    total: m(p.total_amount),
    sellerDiscount: m(p.seller_discount),
    platformDiscount: m(p.platform_discount),
    gross: m(sumDecimals(lineItems.map((l) => l.gross.amount)).toString()),
    lineItems,
    items,
  });
}
