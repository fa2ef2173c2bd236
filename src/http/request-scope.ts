import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';

/** What one request learned while it ran: which kinds of cached data it served stale. */
interface RequestScope {
  stale: Set<string>;
}

const scope = new AsyncLocalStorage<RequestScope>();

/**
 * Runs the rest of each request inside its own scope, so code deep below the resolvers (the
 * cached fetcher) can flag the request without being handed it.
 */
export function scopeRequests(app: FastifyInstance): void {
  app.addHook('onRequest', (_req, _reply, done) => {
    scope.run({ stale: new Set() }, done);
  });
}

/** Flags the current request as answered (partly) from stale data of this kind. */
export function markStale(kind: string): void {
  scope.getStore()?.stale.add(kind);
}

/**
 * Apollo Server plugin: a response that used stale upstream data says so in
 * `extensions.stale` (`{ kinds: [...] }`), next to the `stale` flags of the metrics.
 */
export function useStaleExtension<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const kinds = scope.getStore()?.stale;
          if (!kinds || kinds.size === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, stale: { kinds: [...kinds].sort() } };
        },
      };
    },
  };
}
