/**
 * Replay of TikTok's own recorded answers: a directory of whole responses per endpoint (such as
 * the project's contract recordings) plus the `manifest.json` saying which request each file
 * answered. The answers are loaded INTO the store — orders, products, returns, statements, ads —
 * so filters, paging, signing and every derived view work as they do on generated data, rather
 * than one fixed body being sent to every request. What was recorded is served as recorded
 * (amounts TikTok left out stay out); analytics are derived from the recorded orders.
 *
 * `dir` is either one scenario (`<root>/<scenario>/`, the manifest in `<root>`) — its shops, and
 * the advertisers of any scenario linked to them as GMV Max stores — or the root itself (every
 * scenario). Manifest entries: `{file, scenario, method, path, query, expect}` (`expect` "ok" or
 * the error code the file records).
 */
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { isEnvelope, parseRecorded, readJson } from './fixture-files';
import { cancellationsFile, livesFile, ordersFile, productsFile, returnsFile, shopsFile, videosFile } from './fixture-schemas';
import type { AdvertiserFixtures, FixtureSet, ShopFixtures } from './fixture-set';
import { advertisersFile, campaignsFile, gmvMaxCampaignsFile, gmvMaxReportFile, reportFile, storesFile } from './marketing-fixture-schemas';
import { inventoryFile, orderTransactionsFile, paymentsFile, productRowsFile, statementsFile } from './recorded-schemas';

/** One manifest entry. */
interface Entry {
  file: string;
  scenario?: string;
  path: string;
  query?: Record<string, string>;
  expect: string;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Where the manifest of a replay directory is, and which scenario it names (all when undefined). */
async function locate(dir: string): Promise<{ root: string; scenario?: string } | undefined> {
  if (await exists(join(dir, 'shops.json'))) return undefined;
  if (await exists(join(dir, 'manifest.json'))) return { root: dir };
  if (await exists(join(dirname(dir), 'manifest.json'))) return { root: dirname(dir), scenario: basename(dir) };
  return undefined;
}

/** Whether `dir` holds recorded TikTok answers with a manifest (rather than a fixture directory). */
export async function isRecordedScenario(dir: string): Promise<boolean> {
  return (await locate(dir)) !== undefined;
}

/** The `data` of a recorded success answer (or of a bare `data` file). */
function dataOf(file: string, json: unknown): unknown {
  if (!isEnvelope(json)) return json;
  if (json.code !== 0) throw new Error(`${file}: a recorded error answer (code ${json.code}) where the manifest expects ok`);
  return json.data ?? {};
}

const emptyShop = (shop: ShopFixtures['shop']): ShopFixtures => ({
  shop,
  orders: [],
  products: [],
  returns: [],
  cancellations: [],
  videos: videosFile.parse({}),
  lives: livesFile.parse({}),
});

const emptyAdvertiser = (info: AdvertiserFixtures['info']): AdvertiserFixtures => ({ info, campaigns: [], report: [], gmvMaxCampaigns: [], gmvMaxRows: {} });

/** Appends `items` whose key is not there yet (a later page or a detail adds what is new). */
function merge<T>(into: T[], items: readonly T[], key: (item: T) => string): void {
  const seen = new Set(into.map(key));
  for (const item of items) if (!seen.has(key(item))) into.push(item);
}

/** A Marketing JSON-encoded query param. */
function jsonQuery(entry: Entry, name: string): unknown {
  const raw = entry.query?.[name];
  return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
}

/**
 * Loads a replay directory as a fixture set.
 * @throws Error naming the file and the JSON path of the first invalid value
 */
export async function loadRecordedScenario(dir: string): Promise<FixtureSet> {
  const where = await locate(dir);
  if (!where) throw new Error(`${dir}: no manifest.json here or in the parent directory`);
  const manifest = parseRecorded('manifest.json', { list: await readJson(where.root, 'manifest.json') }, manifestFile);
  const inScope = (e: Entry): boolean => where.scenario === undefined || e.scenario === where.scenario || e.file.startsWith(`${where.scenario}/`);
  const entries = manifest.list.filter((e) => inScope(e) || e.path.startsWith('/open_api/'));
  const read = async (e: Entry): Promise<unknown> => readJson(where.root, e.file);

  const shops = new Map<string, ShopFixtures>();
  for (const e of entries.filter((x) => inScope(x) && /^\/authorization\/\d{6}\/shops$/.test(x.path) && x.expect === 'ok')) {
    for (const shop of parseRecorded(e.file, await read(e), shopsFile).shops) if (!shops.has(shop.id)) shops.set(shop.id, emptyShop(shop));
  }
  const byCipher = new Map([...shops.values()].map((s) => [s.shop.cipher, s]));
  for (const e of entries.filter((x) => !x.path.startsWith('/open_api/'))) {
    const shop = byCipher.get(e.query?.shop_cipher ?? '');
    if (shop) addPartner(shop, e, await read(e));
  }
  const advertisers = new Map<string, AdvertiserFixtures>();
  const marketing = entries.filter((x) => x.path.startsWith('/open_api/') && x.expect === 'ok');
  for (const e of marketing.filter((x) => x.path.endsWith('/advertiser/info/'))) {
    for (const info of parseRecorded(e.file, await read(e), advertisersFile).list)
      if (!advertisers.has(info.advertiser_id)) advertisers.set(info.advertiser_id, emptyAdvertiser(info));
  }
  for (const e of marketing) {
    const adv = advertisers.get(e.query?.advertiser_id ?? '');
    if (adv) addMarketing(adv, e, await read(e));
  }
  // A scenario's own advertisers are those linked to its shops as GMV Max stores.
  const linked = [...advertisers.values()].filter((a) => where.scenario === undefined || (a.stores ?? []).some((s) => shops.has(s.store_id)));
  for (const adv of linked) inferDeleted(adv, marketing);
  return { shops: [...shops.values()], advertisers: linked };
}

const manifestFile = z.object({
  list: z.array(
    z.looseObject({
      file: z.string().min(1),
      scenario: z.string().optional(),
      path: z.string().min(1),
      query: z.record(z.string(), z.string()).optional(),
      expect: z.string(),
    }),
  ),
});

function addPartner(shop: ShopFixtures, e: Entry, json: unknown): void {
  const { path, file } = e;
  const detail = /^\/product\/\d{6}\/products\/(\d+)$/.exec(path);
  if (e.expect !== 'ok') {
    // Get Product's "The product does not exist" for a product the shop had: a deleted one.
    if (detail?.[1] && e.expect === '12052032') (shop.deletedProductIds ??= []).push(detail[1]);
    return;
  }
  const data = dataOf(file, json);
  if (/^\/order\/\d{6}\/orders(\/search)?$/.test(path)) merge(shop.orders, parseRecorded(file, data, ordersFile).orders, (o) => o.id);
  else if (/^\/product\/\d{6}\/products\/search$/.test(path))
    merge((shop.productRows ??= []), parseRecorded(file, data, productRowsFile).products, (p) => p.id);
  else if (detail) merge(shop.products, parseRecorded(file, { products: [data] }, productsFile).products, (p) => p.id);
  else if (/^\/product\/\d{6}\/inventory\/search$/.test(path))
    merge((shop.inventory ??= []), parseRecorded(file, data, inventoryFile).inventory, (p) => p.product_id);
  else if (/^\/return_refund\/\d{6}\/returns\/search$/.test(path))
    merge(shop.returns, parseRecorded(file, data, returnsFile).return_orders, (r) => r.return_id);
  else if (/^\/return_refund\/\d{6}\/cancellations\/search$/.test(path))
    merge(shop.cancellations, parseRecorded(file, data, cancellationsFile).cancellations, (c) => c.cancel_id);
  else if (/^\/finance\/\d{6}\/statements$/.test(path)) merge((shop.statements ??= []), parseRecorded(file, data, statementsFile).statements, (s) => s.id);
  else if (/^\/finance\/\d{6}\/payments$/.test(path)) merge((shop.payments ??= []), parseRecorded(file, data, paymentsFile).payments, (p) => p.id);
  else if (/^\/finance\/\d{6}\/orders\/\d+\/statement_transactions$/.test(path))
    merge((shop.transactions ??= []), [parseRecorded(file, data, orderTransactionsFile)], (t) => t.order_id);
  else if (/^\/analytics\/\d{6}\/shop_videos\/performance$/.test(path)) shop.videos.videos.push(...parseRecorded(file, data, videosFile).videos);
  else if (/^\/analytics\/\d{6}\/shop_lives\/performance$/.test(path))
    shop.lives.live_stream_sessions.push(...parseRecorded(file, data, livesFile).live_stream_sessions);
  // Other analytics are derived from the recorded orders, as for any dataset.
}

function addMarketing(adv: AdvertiserFixtures, e: Entry, json: unknown): void {
  const { path, file } = e;
  const data = dataOf(file, json);
  if (path.endsWith('/campaign/get/') && !path.includes('gmv_max')) merge(adv.campaigns, parseRecorded(file, data, campaignsFile).list, (c) => c.campaign_id);
  else if (path.endsWith('/report/integrated/get/')) adv.report.push(...parseRecorded(file, data, reportFile).list);
  else if (path.endsWith('/gmv_max/store/list/')) merge((adv.stores ??= []), parseRecorded(file, data, storesFile).store_list, (s) => s.store_id);
  else if (path.endsWith('/gmv_max/campaign/get/')) merge(adv.gmvMaxCampaigns, parseRecorded(file, data, gmvMaxCampaignsFile).list, (c) => c.campaign_id);
  else if (path.endsWith('/gmv_max/report/get/')) {
    const storeIds = jsonQuery(e, 'store_ids');
    const storeId = Array.isArray(storeIds) ? String(storeIds[0]) : undefined;
    if (!storeId) throw new Error(`${file}: the manifest gives no store_ids for this GMV Max report`);
    (adv.gmvMaxRows[storeId] ??= []).push(...parseRecorded(file, data, gmvMaxReportFile).list);
  }
}

/**
 * GMV Max campaigns with recorded cost that a recorded campaign list asked WITHOUT deleted ones
 * does not hold were deleted: TikTok lists deleted campaigns only when asked for them.
 */
function inferDeleted(adv: AdvertiserFixtures, marketing: readonly Entry[]): void {
  const lists = marketing.filter((e) => e.path.endsWith('/gmv_max/campaign/get/') && e.query?.advertiser_id === adv.info.advertiser_id);
  const askedDeleted = lists.some((e) => JSON.stringify(jsonQuery(e, 'filtering') ?? {}).includes('STATUS_DELETE'));
  if (lists.length === 0 || askedDeleted) return;
  const listed = new Set(adv.gmvMaxCampaigns.map((c) => c.campaign_id));
  const reported = Object.values(adv.gmvMaxRows)
    .flat()
    .map((r) => r.dimensions.campaign_id);
  adv.deletedGmvMaxCampaignIds = [...new Set(reported.filter((id) => !listed.has(id)))];
}
