import { isKnown } from '../datasources/lenient';
import { ORDER_STATUSES, type PartnerOrder, type PartnerPayment } from '../datasources/partner/schemas';
import { roundMoney, sumDecimals } from '../domain/money';
import { money, type Money } from '../schema/types/common';
import { BuyerFee, LineItem, Order, OrderItem, OrderStatus } from '../schema/types/order';
import { fromUnixSeconds } from '../schema/scalars';

/** TikTok's status as the graph's enum: UNKNOWN for one ShopGraph does not know, or none. */
export function orderStatus(value: string | undefined): OrderStatus {
  return isKnown(ORDER_STATUSES, value) ? (value as OrderStatus) : OrderStatus.UNKNOWN;
}

/** The buyer fees of `payment` ShopGraph shows, in TikTok's names (see BuyerFee). */
const BUYER_FEES = [
  'retail_delivery_fee',
  'small_order_fee',
  'buyer_service_fee',
  'handling_fee',
  'shipping_insurance_fee',
  'item_insurance_fee',
] as const satisfies readonly (keyof PartnerPayment)[];

const time = (seconds: number | undefined): Date | null => (seconds === undefined ? null : fromUnixSeconds(seconds));

/**
 * Graph orders already mapped, per upstream order object: a warm request gets the cached upstream
 * objects again, and mapping (exact decimal rounding of every amount) was most of its work. The
 * mapped orders are read-only to resolvers.
 */
const mapped = new WeakMap<PartnerOrder, { shopId: string; order: Order }>();

/** The upstream order each graph order was mapped from: the fulfilment fields read it. */
const sources = new WeakMap<Order, PartnerOrder>();

/** The Partner API order a graph order was mapped from, when it was mapped in this process. */
export function upstreamOf(order: Order): PartnerOrder | undefined {
  return sources.get(order);
}

/** Maps a Partner API order to the graph's Order; amounts keep their exact decimal strings. */
export function toOrder(shopId: string, o: PartnerOrder): Order {
  const known = mapped.get(o);
  if (known && known.shopId === shopId) return known.order;
  const order = mapOrder(shopId, o);
  mapped.set(o, { shopId, order });
  sources.set(order, o);
  return order;
}

function mapOrder(shopId: string, o: PartnerOrder): Order {
  const currency = o.payment.currency;
  const m = (amount: string): Money => money(roundMoney(amount, currency), currency);
  const maybe = (amount: string | undefined): Money | null => (amount === undefined ? null : m(amount));
  const lineItems = o.line_items.map((l) =>
    Object.assign(new LineItem(), {
      id: l.id,
      shopId,
      productId: l.product_id ?? null,
      skuId: l.sku_id ?? null,
      productName: l.product_name,
      skuName: l.sku_name || null,
      sellerSku: l.seller_sku || null,
      originalPrice: maybe(l.original_price),
      salePrice: m(l.sale_price),
      sellerDiscount: m(l.seller_discount),
      platformDiscount: m(l.platform_discount),
      gross: m(sumDecimals([l.sale_price, l.platform_discount]).toString()),
      status: l.display_status === undefined ? null : orderStatus(l.display_status),
      rawStatus: l.display_status ?? null,
      isGift: l.is_gift,
      packageId: l.package_id ?? null,
      trackingNumber: l.tracking_number ?? null,
      shippingProviderName: l.shipping_provider_name ?? null,
    }),
  );
  // Lines without a SKU id cannot be grouped with others: each is an item of its own.
  const bySku = new Map<string, LineItem[]>();
  for (const line of lineItems) {
    const key = line.skuId ?? `line:${line.id}`;
    bySku.set(key, [...(bySku.get(key) ?? []), line]);
  }
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
    status: orderStatus(o.status),
    rawStatus: o.status ?? null,
    createdAt: fromUnixSeconds(o.create_time),
    updatedAt: time(o.update_time),
    paidAt: time(o.paid_time),
    cancelledAt: time(o.cancel_time),
    // TikTok's reference: is_cod defaults to false.
    isCashOnDelivery: o.is_cod ?? false,
    paymentMethodName: o.payment_method_name ?? null,
    shipBy: time(o.rts_sla_time),
    collectBy: time(o.tts_sla_time),
    deliverBy: time(o.delivery_sla_time),
    autoCancelAt: time(o.cancel_order_sla_time),
    shippedAt: time(o.rts_time),
    collectedAt: time(o.collection_time),
    deliveredAt: time(o.delivery_time),
    packageIds: o.packages.map((pkg) => pkg.id),
    trackingNumber: o.tracking_number ?? null,
    shippingProvider: o.shipping_provider ?? null,
    currency,
    subtotal: maybe(p.sub_total),
    shippingFee: maybe(p.shipping_fee),
    tax: maybe(p.tax),
    total: maybe(p.total_amount),
    buyerFees: BUYER_FEES.flatMap((kind) => {
      const amount = p[kind];
      return amount === undefined ? [] : [Object.assign(new BuyerFee(), { kind, amount: m(amount) })];
    }),
    sellerDiscount: m(p.seller_discount),
    platformDiscount: m(p.platform_discount),
    gross: m(sumDecimals(lineItems.map((l) => l.gross.amount)).toString()),
    lineItems,
    items,
  });
}
