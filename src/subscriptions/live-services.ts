/** What subscription resolvers reach through a request's context (`GraphContext.live`). */
import type { GraphContext } from '../resolvers/context';
import type { Logger } from '../telemetry/logger';
import type { ShopEvents } from '../events/shop-events';

/** How subscriptions pace their pushes and bound their queues (config file `subscriptions`). */
export interface LiveSettings {
  /** Least time between two recomputations of one metrics subscription (bursts fold into one). */
  metricsIntervalMs: number;
  /** A metrics subscription re-checks its figures this often even without events (ad reports, provisional days). */
  metricsRecheckMs: number;
  /** Order changes kept unread per subscription; past it the oldest go (`OrderChange.missed`). */
  queueSize: number;
}

/** The live part of a context: events to listen to, and fresh contexts to read through. */
export interface LiveServices {
  events: ShopEvents;
  settings: LiveSettings;
  logger: Logger;
  /**
   * A new context for the same caller (new loaders, a new request budget): a subscription lives
   * for hours, and each recomputation reads fresh data under its own budget.
   */
  renew(): Promise<GraphContext>;
}
