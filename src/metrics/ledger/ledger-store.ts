/**
 * The ledger's layout in a {@link KvStore} (the embedded store, or Redis): JSON strings,
 * partitioned so no key grows with the shop's whole history:
 *
 * | key (under `ledger:v5:{{namespace}:{shop}}`) | value |
 * |---|---|
 * | `:state` | {@link LedgerState}: coverage, cursors, last sync, the current generation and revision |
 * | `:unreadable` | {@link UnreadableState}: rows TikTok sent that could not be read, until read well |
 * | `:g{gen}:day:{YYYY-MM-DD}` | {@link DayFacts} (see `encodeDay`): the orders counted that shop-local day and their refunds |
 * | `:g{gen}:agg:{YYYY-MM-DD}` | that day's {@link DayAggregate}: all a window query reads |
 * | `:g{gen}:idx:{0..255}` | {@link IndexBucket}: where each order lives and its `update_time` |
 * | `:g{gen}:pending:{0..255}` | {@link PendingBucket}: refunds of orders not (yet) counted in the ledger |
 *
 * v4: values are the JSON itself (v3 wrapped them in cache entries), and the shop part of the key
 * is a Redis Cluster hash tag, so all of one shop's keys live on one slot. v5: orders carry their
 * fulfilment times and day aggregates their fulfilment counts and units per SKU.
 *
 * A new generation (time zone changed, entries evicted) starts from nothing without deleting
 * keys one by one; the old generation's keys simply expire.
 */
import type { KvStore } from '../../store/kv-store';
import type { DayAggregate } from '../day-aggregate';
import type { OrderFact, RefundFact } from '../../domain/facts';
import type { DayCache } from './day-cache';
import type { LedgerFeed } from './ledger-source';
import type { UnreadableState } from './unreadable';
import { aggregateProblem, dayProblem, indexProblem, refundListsProblem, schemaProblem, storedState, storedUnreadable } from './ledger-entries';
import { LedgerCorruptError } from './ledger-errors';

const STATE_PROBLEM = schemaProblem(storedState);
const UNREADABLE_PROBLEM = schemaProblem(storedUnreadable);

/** The shop-local dates the ledger holds every order for; `to: null` means up to now and onward. */
export interface Coverage {
  from: string;
  to: string | null;
}

/** Per-shop sync state. */
export interface LedgerState {
  generation: string;
  /** what the partitioning depends on: when one changes, a new generation is started */
  timezone: string;
  currency: string;
  lookbackDays: number;
  coverage: Coverage | null;
  /** last date whose day entries are known to exist (empty days included); see `materialize` */
  materializedTo: string | null;
  /** per feed, the highest `update_time` (unix s) the ledger has seen everything up to */
  cursors: Record<LedgerFeed, number> | null;
  /** ms: start of the last sync that fully succeeded */
  syncedAt: number;
  /** ms: when pending refunds past the retention were last dropped */
  prunedAt?: number;
  /**
   * Changes each time the state is saved: cached day aggregates are valid for one revision (see
   * {@link DayCache}). Absent in states saved before it existed.
   */
  revision?: string;
}

/** The orders counted on one day, by id, and the refunds of those orders, by order id. */
export interface DayFacts {
  orders: Record<string, OrderFact>;
  refunds: Record<string, RefundFact[]>;
}

/** Payment totals as `[total, shipping, tax]`, or 0 when TikTok sent none. */
type PaymentTuple = [string, string, string] | 0;
/** Fulfilment times `[ship by, shipped, deliver by, delivered]` (see `OrderFulfilmentFact`). */
type FulfilmentTuple = [number | null, number | null, number | null, number | null];
type OrderTuple = [string, string, number, number, number | null, 0 | 1, string, PaymentTuple, string[], FulfilmentTuple?];
/** The fields of one line, flattened into {@link OrderTuple}'s last element. */
const LINE_FIELDS = 5;

/** An order as one JSON array, without field names: equal facts give equal strings. */
export function encodeOrder(o: OrderFact): string {
  return JSON.stringify(orderTuple(o));
}

function orderTuple(o: OrderFact): OrderTuple {
  const payment: PaymentTuple = o.payment === null ? 0 : [o.payment.total, o.payment.shipping, o.payment.tax];
  const lines = o.lines.flatMap((l) => [l.id, l.productId, l.skuId, l.salePrice, l.gross]);
  const tuple: OrderTuple = [o.id, o.status, o.createTime, o.updateTime, o.paidTime, o.cod ? 1 : 0, o.currency, payment, lines];
  const f = o.fulfilment;
  if (f) tuple.push([f.shipBy, f.shippedAt, f.deliverBy, f.deliveredAt]);
  return tuple;
}

function fromTuple([id, status, createTime, updateTime, paidTime, cod, currency, payment, flat, f]: OrderTuple): OrderFact {
  const lines: OrderFact['lines'] = [];
  for (let i = 0; i < flat.length; i += LINE_FIELDS) {
    lines.push({ id: flat[i]!, productId: flat[i + 1]!, skuId: flat[i + 2]!, salePrice: flat[i + 3]!, gross: flat[i + 4]! });
  }
  return {
    id,
    status,
    createTime,
    updateTime,
    paidTime,
    cod: cod === 1,
    currency,
    payment: payment === 0 ? null : { total: payment[0], shipping: payment[1], tax: payment[2] },
    lines,
    ...(f ? { fulfilment: { shipBy: f[0], shippedAt: f[1], deliverBy: f[2], deliveredAt: f[3] } } : {}),
  };
}

/**
 * A day's facts as stored: one string, orders as arrays without field names (no key repeated per
 * order), and each read gives the reader fresh objects of its own to change.
 */
type StoredDay = string;

function encodeDay(facts: DayFacts): StoredDay {
  return JSON.stringify({ o: Object.values(facts.orders).map(orderTuple), r: facts.refunds });
}

function decodeDay(key: string, stored: StoredDay): DayFacts {
  const { o, r } = parseEntry<{ o: OrderTuple[]; r: Record<string, RefundFact[]> }>(key, stored, dayProblem);
  const orders: Record<string, OrderFact> = {};
  for (const tuple of o) orders[tuple[0]] = fromTuple(tuple);
  return { orders, refunds: r };
}

/** Order id → the day it is filed under (null: not counted anywhere) and the `update_time` filed. */
export type IndexBucket = Record<string, { d: string | null; u: number }>;

/** Order id → refunds waiting for their order to be filed under a day. */
export type PendingBucket = Record<string, RefundFact[]>;

export const BUCKETS = 256;

/** FNV-1a of the id, so ids spread over buckets whatever their digits look like. */
export function bucketOf(orderId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) hash = Math.imul(hash ^ orderId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/** The key prefix of a shop's ledger: the hash tag keeps one shop's keys on one Redis Cluster slot. */
export function ledgerPrefix(namespace: string, shopId: string): string {
  return `ledger:v5:{${namespace}:${shopId}}`;
}

/**
 * An entry's JSON, checked (see ledger-entries.ts).
 * @throws {@link LedgerCorruptError} naming the key when it is not what the ledger writes
 */
function parseEntry<T>(key: string, text: string, problemOf: (value: unknown) => string | null): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerCorruptError(key, 'not JSON');
  }
  const problem = problemOf(value);
  if (problem !== null) throw new LedgerCorruptError(key, problem);
  return value as T;
}

/** Typed access to one shop's ledger entries. */
export class LedgerStore {
  constructor(
    private readonly store: KvStore,
    private readonly prefix: string,
    private readonly retentionMs: number,
    private readonly days?: DayCache,
    /** Told of each corrupt entry found (and deleted). */
    private readonly onCorrupt: (error: LedgerCorruptError) => void = () => undefined,
  ) {}

  /**
   * An entry, checked. A corrupt one is deleted (it can be read again from TikTok) and reported;
   * then {@link LedgerCorruptError} is thrown, or, with `absent`, the entry reads as absent.
   */
  private async get<T>(key: string, problemOf: (value: unknown) => string | null, absent = false): Promise<T | undefined> {
    const full = `${this.prefix}:${key}`;
    const stored = await this.store.get(full);
    if (stored === undefined) return undefined;
    try {
      return parseEntry<T>(full, stored, problemOf);
    } catch (error) {
      if (!(error instanceof LedgerCorruptError)) throw error;
      await this.corrupt(error);
      if (absent) return undefined;
      throw error;
    }
  }

  private async corrupt(error: LedgerCorruptError): Promise<void> {
    this.onCorrupt(error);
    await this.store.delete(error.key);
  }

  private put(key: string, value: string): Promise<void> {
    return this.store.set(`${this.prefix}:${key}`, value, this.retentionMs);
  }

  /** The state; a corrupt one reads as none: the ledger starts again (a new generation). */
  state(): Promise<LedgerState | undefined> {
    return this.get('state', STATE_PROBLEM, true);
  }

  saveState(state: LedgerState): Promise<void> {
    return this.put('state', JSON.stringify(state));
  }

  /** @throws {@link LedgerCorruptError} when corrupt (then deleted): the rows are found again by reading the shop again */
  unreadable(): Promise<UnreadableState | undefined> {
    return this.get('unreadable', UNREADABLE_PROBLEM);
  }

  saveUnreadable(state: UnreadableState): Promise<void> {
    return this.put('unreadable', JSON.stringify(state));
  }

  /** The day aggregates the day cache holds for a revision of the state, without reading the store. */
  cachedAggregates(gen: string, dates: readonly string[], revision: string | undefined): (DayAggregate | undefined)[] {
    return dates.map((date) => (revision === undefined ? undefined : this.days?.get(`${this.prefix}:g${gen}:agg:${date}`, revision)));
  }

  /** One generation's entries. */
  generation(gen: string): GenerationStore {
    const aggKey = (date: string) => `${this.prefix}:g${gen}:agg:${date}`;
    return {
      day: async (date) => {
        const key = `${this.prefix}:g${gen}:day:${date}`;
        const stored = await this.store.get(key);
        try {
          return stored === undefined ? undefined : decodeDay(key, stored);
        } catch (error) {
          if (error instanceof LedgerCorruptError) await this.corrupt(error);
          throw error;
        }
      },
      aggregate: (date) => this.get(`g${gen}:agg:${date}`, aggregateProblem),
      aggregates: async (dates, revision) => {
        const found: (DayAggregate | undefined)[] = dates.map((date) => (revision === undefined ? undefined : this.days?.get(aggKey(date), revision)));
        const missing = dates.flatMap((date, i) => (found[i] === undefined ? [i] : []));
        const stored = await this.store.getMany(missing.map((i) => aggKey(dates[i]!)));
        for (const [j, at] of missing.entries()) {
          const text = stored[j];
          if (text === undefined) continue;
          let aggregate: DayAggregate;
          try {
            aggregate = parseEntry<DayAggregate>(aggKey(dates[at]!), text, aggregateProblem);
          } catch (error) {
            if (error instanceof LedgerCorruptError) await this.corrupt(error);
            throw error;
          }
          found[at] = aggregate;
          if (revision !== undefined) this.days?.set(aggKey(dates[at]!), revision, aggregate, text.length);
        }
        return found;
      },
      index: (bucket) => this.get(`g${gen}:idx:${bucket}`, indexProblem),
      pending: (bucket) => this.get(`g${gen}:pending:${bucket}`, refundListsProblem),
      saveDay: (date, facts) => this.put(`g${gen}:day:${date}`, encodeDay(facts)),
      saveAggregate: (aggregate) => {
        this.days?.delete(aggKey(aggregate.date));
        return this.put(`g${gen}:agg:${aggregate.date}`, JSON.stringify(aggregate));
      },
      saveIndex: (bucket, value) => this.put(`g${gen}:idx:${bucket}`, JSON.stringify(value)),
      savePending: (bucket, value) => this.put(`g${gen}:pending:${bucket}`, JSON.stringify(value)),
    };
  }
}

/**
 * The entries of one ledger generation. Every read decodes a fresh object the caller may change,
 * except aggregates served from the {@link DayCache}, which must be treated as immutable.
 */
export interface GenerationStore {
  day(date: string): Promise<DayFacts | undefined>;
  aggregate(date: string): Promise<DayAggregate | undefined>;
  /**
   * The aggregates of several days, in their order, through the day cache when `revision` (the
   * state's) is given.
   */
  aggregates(dates: readonly string[], revision?: string): Promise<(DayAggregate | undefined)[]>;
  index(bucket: number): Promise<IndexBucket | undefined>;
  pending(bucket: number): Promise<PendingBucket | undefined>;
  saveDay(date: string, facts: DayFacts): Promise<void>;
  saveAggregate(aggregate: DayAggregate): Promise<void>;
  saveIndex(bucket: number, value: IndexBucket): Promise<void>;
  savePending(bucket: number, value: PendingBucket): Promise<void>;
}
