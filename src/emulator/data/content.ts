/**
 * Content commerce: a shop's short videos and LIVE sessions, and which channel sold each paid
 * order. Every paid order has exactly one channel, so shop performance's `gmv_breakdowns`, the
 * video list and the LIVE list all add up to the GMV the orders make:
 *
 * - paid during a LIVE session of the shop (same local date, `[start, end)`) → LIVE, that session;
 * - else, when a video posted in the last 30 days links a product the order contains, most such
 *   orders → VIDEO, one of those videos (chosen by a stable hash of the order id);
 * - else → PRODUCT_CARD.
 *
 * Generated shops plan content per shop-local date from the shop id, so live mode gets the same
 * sessions and videos an up-front generation would have. Recorded shops replay `videos.json` and
 * `lives.json` (see `fixtures.ts`).
 */
import type { Attribution, Channel, EmuLive, EmuVideo } from './content-types';
import { addDays, datesBetween, dayStart, localDate } from './dates';
import { D, type Dec } from './money';
import { Rng, fingerprint } from './rng';
import type { PartnerOrder } from './shapes';
import type { ShopState } from './state';

/** How long after posting a video still sells. */
export const VIDEO_SELLS_DAYS = 30;
/** Share of the orders a video could have sold that it did. */
const VIDEO_SHARE = 0.55;

const CREATORS = ['glowwithmaya', 'techtok.sam', 'homehacks.jo', 'fitbyleo', 'thriftqueen.ana', 'dealsdaily.kim', 'unboxwithraj'];
const VIDEO_TITLES = [
  'Unboxing the {product} 😍',
  '{product}: worth the hype?',
  '3 ways I use my {product}',
  'Honest review: {product}',
  'POV: you finally got the {product}',
];
const LIVE_TITLES = ['Flash sale LIVE ⚡', 'Friday night deals', 'New arrivals LIVE', 'Q&A + giveaways 🎁', 'Restock party'];

type PerDate<T> = WeakMap<ShopState, Map<string, T[]>>;
const videoPlans: PerDate<EmuVideo> = new WeakMap();
const livePlans: PerDate<EmuLive> = new WeakMap();
const attributions = new WeakMap<ShopState, Map<string, Attribution>>();

function memo<T>(cache: PerDate<T>, shop: ShopState, date: string, plan: () => T[]): T[] {
  let byDate = cache.get(shop);
  if (!byDate) cache.set(shop, (byDate = new Map()));
  let found = byDate.get(date);
  if (!found) byDate.set(date, (found = plan()));
  return found;
}

/** The products on sale, once each. */
function onSale(shop: ShopState): { id: string; name: string }[] {
  const byId = new Map(shop.catalog.map((s) => [s.product_id, { id: s.product_id, name: s.product_name }]));
  return [...byId.values()];
}

function pickSome<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(...pool.splice(rng.int(0, pool.length - 1), 1));
  return out;
}

function officialAccount(shop: ShopState): string {
  return `${shop.shop.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.official`;
}

function planVideos(shop: ShopState, date: string): EmuVideo[] {
  const products = onSale(shop);
  if (products.length === 0) return [];
  const rng = new Rng('content', shop.shop.id, 'videos', date);
  const start = dayStart(date, shop.shop.timezone);
  return Array.from(
    {
      length: rng.weighted([
        [0, 40],
        [1, 45],
        [2, 15],
      ] as const),
    },
    () => {
      const linked = pickSome(rng, products, rng.int(1, 2));
      return {
        id: rng.id('7439', 19),
        title: rng.pick(VIDEO_TITLES).replace('{product}', linked[0]?.name ?? ''),
        username: rng.chance(0.35) ? officialAccount(shop) : rng.pick(CREATORS),
        postTime: start + rng.int(7 * 3600, 22 * 3600),
        products: linked,
        firstDayViews: rng.int(400, 25000),
        clickThroughRate: (0.008 + rng.next() * 0.06).toFixed(4),
      };
    },
  );
}

function planLives(shop: ShopState, date: string): EmuLive[] {
  const products = onSale(shop);
  const rng = new Rng('content', shop.shop.id, 'lives', date);
  if (products.length === 0 || !rng.chance(0.6)) return [];
  const zone = shop.shop.timezone;
  const startTime = dayStart(date, zone) + rng.int(17 * 60, 20 * 60) * 60;
  // Half an hour before local midnight at the latest, so a session never spans two dates.
  const endTime = Math.min(startTime + rng.int(90, 210) * 60, dayStart(addDays(date, 1), zone) - 1800);
  const lineup = pickSome(rng, products, rng.int(Math.min(3, products.length), Math.min(6, products.length))).map((p) => p.id);
  return [
    {
      id: rng.id('7440', 19),
      title: rng.pick(LIVE_TITLES),
      username: rng.chance(0.7) ? officialAccount(shop) : rng.pick(CREATORS),
      startTime,
      endTime,
      lineup,
      productsAdded: lineup.length,
    },
  ];
}

/** Videos posted on shop-local dates `[from, toExclusive)`. */
export function videosPosted(shop: ShopState, from: string, toExclusive: string): EmuVideo[] {
  const zone = shop.shop.timezone;
  if (shop.content)
    return shop.content.videos.filter((v) => {
      const d = localDate(v.postTime, zone);
      return d >= from && d < toExclusive;
    });
  return datesBetween(from, addDays(toExclusive, -1)).flatMap((date) => memo(videoPlans, shop, date, () => planVideos(shop, date)));
}

/** LIVE sessions that started on shop-local dates `[from, toExclusive)`. */
export function livesOn(shop: ShopState, from: string, toExclusive: string): EmuLive[] {
  const zone = shop.shop.timezone;
  if (shop.content)
    return shop.content.lives.filter((l) => {
      const d = localDate(l.startTime, zone);
      return d >= from && d < toExclusive;
    });
  return datesBetween(from, addDays(toExclusive, -1)).flatMap((date) => memo(livePlans, shop, date, () => planLives(shop, date)));
}

function decide(shop: ShopState, order: PartnerOrder, paid: number): Attribution {
  const day = localDate(paid, shop.shop.timezone);
  const next = addDays(day, 1);
  const live = livesOn(shop, day, next).find((l) => l.startTime <= paid && paid < l.endTime);
  if (live) return { channel: 'LIVE', contentId: live.id };
  const sold = new Set(order.line_items.map((l) => l.product_id));
  const videos = videosPosted(shop, addDays(day, -VIDEO_SELLS_DAYS), next).filter(
    (v) => v.postTime <= paid && v.postTime > paid - VIDEO_SELLS_DAYS * 86400 && v.products.some((p) => sold.has(p.id)),
  );
  const hash = fingerprint(order.id);
  const share = parseInt(hash.slice(0, 4), 16) / 0x10000;
  const pick = videos[Math.floor((parseInt(hash.slice(4, 8), 16) / 0x10000) * videos.length)];
  return pick && share < VIDEO_SHARE ? { channel: 'VIDEO', contentId: pick.id } : { channel: 'PRODUCT_CARD' };
}

/** Which channel (and video or session) sold a paid order; unpaid orders are in no channel's GMV. */
export function attribute(shop: ShopState, order: PartnerOrder): Attribution {
  // A cash-on-delivery order is sold when placed: it has no paid_time while the parcel is unpaid.
  const paid = order.is_cod ? order.create_time : order.paid_time;
  if (paid === undefined) return { channel: 'PRODUCT_CARD' };
  let known = attributions.get(shop);
  if (!known) attributions.set(shop, (known = new Map()));
  const key = `${order.id}:${paid}`;
  let found = known.get(key);
  if (!found) known.set(key, (found = decide(shop, order, paid)));
  return found;
}

/** What one video or session sold: TikTok counts an order once per SKU in it ("SKU orders"). */
export interface ContentSales {
  gmv: Dec;
  skuOrders: Set<string>;
  units: number;
  products: Set<string>;
}

/** Sales of `orders` by video or session id, for the orders `channel` sold. */
export function salesBy(
  shop: ShopState,
  orders: readonly PartnerOrder[],
  channel: Channel,
  gross: (line: PartnerOrder['line_items'][number]) => Dec,
): Map<string, ContentSales> {
  const out = new Map<string, ContentSales>();
  for (const order of orders) {
    const { channel: c, contentId } = attribute(shop, order);
    if (c !== channel || contentId === undefined) continue;
    let sales = out.get(contentId);
    if (!sales) out.set(contentId, (sales = { gmv: new D(0), skuOrders: new Set(), units: 0, products: new Set() }));
    for (const line of order.line_items) {
      sales.gmv = sales.gmv.plus(gross(line));
      sales.skuOrders.add(`${order.id}:${line.sku_id}`);
      sales.units++;
      sales.products.add(line.product_id);
    }
  }
  return out;
}
