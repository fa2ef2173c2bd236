import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Apollo Server plugin: a response that used stale upstream data says so in `extensions.stale`
 * (`{ kinds: [...] }`), next to the `stale` flags of the metrics. The request's datasources fill
 * its context's `stale` set as they are answered (see `watchStale`): no AsyncLocalStorage, whose
 * promise hooks cost every request a third of its time on Node 20.
 */
export function useStaleExtension<T extends { stale?: Set<string> }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const kinds = contextValue.stale;
          if (!kinds || kinds.size === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, stale: { kinds: [...kinds].sort() } };
        },
      };
    },
  };
}
