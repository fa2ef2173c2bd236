/**
 * TikTok's JSON shapes as the emulator stores and serves them. Each is the client's zod-inferred
 * type (so the emulator cannot drift from what the clients parse) widened with the extra fields
 * TikTok also sends and the clients ignore (they strip unknown keys), which keeps the emulator's
 * answers realistic. The extras are optional because recorded fixtures need not have them.
 *
 * @see ../../datasources/partner/schemas.ts
 * @see ../../datasources/marketing/schemas.ts
 */
import type {
  AnalyticsMoney, OrderStatementTransactions, PartnerCancelLineItem, PartnerCancellation as ClientCancellation,
  PartnerInventory, PartnerLineItem as ClientLineItem, PartnerOrder as ClientOrder, PartnerOrderStatus,
  PartnerPayment, PartnerProduct, PartnerProductSummary, PartnerRefundAmount,
  PartnerReturnLineItem as ClientReturnLineItem, PartnerReturnOrder as ClientReturnOrder, PartnerShop,
  PartnerSkuTransaction, PartnerStatement, ProductPerformance, ShopPerformance, ShopPerformanceInterval,
  SkuPerformance, VideoPerformance, LiveSessionPerformance,
} from '../../datasources/partner/schemas';
import type {
  RawAdvertiserInfo, RawCampaign, RawGmvMaxReportRow, RawGmvMaxStore, RawIntegratedReportRow, RawPageInfo,
} from '../../datasources/marketing/schemas';

export type {
  AnalyticsMoney, PartnerCancelLineItem, PartnerPayment, PartnerProduct, PartnerProductSummary,
  PartnerRefundAmount, PartnerShop, PartnerSkuTransaction, PartnerStatement, ProductPerformance,
  ShopPerformanceInterval, SkuPerformance, VideoPerformance, LiveSessionPerformance,
};

/** Order status values of `/order/202309/orders/search`. */
export type OrderStatus = PartnerOrderStatus;

/** One unit of one SKU (TikTok has no quantity field), with the package fields TikTok adds. */
export type PartnerLineItem = ClientLineItem & { package_id?: string; rts_time?: number };

/** A full order object as search and detail return it. */
export type PartnerOrder = Omit<ClientOrder, 'line_items'> & {
  line_items: PartnerLineItem[];
  cancel_reason?: string;
  rts_time?: number;
  collection_time?: number;
  delivery_time?: number;
  buyer_message?: string;
  delivery_type?: string;
  payment_method_name?: string;
  is_cod?: boolean;
  is_sample_order?: boolean;
  warehouse_id?: string;
  packages?: { id: string }[];
};

/** One line of a return, with the display fields TikTok adds. */
export type PartnerReturnLineItem = ClientReturnLineItem & { sku_name?: string; product_name?: string; seller_sku?: string };

/** One return/refund of `/return_refund/202309/returns/search`. */
export type PartnerReturnOrder = Omit<ClientReturnOrder, 'return_line_items'> & {
  return_line_items: PartnerReturnLineItem[];
  role?: string;
  return_reason?: string;
  return_reason_text?: string;
};

/** One cancellation of `/return_refund/202309/cancellations/search`. */
export type PartnerCancellation = ClientCancellation & { role?: string; cancel_reason?: string; cancel_reason_text?: string };

/** One product of `/product/202309/inventory/search`. */
export type InventoryResult = PartnerInventory;

/** `GET /finance/202501/orders/{order_id}/statement_transactions` data. */
export type PartnerOrderTransactions = OrderStatementTransactions & { total_count: number };

/** `data` of `/analytics/202405/shop/performance`. */
export type ShopPerformanceData = ShopPerformance;

/** A Marketing API advertiser (`advertiser/info/`), with the shops it promotes (emulator-only). */
export type EmuAdvertiser = RawAdvertiserInfo & { shop_ids: string[] };

/** A campaign as `campaign/get/` returns it (times as `"YYYY-MM-DD HH:MM:SS"` UTC strings). */
export type MarketingCampaignRaw = RawCampaign & { advertiser_id: string };

/** A report row of `report/integrated/get/` or `gmv_max/report/get/`: maps of STRINGS. */
export interface ReportRowRaw {
  dimensions: { campaign_id: string; stat_time_day: string };
  metrics: Record<string, string>;
}

/** `page_info` of Marketing API offset paging. */
export type MarketingPageInfo = RawPageInfo;

/** A GMV Max store (a TikTok Shop the advertiser may promote). */
export type GmvMaxStore = RawGmvMaxStore;

/** The client's row types, for tests that check the report rows parse. */
export type { RawGmvMaxReportRow, RawIntegratedReportRow };
