import type { Config } from '../config/load-config';

/** The subgraph name ShopGraph's own subgraph has in every supergraph. */
export const SHOPGRAPH_SUBGRAPH = 'shopgraph';

/**
 * How `shopgraph gateway` names the ShopGraph in its own process (its subgraph list, live
 * composition). Never written into a composed file: `shopgraph compose` writes ShopGraph's real
 * URL there ({@link GatewayPlan.shopGraphUrl}), so any router can serve it.
 */
export const IN_PROCESS_URL = 'in-process://shopgraph';

/** A subgraph the gateway reaches over HTTP. */
export interface RemoteSubgraph {
  name: string;
  url: string;
  timeoutMs: number;
  /** Client request headers copied to it. */
  forwardHeaders: readonly string[];
  /** ShopGraph by URL: it gets the caller in a signed identity header, and the request id. */
  shopGraph: boolean;
}

/** What `shopgraph gateway` and `shopgraph compose` serve, from the config. */
export interface GatewayPlan {
  /** ShopGraph's own subgraph: in this process, by URL (one of `remotes`), or left out. */
  shopGraph: 'in-process' | 'remote' | 'none';
  remotes: RemoteSubgraph[];
  /** The composed supergraph to serve, or live composition (development only). */
  supergraph: { kind: 'file'; path: string } | { kind: 'live' };
  /** Signs identities for ShopGraph by URL. */
  identitySecret?: string;
  /**
   * Where routers other than this gateway reach ShopGraph's subgraph: what `shopgraph compose`
   * writes for it (the URL of a subgraph named `shopgraph`, else `supergraph.shopGraphUrl`, else
   * where `shopgraph serve` listens with these settings).
   */
  shopGraphUrl?: string;
}

/** A gateway setting that cannot work; the message names it. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
}

/**
 * Reads the gateway's plan from the config.
 * @param purpose `compose` needs no supergraph file yet; `gateway` refuses live composition in production
 * @throws GatewayConfigError naming the setting to change
 */
export function gatewayPlan(config: Config, purpose: 'gateway' | 'compose'): GatewayPlan {
  const settings = config.file.supergraph;
  if (!settings) {
    throw new GatewayConfigError('supergraph: the config file (SHOPGRAPH_CONFIG) has no "supergraph" section listing the subgraphs');
  }
  const remotes = settings.subgraphs.map((s) => ({ ...s, shopGraph: s.name === SHOPGRAPH_SUBGRAPH }));
  const shopGraph = remotes.some((s) => s.shopGraph) ? 'remote' : settings.includeShopGraph ? 'in-process' : 'none';
  if (shopGraph === 'none' && remotes.length === 0) throw new GatewayConfigError('supergraph.subgraphs: no subgraph to serve');
  const identitySecret = config.env.SHOPGRAPH_IDENTITY_SECRET;
  const shopGraphUrl = shopGraph === 'in-process' ? (settings.shopGraphUrl ?? servedAt(config)) : remotes.find((s) => s.shopGraph)?.url;
  if (shopGraph === 'remote' && identitySecret === undefined) {
    throw new GatewayConfigError(
      'SHOPGRAPH_IDENTITY_SECRET: required when ShopGraph is a subgraph by URL; the gateway signs the caller with it and ShopGraph verifies it (set the same value on both)',
    );
  }
  if (settings.file !== undefined) return { shopGraph, remotes, supergraph: { kind: 'file', path: settings.file }, identitySecret, shopGraphUrl };
  if (purpose === 'gateway' && config.env.NODE_ENV === 'production') {
    throw new GatewayConfigError(
      'supergraph.file: required in production; compose the supergraph ahead of time with `shopgraph compose` (live composition is for development only)',
    );
  }
  return { shopGraph, remotes, supergraph: { kind: 'live' }, identitySecret, shopGraphUrl };
}

/** Where `shopgraph serve` listens with these settings. */
function servedAt(config: Config): string {
  const { HOST, PORT } = config.env;
  const host = HOST.includes(':') ? `[${HOST}]` : HOST;
  return `${config.file.tls?.certFile ? 'https' : 'http'}://${host}:${PORT}/graphql`;
}
