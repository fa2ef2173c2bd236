/**
 * A recorded dataset, already checked by the fixture schemas, and how it becomes the store's
 * state. Both ways of recording — the emulator's fixture directory (`fixtures.ts`) and a directory
 * of TikTok's own answers (`recorded-scenario.ts`) — produce one, so they replay alike.
 */
import type { z } from 'zod';
import { recordedContent } from './content-fixtures';
import { parseRecorded } from './fixture-files';
import { productsFile, type cancellationsFile, type livesFile, type ordersFile, type returnsFile, type shopsFile, type videosFile } from './fixture-schemas';
import type { advertisersFile, campaignsFile, gmvMaxCampaignsFile, gmvMaxReportFile, reportFile, storesFile } from './marketing-fixture-schemas';
import { D } from './money';
import type { inventoryFile, orderTransactionsFile, paymentsFile, productRowsFile, statementsFile } from './recorded-schemas';
import { REGIONS, regionProfile } from './regions';
import type { AdvertiserState, CampaignPlan, ShopState, StoreState } from './state';
import type { RecordedAdvertiser, RecordedExtras, RecordedShop } from './store-types';

type Row<S extends z.ZodType, K extends keyof z.output<S>> = z.output<S>[K] extends (infer T)[] ? T : never;

/** One shop's recorded answers. */
export interface ShopFixtures {
  shop: Row<typeof shopsFile, 'shops'>;
  orders: Row<typeof ordersFile, 'orders'>[];
  /** Product DETAIL objects. */
  products: Row<typeof productsFile, 'products'>[];
  returns: Row<typeof returnsFile, 'return_orders'>[];
  cancellations: Row<typeof cancellationsFile, 'cancellations'>[];
  videos: z.output<typeof videosFile>;
  lives: z.output<typeof livesFile>;
  /** Search Products rows as recorded. */
  productRows?: Row<typeof productRowsFile, 'products'>[];
  deletedProductIds?: string[];
  inventory?: Row<typeof inventoryFile, 'inventory'>[];
  /** With statements recorded, finance is replayed (these, the transactions, the payments). */
  statements?: Row<typeof statementsFile, 'statements'>[];
  transactions?: z.output<typeof orderTransactionsFile>[];
  payments?: Row<typeof paymentsFile, 'payments'>[];
}

/** One advertiser's recorded answers. */
export interface AdvertiserFixtures {
  info: Row<typeof advertisersFile, 'list'>;
  campaigns: Row<typeof campaignsFile, 'list'>[];
  /** BASIC integrated report rows. */
  report: Row<typeof reportFile, 'list'>[];
  gmvMaxCampaigns: Row<typeof gmvMaxCampaignsFile, 'list'>[];
  /** GMV Max report rows by store id. */
  gmvMaxRows: Record<string, Row<typeof gmvMaxReportFile, 'list'>[]>;
  stores?: Row<typeof storesFile, 'store_list'>[];
  deletedGmvMaxCampaignIds?: string[];
}

/** A whole recorded dataset. */
export interface FixtureSet {
  shops: ShopFixtures[];
  advertisers: AdvertiserFixtures[];
}

/** Product records: the recorded details, and what a search row shows of a product without one. */
function productRecords(f: ShopFixtures): ShopFixtures['products'] {
  const rows = (f.productRows ?? []).filter((r) => !f.products.some((p) => p.id === r.id));
  return [...f.products, ...parseRecorded(`search rows of shop ${f.shop.id}`, { products: rows }, productsFile).products];
}

function shopState(index: number, f: ShopFixtures): ShopState {
  const { shop } = f;
  const products = productRecords(f);
  const base = regionProfile(shop.region);
  const currency = shop.currency ?? base.currency;
  const timezone = shop.timezone ?? base.timezone;
  const state: ShopState = {
    index,
    shop: { id: shop.id, name: shop.name, region: shop.region, seller_type: shop.seller_type, cipher: shop.cipher, code: shop.code, currency, timezone },
    profile: { ...base, region: shop.region, currency, timezone },
    products,
    // Live mode sells what the recording has on sale, to the buyers it has seen.
    // A SKU without any price cannot be sold.
    catalog: products
      .filter((p) => p.status === 'ACTIVATE')
      .flatMap((p) =>
        p.skus.flatMap((s) => {
          const price = s.price.sale_price ?? s.price.tax_exclusive_price;
          return price === undefined
            ? []
            : [
                {
                  product_id: p.id,
                  product_name: p.title,
                  sku_id: s.id,
                  sku_name: s.sales_attributes?.[0]?.value_name ?? '',
                  seller_sku: s.seller_sku,
                  price: new D(price),
                },
              ];
        }),
      ),
    buyers: [...new Set(f.orders.map((o) => o.user_id))],
    plans: new Map(),
    plannedDays: new Set(),
    revision: 0,
    orders: new Map(f.orders.map((o) => [o.id, o])),
    returns: new Map(f.returns.map((r) => [r.return_id, r])),
    cancellations: new Map(f.cancellations.map((c) => [c.cancel_id, c])),
    statements: f.statements ?? [],
    transactions: new Map((f.transactions ?? []).map((t) => [t.order_id, t])),
    webhooks: new Map(),
    content: recordedContent(f.videos, f.lives),
  };
  if (state.buyers.length === 0) state.buyers.push(`7494${String(index).padStart(15, '0')}`);
  return state;
}

function recordedShop(f: ShopFixtures): RecordedShop {
  return {
    productRows: f.productRows,
    deletedProductIds: f.deletedProductIds,
    inventory: f.inventory,
    financeRecorded: f.statements !== undefined,
    payments: f.payments,
  };
}

function advertiserState(f: AdvertiserFixtures): AdvertiserState {
  const id = f.info.advertiser_id;
  const standard = f.campaigns.map((c): CampaignPlan => ({
    raw: { ...c, advertiser_id: id },
    kind: c.objective_type === 'TRAFFIC' ? 'TRAFFIC' : 'SHOP',
    firstDay: c.create_time.slice(0, 10),
    dailyBudget: new D(c.budget ?? 0),
  }));
  const gmvMax = f.gmvMaxCampaigns.map((c): CampaignPlan => ({
    raw: { ...c, advertiser_id: id },
    kind: 'GMV_MAX',
    firstDay: c.create_time.slice(0, 10),
    dailyBudget: new D(c.budget ?? 0),
    shopId: c.store_id,
  }));
  // The shops an advertiser promotes: listed, linked as GMV Max stores, or promoted by its campaigns.
  const shopIds = new Set([...f.info.shop_ids, ...(f.stores ?? []).map((s) => s.store_id), ...Object.keys(f.gmvMaxRows)]);
  for (const c of f.gmvMaxCampaigns) if (c.store_id) shopIds.add(c.store_id);
  return {
    advertiser: { ...f.info, shop_ids: [...shopIds] },
    campaigns: [...standard, ...gmvMax],
    recordedRows: f.report.map((r) => ({ dimensions: r.dimensions, metrics: r.metrics })),
  };
}

function recordedAdvertiser(f: AdvertiserFixtures): RecordedAdvertiser {
  return { stores: f.stores, gmvMaxRows: f.gmvMaxRows, deletedGmvMaxCampaignIds: f.deletedGmvMaxCampaignIds };
}

/**
 * The store state of a recorded dataset as of `now` (Unix seconds), and what it recorded beyond
 * the records (served as recorded).
 * @throws Error for a shop of an unknown region without currency and time zone
 */
export function buildFixtureState(set: FixtureSet, now: number): { state: StoreState; recorded: RecordedExtras } {
  set.shops.forEach(({ shop }, i) => {
    if (!REGIONS.some((r) => r.region === shop.region) && (!shop.currency || !shop.timezone)) {
      throw new Error(`shops.json: shops[${i}].region: unknown region ${JSON.stringify(shop.region)}: give currency and timezone`);
    }
  });
  return {
    state: {
      seed: 'fixtures',
      now,
      start: now,
      ordersPerDay: 10,
      shops: set.shops.map((f, i) => shopState(i, f)),
      advertisers: set.advertisers.map(advertiserState),
    },
    recorded: {
      shops: new Map(set.shops.map((f) => [f.shop.id, recordedShop(f)])),
      advertisers: new Map(set.advertisers.map((f) => [f.info.advertiser_id, recordedAdvertiser(f)])),
    },
  };
}
