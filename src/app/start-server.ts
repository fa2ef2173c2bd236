import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load-config';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import type { GraphContext } from '../resolvers/context';
import type { Caller } from '../security/caller';
import type { Logger } from '../telemetry/logger';
import { WEBHOOK_PATH } from '../webhooks/webhook-route';
import type { EmulatorInfo } from './demo-emulator';
import { prepareServing, subgraphAppSettings, type ServerExtras } from './serving';
import { createShopGraph } from './shop-graph';

/** A running ShopGraph server. */
export interface RunningServer {
  url: string;
  app: FastifyInstance;
  /** A request context as the server builds it (benchmarks execute operations directly); the local caller by default. */
  context: (caller?: Caller) => Promise<GraphContext>;
  /** The emulator serving as TikTok in demo mode (a separate process). */
  emulator?: EmulatorInfo;
  /** Resolves once every webhook notification this server accepted so far has been processed (tests). */
  drainWebhooks(): Promise<void>;
  /** Sends the conversions due now (docs/conversions.md); nothing without them (tests). */
  flushConversions(): Promise<void>;
  close(): Promise<void>;
}

/** Starts ShopGraph's subgraph server: {@link createShopGraph} behind {@link createApp}, listening on HOST:PORT. */
export async function startServer(config: Config, logger: Logger, extras: ServerExtras = {}): Promise<RunningServer> {
  const serving = prepareServing(config, logger, extras, config.env.SHOPGRAPH_IDENTITY_SECRET);
  const shopGraph = await createShopGraph(config, logger, serving.observer, serving.telemetry, extras.emulatorLauncher, extras.webhookClock).catch(
    async (error: unknown) => {
      await serving.close();
      throw error;
    },
  );
  const { app } = await createApp(subgraphAppSettings(serving, shopGraph));
  const url = await listen(app, { host: config.env.HOST, port: config.env.PORT, https: serving.app.https !== undefined });
  // Shops without a ledger yet (new to this store) start being read in the background.
  if (config.file.storage.backfillOnStart ?? config.env.NODE_ENV !== 'test') shopGraph.backfillNewShops();
  if (config.file.demo.live)
    await shopGraph.subscribeDemoWebhooks?.(new URL(WEBHOOK_PATH, url).toString()).catch((error: unknown) => {
      logger.warn({ err: error }, "demo mode: could not subscribe the shops' webhooks; live updates come by polling only");
    });
  return {
    url,
    app,
    context: shopGraph.context,
    emulator: shopGraph.emulator,
    drainWebhooks: shopGraph.drainWebhooks,
    flushConversions: shopGraph.flushConversions,
    async close() {
      await app.close();
      await shopGraph.close();
      await serving.close();
    },
  };
}
