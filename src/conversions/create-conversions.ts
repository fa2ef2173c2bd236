/**
 * Builds the conversions forwarder from the configuration, or nothing when conversions are off.
 * @see docs/conversions.md
 */
import { ConfigError } from '../config/load-config';
import { EventsSender } from '../datasources/marketing/events-sender';
import type { PartnerOrder } from '../datasources/partner/order-schemas';
import type { UpstreamObserver } from '../upstream/upstream-observer';
import type { Logger } from '../telemetry/logger';
import type { ConversionsSettings } from '../config/conversions-section';
import { ConversionsForwarder, type ConversionOutcome } from './forwarder';
import type { ConversionOutbox } from '../store/conversion-outbox';

/** What the forwarder is built from. */
export interface ConversionsWiring {
  settings: ConversionsSettings;
  /** `TT_EVENTS_ACCESS_TOKEN` */
  accessToken: string | undefined;
  /** The Marketing API host (`TT_ADS_BASE_URL`): the Events API is served there too. */
  baseUrl: string;
  /** The outbox for a pixel (the embedded store, or Redis). */
  outbox: (pixelCode: string) => ConversionOutbox;
  readOrders: (shopId: string, orderIds: string[]) => Promise<PartnerOrder[]>;
  logger: Logger;
  observer?: UpstreamObserver;
  observe?: (outcome: ConversionOutcome, n: number) => void;
  signal?: AbortSignal;
}

/**
 * The forwarder, started, or undefined when `conversions.enabled` is false.
 * @throws ConfigError when conversions are enabled without an Events API token
 */
export function createConversions(w: ConversionsWiring): ConversionsForwarder | undefined {
  const { settings } = w;
  if (!settings.enabled || settings.pixelCode === undefined) return undefined;
  if (!w.accessToken)
    throw new ConfigError("TT_EVENTS_ACCESS_TOKEN: required when conversions.enabled is true (the pixel's Events API token, docs/conversions.md)");
  const events = new EventsSender({
    baseUrl: w.baseUrl,
    accessToken: w.accessToken,
    pixelCode: settings.pixelCode,
    testEventCode: settings.testEventCode,
    pageUrl: settings.pageUrl,
    // Retried here for a short outage; longer ones wait in the outbox (well inside its lease).
    timeoutMs: 10_000,
    retry: { maxAttempts: 3, deadlineMs: 30_000 },
    logger: w.logger,
    observer: w.observer,
    signal: w.signal,
  });
  const forwarder = new ConversionsForwarder({
    settings,
    outbox: w.outbox(settings.pixelCode),
    events,
    logger: w.logger,
    readOrders: w.readOrders,
    observe: w.observe,
  });
  forwarder.start();
  w.logger.info(
    { pixel: settings.pixelCode, event: settings.event, test: settings.testEventCode !== undefined },
    "conversions: paid orders are sent to TikTok's Events API",
  );
  return forwarder;
}
