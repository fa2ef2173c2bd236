import type { CachedValue } from '../cache/cached-fetch';
import type { ShopInfo } from '../datasources/shop-directory';
import type { AppContext, IncomingRequest } from '../http/app';
import type { ShopGraphService } from '../http/shop-graph-service';
import type { GraphContext } from '../resolvers/context';
import type { Caller } from '../security/caller';
import { GATEWAY_CALLER } from '../security/identity';
import type { RemoteSubgraphSource } from './remote-subgraph';

/** A gateway request's context: what its subgraph fetches are sent with. */
export interface GatewayContext extends AppContext {
  /** The client's request: configured headers are copied from it, its id goes to ShopGraph. */
  request: IncomingRequest;
  /** ShopGraph's own context when it runs in-process: one set of DataLoaders for the whole request. */
  shopGraph?: GraphContext;
}

/** How long the gateway trusts its count of the app's shops (cost analysis of `*` callers). */
const SHOP_COUNT_TTL_MS = 60_000;

/** The gateway counting the app's shops: every shop, the one scope that lists them. */
const SHOP_COUNTER: Caller = { ...GATEWAY_CALLER, shops: '*', scopes: new Set(['shops:read']) };

/**
 * Builds each request's {@link GatewayContext}. Cost analysis reads only how many shops a caller
 * sees: in-process that is ShopGraph's view for the caller; by URL, a caller limited to some
 * shops sees that many, and a `*` caller as many as ShopGraph lists (asked once a minute).
 */
export function gatewayContext(
  shopGraph: ShopGraphService | undefined,
  remoteShopGraph: RemoteSubgraphSource | undefined,
): (caller: Caller, request: IncomingRequest) => Promise<GatewayContext> {
  if (shopGraph) {
    return async (caller, request) => {
      const graph = await shopGraph.context(caller);
      // ShopGraph's own record of stale answers: the gateway's response says so as the subgraph's would.
      return { caller, request, shopData: graph.shopData, shopGraph: graph, stale: graph.stale };
    };
  }
  const countAll = remoteShopGraph
    ? memoized(async () => (await remoteShopGraph.ask<{ shops: unknown[] }>('{ shops { id } }', SHOP_COUNTER)).shops.length)
    : async () => 0;
  return async (caller, request) => ({
    caller,
    request,
    // Filled from the subgraphs' `x-shopgraph-stale` answers (RemoteSubgraphSource).
    stale: new Set<string>(),
    shopData: { shops: async () => counted(caller.shops === '*' ? await countAll() : caller.shops.size) },
  });
}

/** A list of `count` shops for cost analysis, which reads only its length. */
function counted(count: number): CachedValue<ShopInfo[]> {
  return { value: new Array<ShopInfo>(count), fetchedAt: Date.now(), stale: false, fromUpstream: false };
}

/** The last answer for {@link SHOP_COUNT_TTL_MS}; a failure is not kept. */
function memoized(ask: () => Promise<number>): () => Promise<number> {
  let last: { at: number; count: Promise<number> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > SHOP_COUNT_TTL_MS) {
      const count = ask();
      const entry = { at: Date.now(), count };
      last = entry;
      count.catch(() => {
        if (last === entry) last = undefined;
      });
    }
    return last.count;
  };
}
