import type { ShopMetricsInput } from './definitions';
import type { WindowData } from './metrics-service';

/** Metrics input for a window's facts. */
export function metricsInput(data: WindowData, rates: Record<string, string>): ShopMetricsInput {
  return {
    orders: data.total(),
    adRows: data.adRows,
    gmvMax: data.gmvMax,
    unreadable: data.unreadable,
    currency: data.shop.currency,
    rates,
    timeZones: { shop: data.shop.timezone, advertisers: data.advertisers.map((a) => a.displayTimezone) },
    adsUnknown: data.adsUnknown,
    asOf: data.orders.asOf,
  };
}
