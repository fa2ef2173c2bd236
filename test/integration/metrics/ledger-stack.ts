/**
 * An emulator plus an order ledger reading it through the real Partner API client (signing,
 * tokens, retries, rate limit), with no gateway in between.
 */
import { tiktokLimiter } from '../../../src/upstream/rate-limiter';
import { PartnerClient } from '../../../src/datasources/partner/partner-client';
import { TokenManager } from '../../../src/datasources/partner/token-manager';
import { toShopInfo, type ShopInfo } from '../../../src/datasources/shop-directory';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator/server';
import { aggregateDays } from '../../../src/metrics/day-aggregate';
import type { RefundFact } from '../../../src/domain/facts';
import { partnerLedgerSource } from '../../../src/metrics/ledger/ledger-source';
import { OrderLedger, type LedgerOptions } from '../../../src/metrics/ledger/order-ledger';
import { partnerCancellation, partnerOrder, partnerReturnOrder } from '../../../src/datasources/partner/schemas';
import { cancellationFact, orderFact, returnFact } from '../../../src/datasources/partner-facts';
import type { DateWindow } from '../../../src/domain/window';
import { memoryKv } from '../../unit/metrics/ledger/memory-kv';

export interface LedgerStack {
  emulator: EmulatorHandle;
  ledger: OrderLedger;
  shop: ShopInfo;
  /** the day aggregates of a window recomputed from the emulator's ground truth, every order read */
  truth(window: DateWindow): ReturnType<typeof aggregateDays>;
  close(): Promise<void>;
}

export async function startLedgerStack(emulator: EmulatorOptions, ledger: Partial<LedgerOptions> = {}): Promise<LedgerStack> {
  const emu = await startEmulator({ port: 0, seed: 'ledger', shops: 1, days: 10, ordersPerDay: 10, ...emulator });
  const t = emu.tokens;
  const tokens = new TokenManager({ appKey: t.appKey, appSecret: t.appSecret, authBaseUrl: emu.url });
  await tokens.exchangeAuthCode(t.authCode);
  const client = new PartnerClient({ baseUrl: emu.url, appKey: t.appKey, appSecret: t.appSecret, tokens, limiter: tiktokLimiter() });
  const shop = toShopInfo((await client.getAuthorizedShops())[0]!);
  const orderLedger = new OrderLedger(memoryKv(), partnerLedgerSource(client), { namespace: t.appKey, ...ledger });
  return {
    emulator: emu,
    ledger: orderLedger,
    shop,
    truth(window) {
      const raw = emu.store.raw(shop.id);
      const refunds = new Map<string, RefundFact[]>();
      const add = (r: RefundFact) => refunds.set(r.orderId, [...(refunds.get(r.orderId) ?? []), r]);
      // The emulator's records go through the client's schemas, as they do on the wire.
      raw.returns.map((r) => returnFact(partnerReturnOrder.parse(r), shop.currency)).forEach(add);
      raw.cancellations.map((c) => cancellationFact(partnerCancellation.parse(c), shop.currency)).forEach(add);
      return aggregateDays(
        raw.orders.map((o) => orderFact(partnerOrder.parse(o))),
        refunds,
        window,
        shop.timezone,
        shop.currency,
      );
    },
    close: () => emu.close(),
  };
}
