/**
 * The store's internal state. Queries read the materialized TikTok-shaped maps; the order plans
 * (absent for fixture data) are what live mode advances.
 */
import type { RecordedContent } from './content-types';
import type { Dec } from './money';
import type { OrderPlan } from './plan';
import type { RegionProfile } from './regions';
import type {
  EmuAdvertiser,
  MarketingCampaignRaw,
  PartnerCancellation,
  PartnerOrder,
  PartnerOrderTransactions,
  PartnerProduct,
  PartnerReturnOrder,
  PartnerStatement,
  ReportRowRaw,
} from './shapes';
import type { EmuShop } from './store-types';

/** A SKU orders can contain, with its current price. */
export interface SellableSku {
  product_id: string;
  product_name: string;
  sku_id: string;
  sku_name: string;
  seller_sku: string;
  price: Dec;
}

/** Everything about one shop. */
export interface ShopState {
  /** Position among the shops: part of every random key of this shop. */
  index: number;
  shop: EmuShop;
  profile: RegionProfile;
  products: PartnerProduct[];
  catalog: SellableSku[];
  gift?: SellableSku;
  buyers: string[];
  /** Plans by order id; empty for fixture orders, which never change. */
  plans: Map<string, OrderPlan>;
  /** UTC day numbers whose order plans exist already (live mode adds days lazily). */
  plannedDays: Set<number>;
  /** Moves whenever orders, returns or cancellations change (their sorted search views follow). */
  revision: number;
  orders: Map<string, PartnerOrder>;
  returns: Map<string, PartnerReturnOrder>;
  cancellations: Map<string, PartnerCancellation>;
  /** Derived from the orders on first use after a change; `financeAsOf` says for which `now`. */
  statements: PartnerStatement[];
  transactions: Map<string, PartnerOrderTransactions>;
  financeAsOf?: number;
  webhooks: Map<string, string>;
  /** Units received per SKU and warehouse (`stock.ts`); absent for recorded fixtures (served as recorded). */
  received?: Map<string, number>;
  /** Recorded videos and LIVE sessions (fixtures); generated shops plan theirs per day instead. */
  content?: RecordedContent;
}

/** A campaign and how it spends. */
export interface CampaignPlan {
  raw: MarketingCampaignRaw;
  kind: 'SHOP' | 'TRAFFIC' | 'GMV_MAX';
  /** First and last (inclusive) advertiser-local days with delivery. */
  firstDay: string;
  lastDay?: string;
  dailyBudget: Dec;
  /** GMV Max only: the shop and the products it promotes. */
  shopId?: string;
  productIds?: string[];
  /** Spend added to generated days through the control plane (`ad-controls.ts`), by advertiser-local date. */
  extraSpend?: Map<string, Dec>;
}

/** One ad account. */
export interface AdvertiserState {
  advertiser: EmuAdvertiser;
  campaigns: CampaignPlan[];
  /** Fixture data: recorded report rows replace generated ones. */
  recordedRows?: ReportRowRaw[];
}

/** The whole dataset. */
export interface StoreState {
  seed: string;
  /** Unix seconds: the data is materialized as of this time. */
  now: number;
  /** Unix seconds: nothing is created before this time. */
  start: number;
  ordersPerDay: number;
  /**
   * Whether generated orders and returns may carry statuses TikTok does not document (yet), as a
   * real shop one day will: on by default for demo data, absent (off) for recorded fixtures.
   */
  unknownEnums?: boolean;
  shops: ShopState[];
  advertisers: AdvertiserState[];
}
