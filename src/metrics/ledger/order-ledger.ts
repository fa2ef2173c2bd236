/**
 * The per-shop order ledger: one row per order (the order, the day it is counted on, its refunds)
 * and each day's aggregate, kept up to date with every batch (see apply-facts.ts), in a
 * {@link KvStore} (the embedded store on local disk, or Redis so replicas share it) — not in the
 * JS heap, so a restarted process serves every ledger it had without reading history again. A window's order figures are the sum of its days' aggregates (held in a
 * bounded {@link DayCache}); upstream is read only to backfill days the ledger does not cover yet
 * (a few shops at a time, see `concurrentBackfills`) and, once the ledger is older than
 * `maxStalenessMs`, for one delta sync per feed. Concurrent requests for a shop share one sync;
 * when upstream is throttled or down, the last ledger is served as stale.
 *
 * @see docs/metrics.md ("Freshness and provenance")
 */
import { randomUUID } from 'node:crypto';
import type { ShopInfo } from '../../datasources/shop-directory';
import { UpstreamError } from '../../upstream/upstream-error';
import type { KvStore } from '../../store/kv-store';
import { StoreUnavailableError } from '../../store/store-unavailable';
import { combineAggregates, type DayAggregate } from '../day-aggregate';
import { mayCountIn, type OrderFact, type RefundFact, type UnreadableFact } from '../../domain/facts';
import { assertValidWindow, localDate, type DateWindow } from '../../domain/window';
import { applyFacts, LedgerEvictedError, type BatchContext } from './apply-facts';
import { nextStep, windowCoverage } from './backfill-steps';
import { covers, planBackfill, type BackfillPlan } from './coverage';
import { KeyedMutex } from './keyed-mutex';
import { daysInMemory, materializeDays, materialized, readDays } from './ledger-days';
import type { LedgerSource } from './ledger-source';
import { ledgerPrefix, LedgerStore, type Coverage, type LedgerState } from './ledger-store';
import { backfill, delta, refresh, type SyncContext } from './ledger-sync';
import { ledgerSettings, type LedgerOptions, type LedgerWindow } from './ledger-options';
import { Slots } from './slots';
import { unreadableFacts, UnreadableTracker } from './unreadable';
import { withinFirstAnswer } from './first-answer';

export type { LedgerOptions, LedgerWindow } from './ledger-options';

/** What a sync ended with. `error` concerns windows it did not cover; `fatal` every caller. */
interface Outcome {
  state: LedgerState;
  stale: boolean;
  error?: unknown;
  fatal?: unknown;
}

/** What a ledger needs before it can answer a window: days to backfill, a delta sync, or both. */
interface Need {
  plan: BackfillPlan | null;
  due: boolean;
}

/** How long a replica's sync lease lives without renewal (a crashed holder blocks no longer). */
const LEASE_MS = 30_000;
const FIRST_WAIT_MS = 50;
const MAX_WAIT_MS = 1_000;

const isTransient = (e: unknown) => e instanceof UpstreamError && (e.kind === 'rate_limited' || e.kind === 'unavailable');

export class OrderLedger {
  private readonly settings: Required<LedgerOptions>;
  private readonly flights = new Map<string, { target: Coverage | null; outcome: Promise<Outcome> }>();
  private readonly failedAt = new Map<string, number>();
  private readonly evicted = new Set<string>();
  private readonly mutex = new KeyedMutex();
  /** Per shop, the next pause while another replica holds the sync lease. */
  private readonly waits = new Map<string, number>();
  /** Per shop, the state and unreadable rows of its last answer: what a window is served from while the store is away. */
  private readonly lastKnown = new Map<string, { state: LedgerState; unreadable: UnreadableFact[] }>();
  /** Reads and refreshes under way, so {@link settle} can wait for them before the store closes. */
  private readonly busy = new Set<Promise<unknown>>();
  private readonly backfills: Slots;
  /** Per shop, the state after the last step of a backfill still under way (what is covered so far). */
  private readonly progress = new Map<string, LedgerState>();

  constructor(
    private readonly store: KvStore,
    private readonly source: LedgerSource,
    options: LedgerOptions,
  ) {
    this.settings = ledgerSettings(options);
    this.backfills = new Slots(options.concurrentBackfills ?? 4);
  }

  /**
   * The day aggregates of a window, syncing first when needed. A window whose backfill takes
   * longer than `firstAnswerMs` is answered with the days read so far (`coverage` says which);
   * the backfill goes on, and later windows converge to the whole.
   * @param since - when the wait began (ms; default now): a portfolio's windows all answer by
   *   `since + firstAnswerMs`, not one after the other
   * @throws the upstream error when a window the ledger does not cover cannot be backfilled
   */
  window(shop: ShopInfo, window: DateWindow, since?: number): Promise<LedgerWindow> {
    return this.tracked(this.readWindow(shop, window, since));
  }

  /**
   * Resolves once nothing of this ledger is under way — no sync, no read, no refresh — or after
   * `maxWaitMs`, so the store under it can close with as little as possible still writing. Abort
   * upstream calls first (they end the syncs sooner). A backfill still going at the deadline
   * meets the closed store and stops; what it saved is kept, the rest is read again next time.
   */
  async settle(maxWaitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), maxWaitMs)));
    try {
      while (this.busy.size > 0 || this.flights.size > 0) {
        const work = Promise.allSettled([...this.busy, ...[...this.flights.values()].map((f) => f.outcome)]);
        if ((await Promise.race([work, deadline])) === 'late') return;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private tracked<T>(work: Promise<T>): Promise<T> {
    this.busy.add(work);
    const done = () => this.busy.delete(work);
    work.then(done, done);
    return work;
  }

  private async readWindow(shop: ShopInfo, window: DateWindow, since?: number): Promise<LedgerWindow> {
    assertValidWindow(window);
    try {
      return await this.read(shop, window, await this.ensureWithin(shop, window, since));
    } catch (error) {
      if (error instanceof StoreUnavailableError) return this.fromMemory(shop, window, error);
      if (!(error instanceof LedgerEvictedError)) throw error;
      // Entries were evicted: rebuild from upstream, once.
      this.evicted.add(shop.id);
      return this.read(shop, window, await this.ensureWithin(shop, window, since));
    }
  }

  /**
   * Reads a window's history for a shop that has no ledger yet (just authorized, or new to this
   * store), in steps like any backfill, in the background. Resolves when it is read; never
   * rejects: a failure is left to the next window that needs those days.
   */
  async prime(shop: ShopInfo, window: DateWindow): Promise<void> {
    try {
      // A shop with a ledger already is read as windows ask (a restart reads no history).
      if ((await this.ledger(shop).state())?.coverage) return;
      await this.complete(shop, window);
    } catch {
      // nothing waits for it: the next window asking for these days reads them
    }
  }

  /**
   * Reads a window's history into the ledger and resolves once all of it is there, however long
   * that takes (`shopgraph backfill`).
   * @throws the upstream error when the window cannot be backfilled
   */
  async complete(shop: ShopInfo, window: DateWindow): Promise<void> {
    assertValidWindow(window);
    try {
      await this.ensure(shop, window);
    } catch (error) {
      if (!(error instanceof LedgerEvictedError)) throw error;
      this.evicted.add(shop.id);
      await this.ensure(shop, window);
    }
  }

  /** {@link ensure}, or after `firstAnswerMs` the state as the backfill has saved it so far. */
  private async ensureWithin(shop: ShopInfo, window: DateWindow, since?: number): Promise<Outcome> {
    const { firstAnswerMs: waitMs, now, answerDeadline: deadline } = this.settings;
    // The backfill goes on for the windows after this one; its failure is theirs to meet.
    const first = await withinFirstAnswer(this.ensure(shop, window), { since, waitMs, now, deadline });
    if (first !== 'late') return first.value;
    const state = this.progress.get(shop.id) ?? (await this.loadState(shop));
    return { state, stale: this.failedAt.has(shop.id) };
  }

  /**
   * Re-reads the named orders and their refunds (webhook events), batched by 50 through order
   * detail. Nothing is read for a shop without a ledger: its first window builds it.
   * @returns how many orders were read
   */
  refreshOrders(shop: ShopInfo, orderIds: readonly string[]): Promise<number> {
    return this.tracked(this.refreshNamed(shop, orderIds));
  }

  private async refreshNamed(shop: ShopInfo, orderIds: readonly string[]): Promise<number> {
    if (orderIds.length === 0) return 0;
    try {
      return await this.refreshLeased(shop, orderIds);
    } catch (error) {
      // The store (Redis) is away: nothing is lost, the next delta sync reads the change by its update_time.
      if (error instanceof StoreUnavailableError) return 0;
      throw error;
    }
  }

  private refreshLeased(shop: ShopInfo, orderIds: readonly string[]): Promise<number> {
    // Under the replicas' lease: a sync elsewhere would otherwise overwrite what this writes.
    return this.withLease(shop, async () => {
      const state = await this.loadState(shop);
      if (state.coverage === null) return 0;
      const found: string[] = [];
      const tracker = new UnreadableTracker(await this.ledger(shop).unreadable());
      const written = new Set<string>();
      const ctx = this.context(shop, state, { tracker, written, onOrders: (orders) => found.push(...orders.map((o) => o.id)) });
      try {
        await refresh(ctx, orderIds);
      } finally {
        await this.recordUnreadable(shop, tracker);
        if (written.size > 0) await this.newRevision(shop, state.generation);
      }
      return found.length;
    });
  }

  /** Runs `work` holding the shop's sync lease, waiting (backing off) while another replica holds it. */
  private async withLease<T>(shop: ShopInfo, work: () => Promise<T>): Promise<T> {
    for (let pause = FIRST_WAIT_MS; ; pause = Math.min(pause * 2, MAX_WAIT_MS)) {
      const release = await this.lease(shop);
      if (release === 'busy') {
        await this.settings.sleep(pause);
        continue;
      }
      try {
        return await work();
      } finally {
        await release?.().catch(() => undefined);
      }
    }
  }

  private ledger(shop: ShopInfo): LedgerStore {
    return new LedgerStore(
      this.store,
      ledgerPrefix(this.settings.namespace, shop.id),
      this.settings.retentionMs,
      this.settings.dayCache,
      this.settings.onCorrupt,
    );
  }

  /**
   * Saves the state under a new revision, so day aggregates cached under the old one (here or in
   * another replica) are read again; every save follows writes, or may.
   * @returns the state as saved
   */
  private async saveState(shop: ShopInfo, state: LedgerState): Promise<LedgerState> {
    const saved = { ...state, revision: randomUUID().slice(0, 8) };
    await this.ledger(shop).saveState(saved);
    return saved;
  }

  /**
   * Gives the stored state a new revision after facts were written outside a sync (a refresh),
   * read and saved in one section of the shop's so a sync of this process saving meanwhile is
   * not undone; a sync that saves later gives it a revision of its own anyway.
   */
  private async newRevision(shop: ShopInfo, generation: string): Promise<void> {
    await this.mutex.run(`state:${shop.id}`, async () => {
      const latest = await this.ledger(shop).state();
      if (latest?.generation === generation) await this.saveState(shop, latest);
    });
  }

  private async loadState(shop: ShopInfo): Promise<LedgerState> {
    const stored = await this.ledger(shop).state();
    const usable =
      stored &&
      !this.evicted.has(shop.id) &&
      stored.timezone === shop.timezone &&
      stored.currency === shop.currency &&
      stored.lookbackDays === this.settings.lookbackDays;
    if (usable) return stored;
    return {
      generation: randomUUID().slice(0, 8),
      timezone: shop.timezone,
      currency: shop.currency,
      lookbackDays: this.settings.lookbackDays,
      coverage: null,
      materializedTo: null,
      cursors: null,
      syncedAt: 0,
    };
  }

  /** Joins or starts the shop's sync until the ledger covers the window and is fresh enough. */
  private async ensure(shop: ShopInfo, window: DateWindow): Promise<Outcome> {
    for (;;) {
      const flight = this.flights.get(shop.id);
      if (flight) {
        // A backfill under way may already hold this window's days (its steps read the newest first).
        const sofar = this.progress.get(shop.id);
        if (sofar && covers(sofar.coverage, window)) return { state: sofar, stale: this.failedAt.has(shop.id) };
        const outcome = await flight.outcome;
        if (outcome.fatal !== undefined) throw outcome.fatal;
        if (covers(outcome.state.coverage, window)) return outcome;
        if (outcome.error !== undefined && covers(flight.target, window)) throw outcome.error;
        continue;
      }
      const state = await this.loadState(shop);
      if (this.flights.has(shop.id)) continue;
      const need = this.need(shop, state, window);
      if (!need) return { state, stale: this.failedAt.has(shop.id) };
      const outcome = this.leased(shop, window).finally(() => {
        this.flights.delete(shop.id);
        this.progress.delete(shop.id);
      });
      this.flights.set(shop.id, { target: need.plan?.coverage ?? state.coverage, outcome });
    }
  }

  /** What the ledger lacks for `window`, or null when it can answer as it is. */
  private need(shop: ShopInfo, state: LedgerState, window: DateWindow): Need | null {
    const now = this.settings.now();
    const plan = planBackfill(state.coverage, window, shop.timezone, this.settings.lookbackDays, Math.floor(now / 1000));
    const failed = this.failedAt.get(shop.id);
    const due =
      state.coverage !== null &&
      now - state.syncedAt >= this.settings.maxStalenessMs &&
      (failed === undefined || now - failed >= this.settings.failureBackoffMs);
    return plan || due ? { plan, due } : null;
  }

  /**
   * Syncs under the replicas' lease. When another replica holds it, a due delta sync is left to
   * that replica (its writes land in the shared ledger) and the ledger is served as it is; days
   * the ledger lacks are waited for (the caller loops until they are there or the lease is free).
   */
  private async leased(shop: ShopInfo, window: DateWindow): Promise<Outcome> {
    const release = await this.lease(shop);
    if (release === 'busy') {
      const state = await this.loadState(shop);
      if (this.need(shop, state, window)?.plan) {
        const pause = this.waits.get(shop.id) ?? FIRST_WAIT_MS;
        this.waits.set(shop.id, Math.min(pause * 2, MAX_WAIT_MS));
        await this.settings.sleep(pause);
      }
      return { state, stale: this.failedAt.has(shop.id) };
    }
    this.waits.delete(shop.id);
    try {
      // Read again under the lease: the replica that held it may have just done the work.
      const state = await this.loadState(shop);
      const need = this.need(shop, state, window);
      if (!need) return { state, stale: this.failedAt.has(shop.id) };
      return await this.sync(shop, state, window, need.plan, need.due);
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  /** The shop's sync lease: its release, null without a (working) lock service, or 'busy'. */
  private async lease(shop: ShopInfo): Promise<(() => Promise<void>) | null | 'busy'> {
    if (!this.settings.lock) return null;
    try {
      return (await this.settings.lock.tryLease(`ledger-sync:${this.settings.namespace}:${shop.id}`, LEASE_MS)) ?? 'busy';
    } catch {
      return null; // the lock service is down: sync for this process, as without one
    }
  }

  /** Saves what a sync found of unreadable rows over what the store holds now (another writer may have saved since). */
  private async recordUnreadable(shop: ShopInfo, tracker: UnreadableTracker): Promise<void> {
    if (!tracker.changed) return;
    const ledger = this.ledger(shop);
    await ledger.saveUnreadable(tracker.applyTo(await ledger.unreadable()));
  }

  private async sync(shop: ShopInfo, state: LedgerState, window: DateWindow, plan: BackfillPlan | null, due: boolean): Promise<Outcome> {
    const tracker = new UnreadableTracker(await this.ledger(shop).unreadable());
    try {
      return await this.syncTracked(shop, state, window, plan, due, tracker);
    } finally {
      await this.recordUnreadable(shop, tracker).catch(() => undefined);
    }
  }

  private async syncTracked(
    shop: ShopInfo,
    state: LedgerState,
    window: DateWindow,
    plan: BackfillPlan | null,
    due: boolean,
    tracker: UnreadableTracker,
  ): Promise<Outcome> {
    const started = this.settings.now();
    let current = state;
    try {
      if (plan) await this.backfillSteps(shop, current, window, started, tracker, (next) => void (current = next));
      if (!due) return { state: current, stale: this.failedAt.has(shop.id) };
      const ctx = this.context(shop, current, { tracker });
      const result = await delta(ctx, current.cursors!, this.settings.overlapSeconds);
      const fatal = result.errors.find((e) => !isTransient(e));
      current = { ...current, cursors: result.cursors };
      if (result.errors.length === 0) {
        this.failedAt.delete(shop.id);
        current = await this.materialize(shop, { ...current, syncedAt: started }, materialized(current));
      } else {
        this.failedAt.set(shop.id, this.settings.now());
      }
      current = await this.mutex.run(`state:${shop.id}`, () => this.saveState(shop, current));
      return { state: current, stale: result.errors.length > 0, ...(fatal === undefined ? {} : { fatal }) };
    } catch (error) {
      if (error instanceof LedgerEvictedError) {
        this.evicted.add(shop.id);
        return { state: current, stale: true, fatal: error };
      }
      // A backfill failed: windows it was for fail; the others are served, stale if a sync was due.
      if (due && isTransient(error)) this.failedAt.set(shop.id, this.settings.now());
      return { state: current, stale: due || this.failedAt.has(shop.id), error };
    }
  }

  /**
   * Backfills toward a window in steps, newest days first (see backfill-steps.ts), each step in a
   * slot of its own: between steps other shops take their turn, so every shop of a portfolio gets
   * its newest days soon. After each step the state is saved: what is covered so far answers.
   */
  private async backfillSteps(
    shop: ShopInfo,
    state: LedgerState,
    window: DateWindow,
    started: number,
    tracker: UnreadableTracker,
    onStep: (state: LedgerState) => void,
  ): Promise<void> {
    let current = state;
    for (let size = this.settings.firstStepDays; ; size *= 2) {
      const step = nextStep(current.coverage, window, size);
      const plan = step && planBackfill(current.coverage, step, shop.timezone, this.settings.lookbackDays, Math.floor(started / 1000));
      if (!plan) return;
      const before = current;
      current = await this.backfills.run(() => this.backfill(shop, before, plan, started, tracker));
      onStep(current);
      if (covers(current.coverage, window) || current.coverage === null) return;
      this.progress.set(shop.id, current);
      this.settings.onProgress(shop.id, current.coverage);
    }
  }

  private async backfill(shop: ShopInfo, state: LedgerState, plan: BackfillPlan, started: number, tracker: UnreadableTracker): Promise<LedgerState> {
    const startedSeconds = Math.floor(started / 1000);
    let current = state;
    if (current.cursors === null) {
      current = { ...current, cursors: { orders: startedSeconds, returns: startedSeconds, cancellations: startedSeconds } };
    }
    // Each batch writes its rows with the day aggregates they change: after a failure, what was
    // read is true and counted, and the coverage simply does not grow.
    await backfill(this.context(shop, current, { tracker }), plan);
    const fresh = current.coverage === null;
    const next = { ...current, coverage: plan.coverage, syncedAt: fresh ? started : current.syncedAt };
    current = await this.materialize(shop, next, materialized(current));
    const settled = current;
    current = await this.mutex.run(`state:${shop.id}`, () => this.saveState(shop, settled));
    if (fresh) this.evicted.delete(shop.id);
    return current;
  }

  private materialize(shop: ShopInfo, state: LedgerState, before: { from: string; to: string } | null): Promise<LedgerState> {
    const today = localDate(Math.floor(this.settings.now() / 1000), shop.timezone);
    // In the shop's section: a batch (a webhook's refresh) writing meanwhile is not overwritten.
    return this.mutex.run(shop.id, () => materializeDays(this.ledger(shop).generation(state.generation), state, today, before));
  }

  /**
   * How reads reach the ledger. `written` collects the dates whose aggregates changed.
   */
  private context(
    shop: ShopInfo,
    state: LedgerState,
    options: {
      written?: Set<string>;
      onOrders?: (orders: OrderFact[]) => void;
      tracker?: UnreadableTracker;
    } = {},
  ): SyncContext {
    const gen = this.ledger(shop).generation(state.generation);
    const batch: BatchContext = { timezone: state.timezone, currency: state.currency, materialized: materialized(state) };
    const { written, onOrders, tracker } = options;
    return {
      source: this.source,
      shop,
      concurrency: this.settings.concurrency,
      nowSeconds: Math.floor(this.settings.now() / 1000),
      apply: async (orders: OrderFact[], refunds: RefundFact[]) => {
        await this.mutex.run(shop.id, async () => {
          const days = await applyFacts(gen, batch, orders, refunds);
          days.forEach((d) => written?.add(d));
          onOrders?.(orders);
        });
        tracker?.read(
          'orders',
          orders.map((o) => o.id),
        );
        tracker?.read(
          'returns',
          refunds.filter((r) => r.kind !== 'CANCELLATION').map((r) => r.id),
        );
        tracker?.read(
          'cancellations',
          refunds.filter((r) => r.kind === 'CANCELLATION').map((r) => r.id),
        );
      },
      onUnreadable: (rows) => tracker?.unreadable(rows),
    };
  }

  private async read(shop: ShopInfo, window: DateWindow, outcome: Outcome): Promise<LedgerWindow> {
    const ledger = this.ledger(shop);
    const { state } = outcome;
    const gen = ledger.generation(state.generation);
    const coverage = windowCoverage(state.coverage, window);
    // Only covered days are read: days the backfill has not finished may hold some of their facts.
    const covered = coverage.complete ? window : coverage.from !== null && coverage.to !== null ? { from: coverage.from, to: coverage.to } : null;
    const [found, unreadable] = await Promise.all([
      covered ? readDays(gen, state, covered) : new Map<string, DayAggregate>(),
      unreadableFacts(
        await ledger.unreadable(),
        shop.timezone,
        this.settings.lookbackDays,
        async (orderId) => (await gen.rows([orderId])).get(orderId)?.day ?? null,
      ),
    ]);
    if (state.coverage !== null) {
      this.settings.onSynced(shop.id, state.syncedAt);
      this.lastKnown.set(shop.id, { state, unreadable });
    }
    return {
      days: found,
      asOf: state.coverage === null ? this.settings.now() : state.syncedAt,
      stale: outcome.stale,
      unreadable: unreadable.filter((fact) => mayCountIn(fact, window)),
      coverage,
      total: () => ledger.cachedTotal(state.generation, covered, state.revision, () => combineAggregates(found.values(), state.currency)),
    };
  }

  /**
   * While the store (Redis) is away: the window from the day aggregates this process holds for the
   * shop's last known state, served stale; without all of them, the store's error.
   */
  private fromMemory(shop: ShopInfo, window: DateWindow, error: StoreUnavailableError): LedgerWindow {
    const known = this.lastKnown.get(shop.id);
    const { state } = known ?? {};
    if (!known || !state || !covers(state.coverage, window)) throw error;
    const days = daysInMemory(state, window, (dates) => this.ledger(shop).cachedAggregates(state.generation, dates, state.revision));
    if (!days) throw error;
    return {
      days,
      asOf: state.syncedAt,
      stale: true,
      unreadable: known.unreadable.filter((fact) => mayCountIn(fact, window)),
      coverage: windowCoverage(state.coverage, window),
      total: () => combineAggregates(days.values(), state.currency),
    };
  }
}
