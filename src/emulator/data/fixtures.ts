/**
 * Recorded data in the APIs' own JSON shapes, validated with the clients' zod schemas:
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
import { z } from 'zod';
import { parseUpstreamJson } from '../../datasources/json';
import { rawAdvertiserInfoSchema, rawCampaignSchema, rawIdSchema, rawIntegratedReportRowSchema } from '../../datasources/marketing/schemas';
import { currencyCode, partnerCancellation, partnerOrder, partnerProduct, partnerReturnOrder, partnerShop } from '../../datasources/partner/schemas';
import { livesFile, recordedContent, videosFile } from './content-fixtures';
import { D } from './money';
import { REGIONS, regionProfile } from './regions';
import type { AdvertiserState, ShopState, StoreState } from './state';

const shopsFile = z.object({ shops: z.array(partnerShop.extend({ currency: currencyCode.optional(), timezone: z.string().optional() })).default([]) });
const ordersFile = z.object({ orders: z.array(partnerOrder).default([]) });
const productsFile = z.object({ products: z.array(partnerProduct).default([]) });
const returnsFile = z.object({ return_orders: z.array(partnerReturnOrder).default([]) });
const cancellationsFile = z.object({ cancellations: z.array(partnerCancellation).default([]) });
const advertisersFile = z.object({ list: z.array(rawAdvertiserInfoSchema.extend({ shop_ids: z.array(rawIdSchema).default([]) })).default([]) });
const campaignsFile = z.object({ list: z.array(rawCampaignSchema).default([]) });
const reportFile = z.object({ list: z.array(rawIntegratedReportRowSchema).default([]) });

/** `["orders", 3, "payment"]` → `orders[3].payment`. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/**
 * The validated value with the recorded extras kept: parsed fields (ids normalized to strings,
 * defaults filled) laid over the raw JSON, so fields the schemas do not list are still replayed.
 */
function overlay(raw: unknown, parsed: unknown): unknown {
  if (Array.isArray(parsed)) return parsed.map((p, i) => overlay(Array.isArray(raw) ? raw[i] : undefined, p));
  if (parsed && typeof parsed === 'object' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const [k, v] of Object.entries(parsed)) out[k] = overlay((raw as Record<string, unknown>)[k], v);
    return out;
  }
  return parsed;
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
    json = parseUpstreamJson(text);
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${jsonPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`, { cause: result.error });
  }
  return overlay(json, result.data) as z.output<S>;
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
    catalog: products.products.filter((p) => p.status === 'ACTIVATE').flatMap((p) => p.skus.map((s) => ({
      product_id: p.id, product_name: p.title, sku_id: s.id, sku_name: s.sales_attributes?.[0]?.value_name ?? '', seller_sku: s.seller_sku, price: new D(s.price.sale_price),
    }))),
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
    recordedRows: report.list.map((r) => ({ dimensions: r.dimensions, metrics: r.metrics as Record<string, string> })),
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
