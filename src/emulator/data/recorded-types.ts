/**
 * The store's settings and what recorded datasets hold beyond the records every shop has
 * (re-exported by `store-types.ts`).
 */
import type { FinancePayment, GmvMaxStore, InventoryResult, PartnerProductSummary, ReportRowRaw } from './shapes';

/** Settings of the store that are not data. */
export interface StoreSettings {
  /**
   * The most results one product search walk may reach (TikTok: 10,000, error 12052180 past it).
   * A test knob: lower it to exercise the cap on a small catalogue. @default 10000
   */
  productSearchCap?: number;
}

/** What a recording holds for a shop beyond the records every shop has. */
export interface RecordedShop {
  /** Search Products rows as recorded, served instead of rows derived from the product records. */
  productRows?: PartnerProductSummary[];
  /** Products a recorded Get Product answered "does not exist" (12052032) for: deleted ones. */
  deletedProductIds?: string[];
  /** Inventory Search rows as recorded, served instead of stock derived from the products. */
  inventory?: InventoryResult[];
  /** Statements (and order transactions) were recorded: finance is replayed, not derived. */
  financeRecorded?: boolean;
  /** Payments as recorded. */
  payments?: FinancePayment[];
}

/** What a recording holds for an advertiser beyond its info, campaigns and BASIC rows. */
export interface RecordedAdvertiser {
  /** `gmv_max/store/list/` rows as recorded. */
  stores?: GmvMaxStore[];
  /** `gmv_max/report/get/` rows as recorded, by store id. */
  gmvMaxRows?: Record<string, ReportRowRaw[]>;
  /**
   * GMV Max campaigns with recorded cost that the recorded campaign list (asked without deleted
   * campaigns) does not hold: deleted ones, whose rows only `STATUS_ALL`/`STATUS_DELETE` return.
   */
  deletedGmvMaxCampaignIds?: string[];
}

/** The recorded extras of a fixture or replay dataset, by shop and advertiser id. */
export interface RecordedExtras {
  shops: Map<string, RecordedShop>;
  advertisers: Map<string, RecordedAdvertiser>;
}
