/**
 * The one registry of the key families ShopGraph writes — to Redis, and under the same names to
 * the embedded store's key-value tables — with each family's format version. Key builders across
 * src/ take their stem from here, never from a literal of their own (a conformance test greps for
 * one). When the shape of what a family stores changes, its version is bumped here: keys of the
 * older version are then never read again — they expire, or what they held is read again from
 * TikTok — so two versions of ShopGraph on one Redis never misread each other's values.
 * docs/storage.md lists the families.
 *
 * Families without a version hold nothing that outlives a moment's coordination (single-flight
 * locks, rate-limit and cost buckets): a change of shape there needs no new name.
 */

/** Everything ShopGraph writes to Redis starts with this (the cache's Keyv namespace too). */
export const KEY_ROOT = 'shopgraph';

/** The stem of each family, after {@link KEY_ROOT} where the family's store adds it. */
export const KEY_FAMILIES = {
  /** Cached TikTok answers, `shopgraph::v2:{app}:…` (Keyv adds the root and `::`). */
  answers: 'v2',
  /** Automatic persisted queries, by hash, in the answer cache's store. */
  persistedQueries: 'v1',
  /** Single-flight locks of cache fills (seconds long). */
  flightLocks: `${KEY_ROOT}:flight`,
  /** TikTok rate-limit buckets, per app. */
  rateLimits: `${KEY_ROOT}:rl`,
  /** Query-cost buckets, per app and client. */
  costBuckets: `${KEY_ROOT}:cost`,
  /** Sealed seller tokens and the sellers' list (AES-256-GCM). */
  sealedTokens: `${KEY_ROOT}:v1:token`,
  /** Order ledgers (a row per order, an aggregate per day), `{namespace:shop}` hash-tagged: under the ledger store's root. */
  orderLedger: 'ledger:v6',
  /** Ad ledgers, `{namespace:advertiser}` hash-tagged: under the ledger store's root. */
  adLedger: 'adledger:v2',
  /** Which shop's alert rules one replica evaluates now (a lease), under the ledger store's root. */
  alertLeases: 'alerts:v1',
  /** Unit costs set through the API, a hash per `{app:shop}`. */
  unitCosts: `${KEY_ROOT}:costs:v2`,
  /** Alert rules and their states, `{app}` hash-tagged. */
  alerts: `${KEY_ROOT}:alerts:v1`,
  /** TikTok webhook ids already claimed (in Redis). */
  webhooksSeen: `${KEY_ROOT}:webhooks:v1:seen`,
  /** TikTok webhook ids already claimed (in a process's own or the embedded store). */
  webhooksSeenLocal: 'webhooks:v1:seen',
  /** The stream of TikTok webhooks waiting to be processed, per app. */
  webhookQueue: `${KEY_ROOT}:webhooks:v1`,
  /** Server-side conversions waiting to be sent, per pixel. */
  conversionOutbox: `${KEY_ROOT}:conversions:v1`,
  /** The pub/sub channel of shop events (orders, figures), per app. */
  shopEvents: `${KEY_ROOT}:events:v1`,
  /** Seller onboarding nonces (OAuth state), minutes long. */
  oauthState: 'oauth:v1:state',
  /** The ledger store's own root: its families above are under it. */
  ledgerStoreRoot: `${KEY_ROOT}:`,
} as const;

export type KeyFamily = keyof typeof KEY_FAMILIES;

/**
 * Stems of families' earlier versions whose keys are deleted rather than left to expire (the
 * embedded store drops them at start-up; docs/storage.md gives the Redis command): the order
 * ledgers of one value per shop-day, before the rows of v6.
 */
export const RETIRED_STEMS = ['ledger:v1', 'ledger:v2', 'ledger:v3', 'ledger:v4', 'ledger:v5'] as const;
