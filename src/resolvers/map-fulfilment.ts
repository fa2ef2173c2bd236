/**
 * TikTok's fulfilment fields of an order as the graph's OrderFulfilment (docs/tiktok-api.md,
 * Fulfilment): deadlines, what happened when, and the packages with their lines.
 */
import type { PartnerOrder } from '../datasources/partner/schemas';
import { fromUnixSeconds } from '../schema/scalars';
import { OrderFulfilment, OrderPackage } from '../schema/types/fulfilment';

const time = (seconds: number | undefined): Date | null => (seconds === undefined ? null : fromUnixSeconds(seconds));

/** The packages of an order: those it lists, and any its lines name that it does not. */
function packagesOf(o: PartnerOrder): OrderPackage[] {
  const ids = [...new Set([...o.packages.map((p) => p.id), ...o.line_items.flatMap((l) => (l.package_id === undefined ? [] : [l.package_id]))])];
  return ids.map((id) => {
    const lines = o.line_items.filter((l) => l.package_id === id);
    const first = <K extends 'tracking_number' | 'shipping_provider_name' | 'shipping_provider_id' | 'package_status'>(key: K) =>
      lines.map((l) => l[key]).find((v) => v !== undefined) ?? null;
    const shipped = lines.map((l) => l.rts_time).filter((t): t is number => t !== undefined);
    return Object.assign(new OrderPackage(), {
      id,
      trackingNumber: first('tracking_number'),
      shippingProvider: first('shipping_provider_name'),
      shippingProviderId: first('shipping_provider_id'),
      status: first('package_status'),
      shippedAt: shipped.length > 0 ? fromUnixSeconds(Math.min(...shipped)) : null,
      lineItemIds: lines.map((l) => l.id),
    });
  });
}

/** Maps an order's fulfilment fields; late and on time as docs/metrics.md ("Fulfilment") defines them. */
export function toFulfilment(o: PartnerOrder): OrderFulfilment {
  const deliverBy = o.delivery_sla_time ?? o.delivery_option_required_delivery_time;
  const packages = packagesOf(o);
  // An order without its own tracking fields (TikTok sends them per line too) takes its first package's.
  return Object.assign(new OrderFulfilment(), {
    shipBy: time(o.rts_sla_time),
    collectBy: time(o.tts_sla_time),
    deliverBy: time(deliverBy),
    autoCancelAt: time(o.cancel_order_sla_time),
    shippingDueAt: time(o.shipping_due_time),
    collectionDueAt: time(o.collection_due_time),
    deliveryDueAt: time(o.delivery_due_time),
    shippedAt: time(o.rts_time),
    collectedAt: time(o.collection_time),
    deliveredAt: time(o.delivery_time),
    shippedLate: o.rts_time === undefined || o.rts_sla_time === undefined ? null : o.rts_time > o.rts_sla_time,
    deliveredOnTime: o.delivery_time === undefined || deliverBy === undefined ? null : o.delivery_time <= deliverBy,
    fulfillmentType: o.fulfillment_type ?? null,
    shippingType: o.shipping_type ?? null,
    deliveryType: o.delivery_type ?? null,
    deliveryOptionId: o.delivery_option_id ?? null,
    deliveryOptionName: o.delivery_option_name ?? null,
    trackingNumber: o.tracking_number ?? packages[0]?.trackingNumber ?? null,
    shippingProvider: o.shipping_provider ?? packages[0]?.shippingProvider ?? null,
    packages,
  });
}
