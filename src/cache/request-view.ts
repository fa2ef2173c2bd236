/**
 * One request's view of the shared cache: its time budget given to every fetch, and the kinds of
 * answers it was served stale (for `extensions.stale`).
 */
import type { CachePolicy, Fetcher } from './cached-fetch';
import type { Budget } from '../upstream/abort';

/** What one request's view of the cache knows of the request. */
export interface RequestScope {
  /** Told the key of every answer served stale to this request. */
  onStale?: (key: string) => void;
  /** The request's time budget, given to every fetch that has none of its own. */
  budget?: Budget;
}

/**
 * One request's view of the shared fetcher: the same cache, every fetch bounded by the request's
 * budget, and `onStale` told the key of every answer served stale to this request (revalidating,
 * after an upstream failure, or past its budget), including answers it shared with other
 * requests' loads.
 */
export function requestView(fetcher: Fetcher, scope: RequestScope): Fetcher {
  const onStale = scope.onStale ?? (() => undefined);
  return {
    fetch: async (key, policy, load, options) => {
      const answer = await fetcher.fetch(key, policy, load, { budget: scope.budget, ...options });
      if (answer.stale) onStale(key);
      return answer;
    },
    peek: (key) => fetcher.peek(key),
    fallback: async <T>(key: string, policy: CachePolicy) => {
      const answer = await fetcher.fallback<T>(key, policy);
      if (answer?.stale) onStale(key);
      return answer;
    },
    put: (key, value, ttlMs) => fetcher.put(key, value, ttlMs),
    invalidate: (key) => fetcher.invalidate(key),
  };
}

/** {@link requestView} without a budget. */
export function watchStale(fetcher: Fetcher, onStale: (key: string) => void): Fetcher {
  return requestView(fetcher, { onStale });
}
