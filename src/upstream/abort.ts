/**
 * Cancellation and time budgets shared by the upstream clients: a client's lifetime signal
 * (aborted when the server shuts down) stops every call in flight, its retries and its backoff
 * waits included; a request's budget bounds how long the request waits for upstream at all.
 */
import { UpstreamError, type UpstreamApi } from './upstream-error';

/** One attempt's signal: aborted by its own timeout or by the client's lifetime signal. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the attempt's own timeout fired (not the lifetime signal). */
  timedOut(): boolean;
  /** Clears the timeout and unhooks from the lifetime signal; call once the attempt is over. */
  done(): void;
}

/**
 * The signal of one upstream attempt. Not `AbortSignal.any`: on Node 20 a long-lived input keeps
 * every signal combined with it until it aborts itself, so one per call would leak for the whole
 * life of the server (nodejs/node#55351, still the case on 20.20).
 */
export function attemptSignal(timeoutMs: number, lifetime: AbortSignal | undefined): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(lifetime?.reason);
  if (lifetime?.aborted) onAbort();
  else lifetime?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done: () => {
      clearTimeout(timer);
      lifetime?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Whether `error` is what an aborted lifetime signal throws (an `AbortError` DOMException): a
 * shutdown, not an upstream failure — never logged as a warning nor served stale in its place.
 */
export function isAbortError(error: unknown): boolean {
  // By name, not `instanceof`: the DOMException comes from Node's own realm (not jest's, say).
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * An end-to-end time budget: the wall-clock instant by which whoever waits must have an answer.
 * One per GraphQL request; a shared upstream load carries the latest deadline of those waiting on it.
 */
export interface Budget {
  /** Deadline in ms since the epoch; `Infinity`: none. */
  readonly at: number;
  /** Milliseconds left (negative once spent). */
  remaining(): number;
}

/** A fixed budget of `ms` from now. */
export function budgetOf(ms: number, now: () => number = Date.now): Budget {
  const at = now() + ms;
  return { at, remaining: () => at - now() };
}

/**
 * The budget of a load several requests wait for: it lasts as long as the longest of theirs, so
 * the first requester giving up does not cut the load short for the others; a waiter without a
 * budget (background work) lifts it.
 */
export class SharedBudget implements Budget {
  private deadline: number;

  constructor(
    first: Budget | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = first?.at ?? Number.POSITIVE_INFINITY;
  }

  get at(): number {
    return this.deadline;
  }

  remaining(): number {
    return this.deadline - this.now();
  }

  join(other: Budget | undefined): void {
    this.deadline = Math.max(this.deadline, other?.at ?? Number.POSITIVE_INFINITY);
  }
}

/**
 * A request's budget ran out before the upstream answered. Not retryable: there is no time left
 * to retry in. The work it waited for may go on and fill the cache (or ledger) for later requests.
 */
export class BudgetExceededError extends UpstreamError {
  /** @param subject what was waited for: an API path, a kind of cached answer, a ledger */
  constructor(api: UpstreamApi, subject: string) {
    super('unavailable', `TikTok did not answer within the request's time budget (${subject})`, { api });
  }

  override get retryable(): boolean {
    return false;
  }
}

/**
 * `work`, or `onExpired()`'s error once `budget` is spent, whichever comes first. `work` runs on
 * (a shared load serves others); its late failure is handled here, never left unhandled.
 */
export function withinBudget<T>(work: Promise<T>, budget: Budget | undefined, onExpired: () => Error): Promise<T> {
  if (!budget || budget.at === Number.POSITIVE_INFINITY) return work;
  const left = budget.remaining();
  if (left <= 0) {
    work.catch(() => undefined);
    return Promise.reject(onExpired());
  }
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      work.catch(() => undefined);
      reject(onExpired());
    }, left);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * `target` with the named async methods bounded by `budget`: past it they reject with a
 * {@link BudgetExceededError} while the work they started goes on (a ledger sync that other
 * requests share, and that keeps its own limits). Without a budget, `target` itself.
 */
export function waitWithin<T extends object>(target: T, budget: Budget | undefined, api: UpstreamApi, methods: readonly (keyof T & string)[]): T {
  if (!budget) return target;
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(object);
      if (!methods.some((name) => name === property)) return method;
      return (...args: unknown[]) =>
        withinBudget(Promise.resolve(method(...args)), budget, () => new BudgetExceededError(api, `${target.constructor.name}.${String(property)}`));
    },
  });
}
