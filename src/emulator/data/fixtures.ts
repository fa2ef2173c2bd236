/**
 * Recorded data in the APIs' own JSON shapes, checked with the emulator's own schemas
 * (`fixture-schemas.ts`, lenient where TikTok leaves fields out):
 *
 * ```
 * shops.json                                 {"shops":[{id,name,region,seller_type,cipher,code,currency?,timezone?}]}
 * shops/<shop_id>/orders.json                {"orders":[...]}          order objects (202309)
 * shops/<shop_id>/products.json              {"products":[...]}        product DETAIL objects
 * shops/<shop_id>/returns.json               {"return_orders":[...]}
 * shops/<shop_id>/cancellations.json         {"cancellations":[...]}
 * shops/<shop_id>/videos.json                {"videos":[...]}          video list rows (202409)
 * shops/<shop_id>/lives.json                 {"live_stream_sessions":[...]}  LIVE list rows (202508)
 * advertisers.json                           {"list":[{advertiser_id,name,currency,timezone,display_timezone,status,shop_ids}]}
 * advertisers/<advertiser_id>/campaigns.json {"list":[...]}            campaign/get/ items
 * advertisers/<advertiser_id>/report.json    {"list":[{"dimensions":{...},"metrics":{...}}]}
 * ```
 *
 * A missing file is an empty list. An invalid one throws an Error naming the file and the JSON
 * path, e.g. `shops/123/orders.json: orders[3].payment.total_amount: expected a decimal string`.
 * Statements, order transactions and analytics are derived from the orders, as for generated data:
 * of a recorded video or LIVE session only who, what and when are kept (its sales figures come
 * from the orders it is credited with; a video's recorded `views` become its lifetime views).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { recordedContent } from './content-fixtures';
import { cancellationsFile, livesFile, ordersFile, productsFile, returnsFile, shopsFile, videosFile } from './fixture-schemas';
import { parseFixtureJson } from './json';
import { advertisersFile, campaignsFile, reportFile } from './marketing-fixture-schemas';
import { D } from './money';
import { REGIONS, regionProfile } from './regions';
import type { AdvertiserState, ShopState, StoreState } from './state';

/** `["orders", 3, "payment"]` → `orders[3].payment`. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

async function load<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return schema.parse({});
    throw error;
  }
  let json: unknown;
  try {
    json = parseFixtureJson(text);
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${jsonPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`, { cause: result.error });
  }
  // The schemas keep unknown fields (`looseObject`), so the recording replays as recorded.
  return result.data;
}

async function loadShop(dir: string, index: number, shop: z.output<typeof shopsFile>['shops'][number]): Promise<ShopState> {
  const known = REGIONS.some((r) => r.region === shop.region);
  if (!known && (!shop.currency || !shop.timezone)) {
    throw new Error(`shops.json: shops[${index}].region: unknown region ${JSON.stringify(shop.region)}: give currency and timezone`);
  }
  const base = regionProfile(shop.region);
  const currency = shop.currency ?? base.currency;
  const timezone = shop.timezone ?? base.timezone;
  const at = (name: string): string => `shops/${shop.id}/${name}`;
  const [orders, products, returns, cancellations, videos, lives] = await Promise.all([
    load(dir, at('orders.json'), ordersFile), load(dir, at('products.json'), productsFile),
    load(dir, at('returns.json'), returnsFile), load(dir, at('cancellations.json'), cancellationsFile),
    load(dir, at('videos.json'), videosFile), load(dir, at('lives.json'), livesFile),
  ]);
  const state: ShopState = {
    index,
    shop: { id: shop.id, name: shop.name, region: shop.region, seller_type: shop.seller_type, cipher: shop.cipher, code: shop.code, currency, timezone },
    profile: { ...base, region: shop.region, currency, timezone },
    products: products.products,
    // Live mode sells what the recording has on sale, to the buyers it has seen.
    // A SKU without any price cannot be sold.
    catalog: products.products.filter((p) => p.status === 'ACTIVATE').flatMap((p) => p.skus.flatMap((s) => {
      const price = s.price.sale_price ?? s.price.tax_exclusive_price;
      return price === undefined ? [] : [{
        product_id: p.id, product_name: p.title, sku_id: s.id, sku_name: s.sales_attributes?.[0]?.value_name ?? '', seller_sku: s.seller_sku, price: new D(price),
      }];
    })),
    buyers: [...new Set(orders.orders.map((o) => o.user_id))],
    plans: new Map(), plannedDays: new Set(), revision: 0,
    orders: new Map(orders.orders.map((o) => [o.id, o])),
    returns: new Map(returns.return_orders.map((r) => [r.return_id, r])),
    cancellations: new Map(cancellations.cancellations.map((c) => [c.cancel_id, c])),
    statements: [], transactions: new Map(), webhooks: new Map(),
    content: recordedContent(videos, lives),
  };
  if (state.buyers.length === 0) state.buyers.push(`7494${String(index).padStart(15, '0')}`);
  return state;
}

async function loadAdvertiser(dir: string, adv: z.output<typeof advertisersFile>['list'][number]): Promise<AdvertiserState> {
  const [campaigns, report] = await Promise.all([
    load(dir, `advertisers/${adv.advertiser_id}/campaigns.json`, campaignsFile),
    load(dir, `advertisers/${adv.advertiser_id}/report.json`, reportFile),
  ]);
  return {
    advertiser: adv,
    campaigns: campaigns.list.map((c) => ({
      raw: { ...c, advertiser_id: adv.advertiser_id }, kind: c.objective_type === 'TRAFFIC' ? 'TRAFFIC' : 'SHOP',
      firstDay: c.create_time.slice(0, 10), dailyBudget: new D(c.budget ?? 0),
    })),
    recordedRows: report.list.map((r) => ({ dimensions: r.dimensions, metrics: r.metrics })),
  };
}

/** Loads a fixture directory as of `now` (Unix seconds). */
export async function loadFixtures(dir: string, now: number): Promise<StoreState> {
  const { shops } = await load(dir, 'shops.json', shopsFile);
  const { list } = await load(dir, 'advertisers.json', advertisersFile);
  return {
    seed: 'fixtures',
    now,
    start: now,
    ordersPerDay: 10,
    shops: await Promise.all(shops.map((s, i) => loadShop(dir, i, s))),
    advertisers: await Promise.all(list.map((a) => loadAdvertiser(dir, a))),
  };
}
