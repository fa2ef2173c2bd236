import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ShopData } from '../../../src/datasources/shop-data';
import type { ShopInfo } from '../../../src/datasources/shop-directory';
import type { GraphContext } from '../../../src/resolvers/context';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import { LOCAL_CALLER, type Caller } from '../../../src/security/caller';
import { MemoryBucketStore } from '../../../src/security/leaky-bucket';
import { SCOPES, useScopes } from '../../../src/security/scopes';
import { useCostLimit } from '../../../src/security/use-cost-limit';

const shop = (id: string): ShopInfo => ({
  id,
  name: `Shop ${id}`,
  code: null,
  region: 'US',
  sellerType: 'LOCAL',
  cipher: 'c',
  currency: 'USD',
  timezone: 'UTC',
});
const shopData = { shops: async () => ({ value: [shop('1'), shop('2')], fetchedAt: 0, stale: false, fromUpstream: false }) } as unknown as ShopData;
const client = (shops: string[], bucket = 100, scopes: string[] = [...SCOPES]): Caller =>
  ({
    name: `c-${shops.join('-')}-${bucket}`,
    kind: 'api-key',
    shops: new Set(shops),
    scopes: new Set(scopes),
    cost: { bucket, restorePerSecond: 1 },
  }) as Caller;

function setup(maxCost = 1000) {
  const clock = { ms: 0 };
  const apollo = new ApolloServer<GraphContext>({
    schema: buildShopGraphSchema(),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      useScopes<GraphContext>(),
      useCostLimit<GraphContext>({ maxCost, buckets: new MemoryBucketStore(() => clock.ms) }),
    ],
  });
  const run = async (caller: Caller, query = '{ shops { id } }') => {
    const res = await apollo.executeOperation({ query }, { contextValue: { caller, shopData } as GraphContext });
    if (res.body.kind !== 'single') throw new Error('single result expected');
    const { data, errors, extensions } = res.body.singleResult;
    return { data, errors, cost: extensions?.cost, status: res.http.status, retryAfter: res.http.headers.get('retry-after') };
  };
  return { clock, run };
}

describe('useCostLimit', () => {
  it('reports requested and actual cost; the local caller is not throttled', async () => {
    const { run } = setup();
    expect((await run(LOCAL_CALLER)).cost).toEqual({ requestedQueryCost: 2, actualQueryCost: 2, throttleStatus: null });
  });

  it('charges the bucket the requested cost and refunds what the answer did not use', async () => {
    const { run } = setup();
    // Five shops allowed, two exist: 5 requested, 2 used, 3 back.
    const first = await run(client(['1', '2', '3', '4', '5']));
    expect(first.data).toEqual({ shops: [{ id: '1' }, { id: '2' }] });
    expect(first.cost).toEqual({
      requestedQueryCost: 5,
      actualQueryCost: 2,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 98, restoreRate: 1 },
    });
  });

  it('throttles an empty bucket with 429 and Retry-After, and serves again once it has refilled', async () => {
    const { clock, run } = setup();
    const caller = client(['1', '2'], 5);
    expect((await run(caller)).cost).toMatchObject({ throttleStatus: { currentlyAvailable: 3 } });
    expect((await run(caller)).cost).toMatchObject({ throttleStatus: { currentlyAvailable: 1 } });
    const throttled = await run(caller);
    expect(throttled).toMatchObject({ status: 429, retryAfter: '1', data: undefined });
    expect(throttled.errors).toEqual([expect.objectContaining({ extensions: { code: 'THROTTLED', cost: 2, retryAfter: 1 } })]);
    expect(throttled.cost).toEqual({
      requestedQueryCost: 2,
      actualQueryCost: 0,
      throttleStatus: { maximumAvailable: 5, currentlyAvailable: 1, restoreRate: 1 },
    });
    clock.ms += 1000;
    expect((await run(caller)).data).toEqual({ shops: [{ id: '1' }, { id: '2' }] });
  });

  it('refuses over the maximum before anything runs, naming cost and maximum, and charges nothing', async () => {
    const { run } = setup(4);
    const refused = await run(client(['1', '2', '3', '4', '5']));
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([
      expect.objectContaining({ message: 'Query cost 5 exceeds the maximum of 4', extensions: { code: 'MAX_COST_EXCEEDED', cost: 5, maximum: 4 } }),
    ]);
    expect(refused.cost).toMatchObject({ requestedQueryCost: 5, actualQueryCost: 0, throttleStatus: { currentlyAvailable: 100 } });
  });

  it('gives the whole charge back when a missing scope stops the operation', async () => {
    const { run } = setup();
    const refused = await run(client(['1', '2'], 100, ['orders:read']));
    expect(refused.status).toBe(403);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'Query.shops needs the shops:read scope, which this client does not have',
        extensions: { code: 'FORBIDDEN', missingScopes: ['shops:read'] },
      }),
    ]);
    expect(refused.cost).toMatchObject({ actualQueryCost: 0, throttleStatus: { currentlyAvailable: 100 } });
  });
});
