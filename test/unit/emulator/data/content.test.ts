import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import { livePerformanceData, videoPerformanceData } from '../../../../src/datasources/partner/schemas';
import { EmulatorStore, type LiveSessionPerformance, type VideoPerformance } from '../../../../src/emulator/data/store';
import { demoStore, NOW } from './demo-store';

const FIXTURES = join(__dirname, '../../../fixtures/emulator');
const RANGE = { start_date_ge: '2025-10-28', end_date_lt: '2025-11-24' };
const localDay = (t: number, zone: string): string => DateTime.fromSeconds(t, { zone }).toISODate() as string;
const sumOf = <T>(rows: T[], value: (row: T) => Decimal.Value): Decimal => rows.reduce((acc, r) => acc.plus(value(r)), new Decimal(0));

function allVideos(store: EmulatorStore, shopId: string, range = RANGE, pageSize = 100): VideoPerformance[] {
  const out: VideoPerformance[] = [];
  let pageToken: string | undefined;
  do {
    const page = store.videoPerformance(shopId, { ...range, sortField: 'views', sortOrder: 'DESC', pageSize, pageToken });
    out.push(...page.items);
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return out;
}

function allLives(store: EmulatorStore, shopId: string, range = RANGE): LiveSessionPerformance[] {
  const page = store.livePerformance(shopId, { ...range, sortField: 'gmv', sortOrder: 'DESC', pageSize: 100 });
  expect(page.next_page_token).toBe('');
  return page.items;
}

describe('content: videos, LIVE sessions and the channel of every order', () => {
  const store = demoStore();

  it.each(store.shops().map((s) => [s.region, s] as const))('%s: the channel breakdown, the video list and the LIVE list add up', (_region, shop) => {
    const [total] = store.shopPerformance(shop.id, { ...RANGE, granularity: 'ALL' }).performance.intervals;
    const breakdown = Object.fromEntries(total!.gmv_breakdowns.map((b) => [b.type, new Decimal(b.amount)]));
    expect(sumOf(Object.values(breakdown), (d) => d).eq(total!.gmv.amount)).toBe(true);

    const videos = allVideos(store, shop.id);
    const lives = allLives(store, shop.id);
    expect(videoPerformanceData.safeParse({ videos, latest_available_date: '2025-11-23' }).success).toBe(true);
    expect(livePerformanceData.safeParse({ live_stream_sessions: lives, latest_available_date: '2025-11-23' }).success).toBe(true);
    expect(sumOf(videos, (v) => v.gmv.amount).eq(breakdown.VIDEO!)).toBe(true);
    expect(sumOf(lives, (l) => l.sales_performance.gmv.amount).eq(breakdown.LIVE!)).toBe(true);
    // Every channel sells something in a month of a demo shop.
    for (const type of ['LIVE', 'VIDEO', 'PRODUCT_CARD']) expect(breakdown[type]!.gt(0)).toBe(true);

    // Units and SKU orders: the product-card part is what the videos and sessions did not sell.
    const contentUnits = videos.reduce((n, v) => n + v.units_sold, 0) + lives.reduce((n, l) => n + (l.sales_performance.unit_sold ?? 0), 0);
    const contentSkuOrders = videos.reduce((n, v) => n + v.sku_orders, 0) + lives.reduce((n, l) => n + (l.sales_performance.sku_orders ?? 0), 0);
    expect(contentUnits).toBeLessThan(total!.units_sold);
    expect(contentSkuOrders).toBeLessThan(total!.sku_orders!);
    expect(total!.sku_orders).toBeGreaterThanOrEqual(total!.orders);
  });

  it.each([0, 2])('credits a LIVE session with exactly the orders paid (COD: placed) during it, on its own local date (shop %i)', (index) => {
    const shop = store.shops()[index]!;
    const lives = allLives(store, shop.id);
    expect(lives.length).toBeGreaterThan(5);
    // TikTok counts a cash-on-delivery order when it is placed; other orders when paid.
    const counted = store.raw(shop.id).orders.flatMap((o) => {
      const t = o.is_cod ? o.create_time : o.paid_time;
      return t === undefined ? [] : [{ ...o, t }];
    });
    for (const live of lives) {
      expect(localDay(live.start_time, shop.timezone)).toBe(localDay(live.end_time - 1, shop.timezone));
      const during = counted.filter((o) => o.t >= live.start_time && o.t < live.end_time);
      // TikTok's GMV: what the buyers paid.
      expect(new Decimal(live.sales_performance.gmv.amount).eq(sumOf(during, (o) => o.payment.total_amount))).toBe(true);
      expect(live.sales_performance.unit_sold).toBe(during.reduce((n, o) => n + o.line_items.length, 0));
      const products = new Set(during.flatMap((o) => o.line_items.map((l) => l.product_id)));
      expect(live.sales_performance.different_products_sold).toBe(products.size);
      expect(live.sales_performance.products_added).toBeGreaterThanOrEqual(products.size);
    }
  });

  it('lists the videos with views in the range, posted before its end, most viewed first', () => {
    const shop = store.shops()[1]!;
    const videos = allVideos(store, shop.id, { start_date_ge: '2025-11-01', end_date_lt: '2025-11-08' });
    expect(videos.length).toBeGreaterThan(10);
    const views = videos.map((v) => v.views);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    for (const v of videos) {
      expect(DateTime.fromISO(v.video_post_time!).toSeconds()).toBeLessThan(DateTime.fromISO('2025-11-08', { zone: shop.timezone }).toSeconds());
      expect(Number(v.click_through_rate)).toBeGreaterThan(0);
      expect(v.products.length).toBeGreaterThan(0);
    }
  });

  it('pages through every video once with tokens bound to the query', () => {
    const shop = store.shops()[2]!;
    const all = allVideos(store, shop.id);
    const paged = allVideos(store, shop.id, RANGE, 7);
    expect(paged.map((v) => v.id)).toEqual(all.map((v) => v.id));
    expect(new Set(paged.map((v) => v.id)).size).toBe(paged.length);
    const first = store.videoPerformance(shop.id, { ...RANGE, sortField: 'gmv', sortOrder: 'DESC', pageSize: 5 });
    expect(first.total_count).toBe(all.length);
    expect(() => store.videoPerformance(shop.id, { ...RANGE, sortField: 'views', sortOrder: 'DESC', pageSize: 5, pageToken: first.next_page_token })).toThrow(
      'page_token',
    );
  });

  it('answers nothing for days after the latest available date', () => {
    const shop = store.shops()[0]!;
    const future = { start_date_ge: '2025-11-24', end_date_lt: '2025-12-01' };
    const latest = DateTime.fromSeconds(NOW, { zone: shop.timezone }).minus({ days: 1 }).toISODate();
    const videos = store.videoPerformance(shop.id, { ...future, sortField: 'gmv', sortOrder: 'DESC', pageSize: 10 });
    expect(videos).toMatchObject({ items: [], latest_available_date: latest });
    expect(store.livePerformance(shop.id, { ...future, sortField: 'gmv', sortOrder: 'DESC', pageSize: 10 }).items).toEqual([]);
  });

  it('is deterministic: the same seed plans the same content', () => {
    const small = { seed: 'content', shops: 1, days: 12, ordersPerDay: 6, now: NOW };
    const [a, b] = [EmulatorStore.generate(small), EmulatorStore.generate(small)];
    const shopId = a.shops()[0]!.id;
    const range = { start_date_ge: '2025-11-12', end_date_lt: '2025-11-24' };
    expect(allVideos(b, shopId, range)).toEqual(allVideos(a, shopId, range));
    expect(allLives(b, shopId, range)).toEqual(allLives(a, shopId, range));
  });
});

describe('recorded content (fixtures)', () => {
  const SHOP = '7494726673780148744';
  /** 2025-11-24T16:00:00Z. */
  const FIXTURE_NOW = 1764000000;
  const range = { start_date_ge: '2025-11-20', end_date_lt: '2025-11-21' };

  it('replays videos.json and lives.json, crediting them with the recorded orders', async () => {
    const store = await EmulatorStore.fromFixtures(join(FIXTURES, 'basic'), FIXTURE_NOW);
    const [day] = store.shopPerformance(SHOP, { ...range, granularity: 'ALL' }).performance.intervals;
    const breakdown = Object.fromEntries(day!.gmv_breakdowns.map((b) => [b.type, b.amount]));
    // Order A (buyer paid 30.00, paid 10:00) falls in the 09:30–10:30 session; order B (50.00) does not.
    expect(breakdown.LIVE).toBe('30.00');
    const [live] = allLives(store, SHOP, range);
    expect(live).toMatchObject({
      id: '7440000000000000001',
      title: 'Serum launch LIVE',
      sales_performance: { gmv: { amount: '30.00' }, unit_sold: 2, different_products_sold: 1, products_added: 2 },
    });
    const videos = allVideos(store, SHOP, range);
    // A 64-bit id recorded as a JSON number keeps its digits.
    expect(videos.map((v) => v.id).sort()).toEqual(['7439000000000000001', '7439000000000000002']);
    expect(sumOf(videos, (v) => v.gmv.amount).eq(breakdown.VIDEO!)).toBe(true);
    expect(new Decimal(breakdown.VIDEO!).plus(breakdown.PRODUCT_CARD!).toFixed(2)).toBe('50.00');
    expect(videos.find((v) => v.id === '7439000000000000001')?.video_post_time).toBe('2025-11-19T17:00:00Z');
  });

  it('names the file and the JSON path of an invalid recorded video', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'content-fixtures-'));
    await writeFile(join(dir, 'shops.json'), JSON.stringify({ shops: [{ id: SHOP, name: 'x', region: 'US', seller_type: 'LOCAL', cipher: 'c', code: 'x' }] }));
    await mkdir(join(dir, 'shops', SHOP), { recursive: true });
    const video = { id: '1', gmv: { amount: '1.00', currency: 'USD' }, sku_orders: 0, units_sold: 0, views: 1, video_post_time: 'yesterday' };
    await writeFile(join(dir, 'shops', SHOP, 'videos.json'), JSON.stringify({ videos: [video] }));
    await expect(EmulatorStore.fromFixtures(dir, FIXTURE_NOW)).rejects.toThrow(
      `shops/${SHOP}/videos.json: videos[0].video_post_time: expected an ISO 8601 time`,
    );
  });
});
