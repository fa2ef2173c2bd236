/**
 * Landing orders in the emulator the way its live mode does, when the test says so. The emulator
 * generates its data as of some hours ago, then serves at real time (TikTok refuses a request
 * signed more than 30 s ahead of its clock, so it cannot lag while ShopGraph calls it). Each
 * landing moves the data forward by ticking at an instant of that gap — the tick materializes the
 * orders created since the previous one and POSTs their signed webhooks to the addresses shops
 * subscribed, dated then — and the emulator's clock is back at real time within the same turn of
 * the event loop, before any request of ShopGraph's can see it.
 */
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator/server';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { silentLogger, type Logger } from '../../../src/telemetry/logger';
import { configFile } from '../../helpers/config-file';
import { emulatorEnv } from '../../helpers/stack';

/** The emulator's clock: real time, or `lagMs` behind it while generating and ticking. */
export interface EmulatorClock {
  now(): number;
  lagMs: number;
}

/** How far back the emulator's data starts: the hours the test can land orders from. */
export const GAP_MS = 8 * 3_600_000;

/** The webhook path of a ShopGraph whose `/graphql` URL is `graphqlUrl`. */
export const webhookUrl = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql$/, '/webhooks/tiktok-shop');

/** Subscribes `address` to the shop's order status webhooks, as Update Shop Webhook does. */
export function subscribeWebhooks(emulator: EmulatorHandle, shopId: string, address: string): void {
  emulator.store.putWebhook(shopId, 'ORDER_STATUS_CHANGE', address);
}

/** What one landing changed. */
export interface Landed {
  /** Orders of the shop that did not exist before the landing. */
  newOrderIds: string[];
  /** Order status changes of the shop (each one webhook to an address the shop subscribed). */
  statusChanges: number;
}

/** An emulator whose data lags {@link GAP_MS} behind real time, and a way to land its orders. */
export interface LandingEmulator {
  emulator: EmulatorHandle;
  /** Moves the data forward 20 minutes at a time until `shopId` has a new order. */
  land(shopId: string): Landed;
}

export async function startLandingEmulator(options: EmulatorOptions = {}): Promise<LandingEmulator> {
  const clock: EmulatorClock = { lagMs: GAP_MS, now: () => Date.now() - clock.lagMs };
  const emulator = await startEmulator({ port: 0, seed: 'landing', shops: 2, days: 6, ordersPerDay: 150, ...options, now: () => clock.now() });
  clock.lagMs = 0;
  return {
    emulator,
    land(shopId) {
      const raw = () => emulator.store.raw(shopId).orders.map((o) => o.id);
      const before = new Set(raw());
      let statusChanges = 0;
      for (;;) {
        const target = emulator.store.now() * 1000 + 20 * 60_000;
        // Data must stay in ShopGraph's past: a sync finds orders up to its own now.
        if (target > Date.now() - 60_000) throw new Error(`no order landed for shop ${shopId} in the ${GAP_MS / 3_600_000} h the emulator's data lags`);
        clock.lagMs = Date.now() - target;
        try {
          statusChanges += emulator.tick().filter((c) => c.type === 1 && c.shop_id === shopId).length;
        } finally {
          clock.lagMs = 0;
        }
        const newOrderIds = raw().filter((id) => !before.has(id));
        if (newOrderIds.length > 0) return { newOrderIds, statusChanges };
      }
    },
  };
}

/** A landing emulator and a ShopGraph in front of it (`file` as its config file). */
export interface LandingStack extends LandingEmulator {
  server: RunningServer;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

export async function startLandingStack(options: { emulator?: EmulatorOptions; file?: Record<string, unknown>; logger?: Logger } = {}): Promise<LandingStack> {
  const landing = await startLandingEmulator(options.emulator);
  const file = options.file ? { SHOPGRAPH_CONFIG: configFile(options.file) } : {};
  let server: RunningServer;
  try {
    server = await startServer(loadConfig({ ...emulatorEnv(landing.emulator), ...file }), options.logger ?? silentLogger);
  } catch (error) {
    await landing.emulator.close();
    throw error;
  }
  return {
    ...landing,
    server,
    async gql(query, variables) {
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as never;
    },
    async close() {
      await server.close();
      await landing.emulator.close();
    },
  };
}
