/**
 * The state every route module shares: the dataset, OAuth state, limiter, faults and counters.
 * Built once by `startEmulator`; route modules receive it instead of reaching for globals.
 */
import type { EmulatorStore } from './data/store';
import type { FaultInjector } from './faults';
import type { EmulatorLogger } from './log';
import type { SlidingWindowLimiter } from './rate-limit';
import type { EmulatorStats } from './stats';
import type { MarketingTokens, PartnerTokens } from './tokens';

/** One Events API event as received, for tests that check what ShopGraph sent. */
export interface ReceivedEvent {
  event_source_id: string;
  event: string;
  event_id: string;
  payload: Record<string, unknown>;
  /** How many times this pixel + event + event_id arrived (TikTok keeps the first). */
  deliveries: number;
  /** Sent with a `test_event_code` (Events Manager's Test Events tab). */
  test: boolean;
}

/** Shared emulator state. */
export interface EmulatorContext {
  store: EmulatorStore;
  appKey: string;
  appSecret: string;
  partnerTokens: PartnerTokens;
  marketingTokens: MarketingTokens;
  limiter: SlidingWindowLimiter;
  faults: FaultInjector;
  stats: EmulatorStats;
  /** Events API events accepted, deduplicated on pixel + event + event_id like TikTok. */
  events: ReceivedEvent[];
  /** Pixels the Events API serves: pixel code → its Events API access token. */
  pixels: ReadonlyMap<string, string>;
  /** Clock in ms. */
  now: () => number;
  logger: EmulatorLogger;
}
