import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { MemoryCacheStore } from '../src/cache/cache-store';
import { tiktokLimiter } from '../src/cache/rate-limiter';
import { PartnerClient } from '../src/datasources/partner/partner-client';
import { TokenManager } from '../src/datasources/partner/token-manager';
import { toShopInfo } from '../src/datasources/shop-directory';
import { startEmulator } from '../src/emulator/server';
import { keysetPage } from '../src/emulator/data/paging';
import type { EmulatorStore, PartnerOrder } from '../src/emulator/data/store';
import { partnerLedgerSource, type LedgerSource } from '../src/metrics/ledger/ledger-source';
import { OrderLedger } from '../src/metrics/ledger/order-ledger';
import { localDate } from '../src/metrics/window';
import { combineAggregates } from '../src/metrics/day-aggregate';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/** Answers order searches from indexes sorted by create and update time (data must not change). */
function indexOrderSearch(store: EmulatorStore, shopId: string): void {
  const original = store.searchOrders.bind(store);
  const orders = store.raw(shopId).orders;
  const sorted = {
    create_time: [...orders].sort((a, b) => a.create_time - b.create_time),
    update_time: [...orders].sort((a, b) => a.update_time - b.update_time),
  };
  const firstAtLeast = (list: PartnerOrder[], field: 'create_time' | 'update_time', value: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]![field] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  store.searchOrders = (id, f, o) => {
    if (id !== shopId || f.order_status !== undefined || f.buyer_user_id !== undefined || f.shipping_type !== undefined) return original(id, f, o);
    const field = f.create_time_ge !== undefined || f.create_time_lt !== undefined ? 'create_time' : 'update_time';
    const list = sorted[field];
    const from = firstAtLeast(list, field, f[`${field}_ge`] ?? Number.NEGATIVE_INFINITY);
    const to = firstAtLeast(list, field, f[`${field}_lt`] ?? Number.POSITIVE_INFINITY);
    const matches = list.slice(from, to).filter((x) => (f.create_time_ge === undefined || x.create_time >= f.create_time_ge)
      && (f.create_time_lt === undefined || x.create_time < f.create_time_lt)
      && (f.update_time_ge === undefined || x.update_time >= f.update_time_ge)
      && (f.update_time_lt === undefined || x.update_time < f.update_time_lt));
    return keysetPage(matches, (x) => [x[o.sortField], x.id], { desc: o.sortOrder === 'DESC', pageSize: o.pageSize, pageToken: o.pageToken, query: ['orders', f, o.sortField, o.sortOrder] });
  };
}


async function main() {
  const days = Number(process.env.D ?? 20);
  const emu = await startEmulator({ port: 0, seed: 'bench', shops: 1, days, ordersPerDay: 1112 });
  indexOrderSearch(emu.store, emu.store.shops()[0]!.id);
  const t = emu.tokens;
  const tokens = new TokenManager({ appKey: t.appKey, appSecret: t.appSecret, authBaseUrl: emu.url });
  await tokens.exchangeAuthCode(t.authCode);
  const client = new PartnerClient({ baseUrl: emu.url, appKey: t.appKey, appSecret: t.appSecret, tokens, limiter: tiktokLimiter() });
  const shop = toShopInfo((await client.getAuthorizedShops())[0]!);
  const inner = partnerLedgerSource(client);
  const stats: Record<string, { n: number; ms: number; max: number }> = {};
  const timed = async <T>(k: string, p: () => Promise<T>) => {
    const t0 = performance.now();
    try { return await p(); } finally { const d = performance.now() - t0; const s = (stats[k] ??= { n: 0, ms: 0, max: 0 }); s.n++; s.ms += d; s.max = Math.max(s.max, d); }
  };
  const source: LedgerSource = {
    orderPage: (s, q) => timed('orders', () => inner.orderPage(s, q)),
    refundPage: (s, f, q) => timed(f, () => inner.refundPage(s, f, q)),
    orders: (s, ids) => timed('detail', () => inner.orders(s, ids)),
  };
  const ledger = new OrderLedger(new MemoryCacheStore(), source, { namespace: 'x', concurrency: Number(process.env.C ?? 8), maxStalenessMs: 0 });
  const now = Math.floor(Date.now() / 1000);
  const window = { from: localDate(now - (days - 1) * 86400, shop.timezone), to: localDate(now, shop.timezone) };
  const t0 = performance.now();
  const el = setInterval(() => console.log(JSON.stringify(stats), ((performance.now() - t0) / 1000).toFixed(1)), 5000);
  try { await ledger.window(shop, window); } catch (e) { console.log('FAILED', e, (e as { details?: unknown }).details); }
  clearInterval(el);
  const secs = (performance.now() - t0) / 1000;
  console.log('backfill s', secs.toFixed(1));
  for (const [k, s] of Object.entries(stats)) console.log(k, s.n, (s.n / secs).toFixed(1) + '/s', 'avg ms', (s.ms / s.n).toFixed(0), 'max', s.max.toFixed(0));
  for (const k of Object.keys(stats)) delete stats[k];
  const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start');
  const lat: number[] = [];
  for (let i = 0; i < 30; i++) { const t1 = performance.now(); const w = await ledger.window(shop, window); combineAggregates(w.days.values(), 'USD'); lat.push(performance.now() - t1); }
  const { profile } = await session.post('Profiler.stop'); writeFileSync('/tmp/lb/delta.cpuprofile', JSON.stringify(profile));
  lat.sort((a, b) => a - b);
  console.log('delta window median', lat[15]!.toFixed(1), JSON.stringify(Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, (v.ms / v.n).toFixed(1)]))));
  await emu.close();
}
main();
