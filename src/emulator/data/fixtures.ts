/**
 * Recorded data in the APIs' own JSON shapes, checked with the emulator's own schemas
 * (`fixture-schemas.ts`, `recorded-schemas.ts`, `marketing-fixture-schemas.ts`). Every file holds
 * either the `data` of TikTok's answer or the whole answer `{code, message, request_id, data}`
 * (code 0), so recorded responses can be dropped in:
 *
 * ```
 * shops.json                                     {"shops":[{id,name,region,seller_type,cipher,code,currency?,timezone?}]}
 * shops/<shop_id>/orders.json                    {"orders":[...]}          order objects (202309)
 * shops/<shop_id>/products.json                  {"products":[...]}        product DETAIL objects
 * shops/<shop_id>/products-search.json           {"products":[...]}        Search Products rows, served as recorded
 * shops/<shop_id>/inventory.json                 {"inventory":[...]}       Inventory Search rows, served as recorded
 * shops/<shop_id>/returns.json                   {"return_orders":[...]}
 * shops/<shop_id>/cancellations.json             {"cancellations":[...]}
 * shops/<shop_id>/statements.json                {"statements":[...]}      statements, served as recorded
 * shops/<shop_id>/payments.json                  {"payments":[...]}
 * shops/<shop_id>/statement-transactions/<order_id>.json   Get Transactions by Order data
 * shops/<shop_id>/videos.json                    {"videos":[...]}          video list rows (202409)
 * shops/<shop_id>/lives.json                     {"live_stream_sessions":[...]}  LIVE list rows (202508)
 * advertisers.json                               {"list":[{advertiser_id,name,currency,timezone,display_timezone,status,shop_ids}]}
 * advertisers/<advertiser_id>/campaigns.json     {"list":[...]}            campaign/get/ items
 * advertisers/<advertiser_id>/report.json        {"list":[{"dimensions":{...},"metrics":{...}}]}  BASIC rows
 * advertisers/<advertiser_id>/stores.json        {"store_list":[...]}      gmv_max/store/list/ rows
 * advertisers/<advertiser_id>/gmv-max-campaigns.json       {"list":[...]}  gmv_max/campaign/get/ items
 * advertisers/<advertiser_id>/gmv-max-report/<store_id>.json  {"list":[...]}  gmv_max/report/get/ rows
 * ```
 *
 * A missing file is an empty list (a missing `products-search.json`, `inventory.json` or
 * `statements.json` means "derive them from the records", as for generated data). An invalid one
 * throws an Error naming the file and the JSON path, e.g.
 * `shops/123/orders.json: orders[3].payment.total_amount: expected a decimal string`.
 * Statements (unless recorded), order transactions and analytics are derived from the orders:
 * of a recorded video or LIVE session only who, what and when are kept (its sales figures come
 * from the orders it is credited with; a video's recorded `views` become its lifetime views).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { parseRecorded, readJson } from './fixture-files';
import { cancellationsFile, livesFile, ordersFile, productsFile, returnsFile, shopsFile, videosFile } from './fixture-schemas';
import { buildFixtureState, type AdvertiserFixtures, type ShopFixtures } from './fixture-set';
import { advertisersFile, campaignsFile, gmvMaxCampaignsFile, gmvMaxReportFile, reportFile, storesFile } from './marketing-fixture-schemas';
import { isRecordedScenario, loadRecordedScenario } from './recorded-scenario';
import { inventoryFile, orderTransactionsFile, paymentsFile, productRowsFile, statementsFile } from './recorded-schemas';
import type { StoreState } from './state';
import type { RecordedExtras } from './store-types';

async function load<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.output<S>> {
  const json = await readJson(dir, file);
  return parseRecorded(file, json ?? {}, schema);
}

async function loadIfPresent<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.output<S> | undefined> {
  const json = await readJson(dir, file);
  return json === undefined ? undefined : parseRecorded(file, json, schema);
}

/** Each `<name>.json` of a folder, by name (an absent folder is empty). */
async function loadEach<S extends z.ZodType>(dir: string, folder: string, schema: S): Promise<Record<string, z.output<S>>> {
  let names: string[];
  try {
    names = (await readdir(join(dir, folder))).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const entries = await Promise.all(names.map(async (n) => [n.slice(0, -'.json'.length), await load(dir, `${folder}/${n}`, schema)] as const));
  return Object.fromEntries(entries);
}

async function loadShop(dir: string, shop: z.output<typeof shopsFile>['shops'][number]): Promise<ShopFixtures> {
  const at = (name: string): string => `shops/${shop.id}/${name}`;
  const [orders, products, returns, cancellations, videos, lives, rows, inventory, statements, payments, transactions] = await Promise.all([
    load(dir, at('orders.json'), ordersFile),
    load(dir, at('products.json'), productsFile),
    load(dir, at('returns.json'), returnsFile),
    load(dir, at('cancellations.json'), cancellationsFile),
    load(dir, at('videos.json'), videosFile),
    load(dir, at('lives.json'), livesFile),
    loadIfPresent(dir, at('products-search.json'), productRowsFile),
    loadIfPresent(dir, at('inventory.json'), inventoryFile),
    loadIfPresent(dir, at('statements.json'), statementsFile),
    loadIfPresent(dir, at('payments.json'), paymentsFile),
    loadEach(dir, at('statement-transactions'), orderTransactionsFile),
  ]);
  return {
    shop,
    orders: orders.orders,
    products: products.products,
    returns: returns.return_orders,
    cancellations: cancellations.cancellations,
    videos,
    lives,
    productRows: rows?.products,
    inventory: inventory?.inventory,
    statements: statements?.statements,
    payments: payments?.payments,
    transactions: Object.values(transactions),
  };
}

async function loadAdvertiser(dir: string, info: z.output<typeof advertisersFile>['list'][number]): Promise<AdvertiserFixtures> {
  const at = (name: string): string => `advertisers/${info.advertiser_id}/${name}`;
  const [campaigns, report, stores, gmvMax, gmvMaxRows] = await Promise.all([
    load(dir, at('campaigns.json'), campaignsFile),
    load(dir, at('report.json'), reportFile),
    loadIfPresent(dir, at('stores.json'), storesFile),
    load(dir, at('gmv-max-campaigns.json'), gmvMaxCampaignsFile),
    loadEach(dir, at('gmv-max-report'), gmvMaxReportFile),
  ]);
  return {
    info,
    campaigns: campaigns.list,
    report: report.list,
    stores: stores?.store_list,
    gmvMaxCampaigns: gmvMax.list,
    gmvMaxRows: Object.fromEntries(Object.entries(gmvMaxRows).map(([storeId, file]) => [storeId, file.list])),
  };
}

/**
 * Loads recorded data as of `now` (Unix seconds): a fixture directory (the layout above), or a
 * directory of TikTok's own recorded answers (`recorded-scenario.ts`).
 */
export async function loadFixtures(dir: string, now: number): Promise<{ state: StoreState; recorded: RecordedExtras }> {
  if (await isRecordedScenario(dir)) return buildFixtureState(await loadRecordedScenario(dir), now);
  const { shops } = await load(dir, 'shops.json', shopsFile);
  const { list } = await load(dir, 'advertisers.json', advertisersFile);
  return buildFixtureState(
    {
      shops: await Promise.all(shops.map((s) => loadShop(dir, s))),
      advertisers: await Promise.all(list.map((a) => loadAdvertiser(dir, a))),
    },
    now,
  );
}
