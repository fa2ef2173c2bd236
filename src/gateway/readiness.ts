import type { Readiness } from '../http/app';
import type { ShopGraphService } from '../http/shop-graph-service';
import { SHOPGRAPH_SUBGRAPH } from './plan';
import type { RemoteSubgraphSource } from './remote-subgraph';

/**
 * The gateway's `/readyz`: one `subgraph:<name>` check per subgraph (remote ones answer
 * `{ __typename }` within their timeout; in-process ShopGraph adds its own checks). It is
 * `unavailable` (503) only when no subgraph is up: with some up it still serves partial data,
 * `degraded`.
 */
export async function gatewayReadiness(remotes: readonly RemoteSubgraphSource[], shopGraph: ShopGraphService | undefined): Promise<Readiness> {
  const [own, probes] = await Promise.all([
    shopGraph?.readiness(),
    Promise.all(remotes.map(async (source) => [source.subgraph.name, await source.probe()] as const)),
  ]);
  const checks: Readiness['checks'] = { ...own?.checks };
  if (own) checks[`subgraph:${SHOPGRAPH_SUBGRAPH}`] = { ok: own.status !== 'unavailable', detail: `in-process, ${own.status}` };
  for (const [name, probe] of probes) checks[`subgraph:${name}`] = probe;
  const subgraphs = Object.entries(checks).filter(([name]) => name.startsWith('subgraph:'));
  const up = subgraphs.filter(([, check]) => check.ok).length;
  const status = up === 0 ? 'unavailable' : up < subgraphs.length || own?.status === 'degraded' ? 'degraded' : 'ready';
  return { status, checks };
}
