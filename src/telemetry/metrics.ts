import type { UpstreamAttempt } from '../upstream/upstream-observer';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { processFaultCounts, type ProcessFault } from './process-policy';
import { redisFailureCount } from './redis-failures';

/**
 * Distinct unknown values of one field that get a label of their own; later ones are counted as
 * `other`, so a TikTok field gone wild cannot grow the label set without bound.
 */
export const UNKNOWN_VALUES_PER_FIELD = 10;

/**
 * Distinct operation names that get a label of their own. Any client picks its operation names,
 * and each distinct one used to become permanent series (issue 17, finding 4); past this many,
 * and for operations refused before they ran, the label is `other`.
 */
export const MAX_OPERATION_LABELS = 200;

/** What a label may look like: a GraphQL name of reasonable length. */
const OPERATION_LABEL = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** Latency buckets (seconds) spanning cache hits (sub-ms) to slow upstream calls. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * ShopGraph's Prometheus instruments on their own registry (so tests and several servers in one
 * process never share counters). Label values are bounded: operation names, path templates and
 * TikTok codes — never ids.
 */
export class Telemetry {
  readonly registry = new Registry();

  readonly operations = new Counter({
    name: 'shopgraph_graphql_operations_total',
    help: 'GraphQL operations by operation name and outcome (ok, error, partial).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly operationDuration = new Histogram({
    name: 'shopgraph_graphql_operation_duration_seconds',
    help: 'GraphQL operation duration by operation name.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly upstreamCalls = new Counter({
    name: 'shopgraph_upstream_calls_total',
    help: 'Upstream HTTP attempts by API, path template and TikTok code (or error kind).',
    labelNames: ['api', 'path', 'code'] as const,
    registers: [this.registry],
  });

  readonly upstreamDuration = new Histogram({
    name: 'shopgraph_upstream_call_duration_seconds',
    help: 'Upstream attempt duration by API and path template.',
    labelNames: ['api', 'path'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly upstreamRetries = new Counter({
    name: 'shopgraph_upstream_retries_total',
    help: 'Upstream attempts after the first, by API and path template.',
    labelNames: ['api', 'path'] as const,
    registers: [this.registry],
  });

  readonly rateLimitWait = new Histogram({
    name: 'shopgraph_rate_limit_wait_seconds',
    help: 'Time calls waited for an upstream rate-limit slot, by API.',
    labelNames: ['api'] as const,
    buckets: [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });

  readonly upstreamUnknownValues = new Counter({
    name: 'shopgraph_upstream_unknown_values_total',
    help: `Enum values TikTok sent that ShopGraph does not know (kept as sent), by API, field and value (past ${UNKNOWN_VALUES_PER_FIELD} values a field, "other").`,
    labelNames: ['api', 'field', 'value'] as const,
    registers: [this.registry],
  });

  readonly upstreamRejectedRows = new Counter({
    name: 'shopgraph_upstream_rejected_rows_total',
    help: 'List rows TikTok sent without what ShopGraph needs (answered as errors, never dropped silently), by API and path template.',
    labelNames: ['api', 'path'] as const,
    registers: [this.registry],
  });

  /** Operation names that have a label of their own (see {@link MAX_OPERATION_LABELS}). */
  private readonly operationLabels = new Set<string>();

  /**
   * The `operation` label of a request: `anonymous` without a name; its name once an operation
   * of that name has run (at most {@link MAX_OPERATION_LABELS} names); otherwise `other` — a
   * name never executed (refused: unknown field, scope, cost, parse) never gets a series.
   */
  operationLabel(name: string | null | undefined, ran: boolean): string {
    if (!name) return 'anonymous';
    if (this.operationLabels.has(name)) return name;
    if (!ran || this.operationLabels.size >= MAX_OPERATION_LABELS || !OPERATION_LABEL.test(name)) return 'other';
    this.operationLabels.add(name);
    return name;
  }

  /** Per field, the unknown values that have a label of their own. */
  private readonly unknownValueLabels = new Map<string, Set<string>>();

  readonly cacheLookups = new Counter({
    name: 'shopgraph_cache_lookups_total',
    help: 'Cache lookups by layer, kind of entry and result (hit, miss, stale).',
    labelNames: ['layer', 'kind', 'result'] as const,
    registers: [this.registry],
  });

  readonly loaderBatchSize = new Histogram({
    name: 'shopgraph_dataloader_batch_size',
    help: 'Keys per DataLoader batch, by loader.',
    labelNames: ['loader'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 250],
    registers: [this.registry],
  });

  /** Per shop, when the sync its ledger last answered from started (ms since epoch). */
  private readonly ledgerSyncedAt = new Map<string, number>();

  readonly ledgerSyncLag = new Gauge({
    name: 'shopgraph_ledger_sync_lag_seconds',
    help: "Seconds since each shop's metrics ledger last synced successfully (as of its last answer on this replica).",
    labelNames: ['shop'] as const,
    registers: [this.registry],
    collect: () => {
      const now = Date.now();
      for (const [shop, syncedAt] of this.ledgerSyncedAt) this.ledgerSyncLag.set({ shop }, Math.max(0, (now - syncedAt) / 1000));
    },
  });

  /** Process-wide (see `process-policy.ts`): read at each scrape, whichever server is scraped. */
  readonly processFaults: Counter<'kind'> = new Counter({
    name: 'shopgraph_process_faults_total',
    help: 'Faults no code caught: unhandled promise rejections (logged, served on) and uncaught exceptions (logged, then shut down).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
    collect: () => {
      this.processFaults.reset();
      for (const [kind, n] of Object.entries(processFaultCounts()) as [ProcessFault, number][]) this.processFaults.inc({ kind }, n);
    },
  });

  /** Process-wide (see `redis-failures.ts`): read at each scrape. */
  readonly redisFailures: Counter = new Counter({
    name: 'shopgraph_redis_failures_total',
    help: 'Redis calls that failed while Redis was up (a command or script Redis refused, an answer that did not parse): errors surfaced, never taken for an outage.',
    registers: [this.registry],
    collect: () => {
      this.redisFailures.reset();
      this.redisFailures.inc(redisFailureCount());
    },
  });

  readonly conversions = new Counter({
    name: 'shopgraph_conversions_total',
    help: 'Server-side conversions (docs/conversions.md) by outcome: queued, duplicate (an order id already queued or sent: dropped), sent, retried, failed (given up), too_old, invalid.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Reads the conversions outbox's depth at each scrape; unset: no conversions. */
  private conversionsDepth: (() => Promise<number>) | undefined;

  readonly conversionsOutbox = new Gauge({
    name: 'shopgraph_conversions_outbox_entries',
    help: 'Conversions waiting in the outbox (queued or being sent), across replicas with Redis.',
    registers: [this.registry],
    collect: async () => {
      if (!this.conversionsDepth) return;
      // An outbox that cannot be read (Redis away) leaves the last value.
      const depth = await this.conversionsDepth().catch(() => undefined);
      if (depth !== undefined) this.conversionsOutbox.set(depth);
    },
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'shopgraph_' });
  }

  /** Records one upstream attempt (an {@link UpstreamObserver}). */
  observeUpstream = (a: UpstreamAttempt): void => {
    this.upstreamCalls.inc({ api: a.api, path: a.path, code: a.code === undefined ? (a.errorKind ?? 'unknown') : String(a.code) });
    this.upstreamDuration.observe({ api: a.api, path: a.path }, a.latencyMs / 1000);
    this.rateLimitWait.observe({ api: a.api }, a.waitedMs / 1000);
    if (a.attempt > 1) this.upstreamRetries.inc({ api: a.api, path: a.path });
    for (const { field, value } of a.unknownValues ?? []) {
      this.upstreamUnknownValues.inc({ api: a.api, field, value: this.unknownValueLabel(field, value) });
    }
    if (a.rejectedRows) this.upstreamRejectedRows.inc({ api: a.api, path: a.path }, a.rejectedRows);
  };

  private unknownValueLabel(field: string, value: string): string {
    let labels = this.unknownValueLabels.get(field);
    if (!labels) this.unknownValueLabels.set(field, (labels = new Set()));
    if (labels.has(value)) return value;
    if (labels.size >= UNKNOWN_VALUES_PER_FIELD || value.length > 64) return 'other';
    labels.add(value);
    return value;
  }

  /** Records one cache lookup (the cached fetcher's `onLookup`). */
  observeCacheLookup = (key: string, result: 'hit' | 'stale' | 'miss', layer: 'memory' | 'shared'): void => {
    this.cacheLookups.inc({ layer, kind: cacheKind(key), result });
  };

  /** Records when the sync a shop's ledger answered from started (the ledger's `onSynced`). */
  observeLedgerSync = (shopId: string, syncedAt: number): void => {
    if (syncedAt > 0) this.ledgerSyncedAt.set(shopId, syncedAt);
  };

  /** Records conversions reaching an outcome (the forwarder's `observe`). */
  observeConversion = (outcome: string, n: number): void => {
    this.conversions.inc({ outcome }, n);
  };

  /** Makes `/metrics` report the conversions outbox's depth. */
  watchConversions(depth: () => Promise<number>): void {
    this.conversionsDepth = depth;
  }

  /** Records one DataLoader batch. */
  observeLoaderBatch = (loader: string, size: number): void => {
    this.loaderBatchSize.observe({ loader }, size);
  };

  /** The exposition text for `GET /metrics`. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The kind of a cache key (`v2:{app}:shop:{id}:orders:...` → `orders`), a bounded label. */
export function cacheKind(key: string): string {
  const parts = key.split(':');
  const at = parts.indexOf('shop') >= 0 ? parts.indexOf('shop') + 2 : parts.indexOf('adv') >= 0 ? parts.indexOf('adv') + 2 : 2;
  return parts[at] ?? 'other';
}
