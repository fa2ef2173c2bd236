import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { MemoryCacheStore } from '../src/cache/cache-store';
import { tiktokLimiter } from '../src/cache/rate-limiter';
import { PartnerClient } from '../src/datasources/partner/partner-client';
import { TokenManager } from '../src/datasources/partner/token-manager';
import { toShopInfo } from '../src/datasources/shop-directory';
import { startEmulator } from '../src/emulator/server';
import { partnerLedgerSource, type LedgerSource } from '../src/metrics/ledger/ledger-source';
import { OrderLedger } from '../src/metrics/ledger/order-ledger';
import { localDate } from '../src/metrics/window';

async function main() {
  const days = Number(process.env.D ?? 20);
  const emu = await startEmulator({ port: 0, seed: 'bench', shops: 1, days, ordersPerDay: 1112 });
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
  const ledger = new OrderLedger(new MemoryCacheStore(), source, { namespace: 'x', concurrency: Number(process.env.C ?? 8) });
  const now = Math.floor(Date.now() / 1000);
  const window = { from: localDate(now - (days - 1) * 86400, shop.timezone), to: localDate(now, shop.timezone) };
  const t0 = performance.now();
  const el = setInterval(() => console.log(JSON.stringify(stats), ((performance.now() - t0) / 1000).toFixed(1)), 5000);
  try { await ledger.window(shop, window); } catch (e) { console.log('FAILED', e, (e as { details?: unknown }).details); }
  clearInterval(el);
  const secs = (performance.now() - t0) / 1000;
  console.log('backfill s', secs.toFixed(1));
  for (const [k, s] of Object.entries(stats)) console.log(k, s.n, (s.n / secs).toFixed(1) + '/s', 'avg ms', (s.ms / s.n).toFixed(0), 'max', s.max.toFixed(0));
  await emu.close();
}
main();
