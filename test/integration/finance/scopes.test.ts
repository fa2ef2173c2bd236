import type { GraphContext } from '../../../src/resolvers/context';
import { OrderFinanceResolver, ShopFinanceResolver, ShopMetricsFinanceResolver, UnitCostMutationResolver } from '../../../src/resolvers/finance.resolver';
import { DateRange, Granularity } from '../../../src/schema/types/common';
import { ShopMetrics } from '../../../src/schema/types/metric';
import { Order } from '../../../src/schema/types/order';
import { Shop } from '../../../src/schema/types/shop';
import { silentLogger } from '../../../src/telemetry/logger';
import { apiClient, startSecuredStack, type SecuredStack } from '../security/helpers';

const READ = ['shops:read', 'orders:read', 'products:read', 'ads:read', 'metrics:read'];
const noFinance = apiClient('no-finance', '*', READ);
const reader = apiClient('finance-reader', '*', [...READ, 'finance:read']);
const writer = apiClient('cost-writer', '*', ['shops:read', 'finance:write']);
const CONFIGURED_SKU = '1729000000000000999';

const range = { from: '2026-01-01', to: '2026-01-07' };

describe('finance scopes', () => {
  let stack: SecuredStack;
  let shopId: string;
  let orderId: string;
  let tenant: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startSecuredStack({
      logger: silentLogger,
      emulator: { shops: 2, days: 5, ordersPerDay: 3 },
      config: (shopIds) => {
        tenant = apiClient('tenant', [shopIds[0]!], ['shops:read', 'finance:read', 'finance:write']);
        return { clients: [noFinance.entry, reader.entry, writer.entry, tenant.entry], costs: { [CONFIGURED_SKU]: '1.25' } };
      },
    });
    shopId = stack.shopIds[0]!;
    orderId = stack.emulator.store.raw(shopId).orders[0]!.id;
  });
  afterAll(() => stack.close());

  const as = (client: { key: string }, query: string, variables: Record<string, unknown> = {}) =>
    stack.gql(query, { s: shopId, o: orderId, r: range, ...variables }, { 'x-api-key': client.key });

  const financeFields: [string, string][] = [
    ['Shop.statements', 'query($s: ID!, $r: DateRange!) { shop(id: $s) { statements(range: $r) { totalCount } } }'],
    ['Shop.payouts', 'query($s: ID!, $r: DateRange!) { shop(id: $s) { payouts(range: $r) { nodes { bankAccountLast4 } } } }'],
    ['Shop.financeReconciliation', 'query($s: ID!, $r: DateRange!) { shop(id: $s) { financeReconciliation(range: $r) { currency } } }'],
    ['Shop.unitCosts', 'query($s: ID!) { shop(id: $s) { unitCosts(skuIds: ["1"]) { skuId } } }'],
    ...['fees', 'settlement', 'takeRate', 'cogs', 'contributionMargin', 'profitRoas'].map((f): [string, string] => [
      `ShopMetrics.${f}`,
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { gmv { value } ${f} { value } } } }`,
    ]),
    ['Order.settlement', 'query($s: ID!, $o: ID!) { order(shopId: $s, id: $o) { id settlement { orderId } } }'],
    ['Order.settlementNullReason', 'query($s: ID!, $o: ID!) { order(shopId: $s, id: $o) { id settlementNullReason } }'],
  ];

  it.each(financeFields)('%s needs finance:read: refused before anything runs', async (field, query) => {
    const res = await as(noFinance, query);
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: `${field} needs the finance:read scope, which this client does not have`,
        extensions: expect.objectContaining({ code: 'FORBIDDEN', missingScopes: ['finance:read'] }),
      }),
    ]);
    const allowed = await as(reader, query);
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
  });

  it('checks _entities fragments on Order the same way', async () => {
    const res = await as(
      noFinance,
      'query($s: ID!, $o: ID!) { _entities(representations: [{__typename: "Order", shopId: $s, id: $o}]) { ... on Order { settlementNullReason } } }',
    );
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['finance:read'] });
  });

  const mutation = (selection: string) =>
    `mutation($s: ID!) { setUnitCosts(shopId: $s, costs: [{skuId: "1729000000000000001", amount: "3.40", effectiveFrom: "2026-01-0${++day}"}]) { ${selection} } }`;
  let day = 0;

  it('setUnitCosts needs finance:write; reading the costs back needs finance:read too', async () => {
    const refused = await as(reader, mutation('shopId'));
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'Mutation.setUnitCosts needs the finance:write scope, which this client does not have',
      extensions: { code: 'FORBIDDEN', missingScopes: ['finance:write'] },
    });
    expect((await as(writer, mutation('unitCosts { skuId }'))).body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      missingScopes: ['finance:read'],
    });
    const written = await as(writer, mutation('shopId'));
    expect(written.body).toEqual({ data: { setUnitCosts: { shopId } }, extensions: expect.anything() });
    const costs = await as(
      reader,
      `query($s: ID!) { shop(id: $s) { unitCosts(skuIds: ["1729000000000000001", "${CONFIGURED_SKU}", "1"]) { skuId amount { amount currency } effectiveFrom source } } }`,
    );
    expect((costs.body.data as { shop: { unitCosts: unknown[] } }).shop.unitCosts).toEqual([
      { skuId: '1729000000000000001', amount: { amount: '3.40', currency: 'USD' }, effectiveFrom: expect.stringMatching(/^2026-01-0\d$/), source: 'API' },
      { skuId: CONFIGURED_SKU, amount: { amount: '1.25', currency: 'USD' }, effectiveFrom: null, source: 'CONFIG' },
    ]);
  });

  it("keeps a client to its own shops: another shop's costs can be neither set nor read", async () => {
    const other = stack.shopIds[1]!;
    const set = await stack.gql(mutation('shopId'), { s: other }, { 'x-api-key': tenant.key });
    expect(set.body.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: `shop ${other} not found` });
    const read = await stack.gql(
      'query($s: ID!) { shop(id: $s) { unitCosts(skuIds: ["1729000000000000001"]) { skuId } } }',
      { s: other },
      { 'x-api-key': tenant.key },
    );
    expect(read.body.data).toEqual({ shop: null });
  });
});

describe('tenancy: every finance field goes through requireShop', () => {
  const HIDDEN = '7494000000000000001';

  /** A caller that may not see HIDDEN; any use of the finance accessor is recorded. */
  function outsider(): { ctx: GraphContext; used: string[] } {
    const used: string[] = [];
    const record = (name: string) =>
      new Proxy(
        {},
        {
          get: (_t, p) => {
            used.push(`${name}.${String(p)}`);
            return () => Promise.reject(new Error('must not be called'));
          },
        },
      );
    const ctx = {
      caller: { name: 'tenant-a', kind: 'api-key', shops: new Set(['7494000000000000002']), scopes: new Set(), cost: { bucket: 1, restorePerSecond: 1 } },
      loaders: { shop: { load: async () => null }, order: record('loaders.order') },
      finance: record('finance'),
      shopData: record('shopData'),
      metrics: { settings: { rates: {}, now: Date.now } },
    };
    return { ctx: ctx as unknown as GraphContext, used };
  }

  const shop = Object.assign(new Shop(), { id: HIDDEN });
  const order = Object.assign(new Order(), { id: '576000000000000001', shopId: HIDDEN });
  const metrics = Object.assign(new ShopMetrics(), { data: { shop: { id: HIDDEN }, window: range } });
  const r = Object.assign(new DateRange(), range);
  const fields: [string, (ctx: GraphContext) => Promise<unknown>][] = [
    ['Shop.statements', (ctx) => new ShopFinanceResolver().statements(shop, ctx, r, 20, null)],
    ['Shop.payouts', (ctx) => new ShopFinanceResolver().payouts(shop, ctx, r, 20, null)],
    ['Shop.financeReconciliation', (ctx) => new ShopFinanceResolver().financeReconciliation(shop, ctx, r, Granularity.DAY)],
    ['Shop.unitCosts', (ctx) => new ShopFinanceResolver().unitCosts(shop, ctx, ['1'])],
    ['Order.settlement', (ctx) => new OrderFinanceResolver().settlement(order, ctx)],
    ['Order.settlementNullReason', (ctx) => new OrderFinanceResolver().settlementNullReason(order, ctx)],
    ['ShopMetrics.contributionMargin', (ctx) => new ShopMetricsFinanceResolver().contributionMargin(metrics, ctx)],
    ['Mutation.setUnitCosts', (ctx) => new UnitCostMutationResolver().setUnitCosts(HIDDEN, [{ skuId: '1', amount: '1' }], ctx)],
  ];

  it.each(fields)('%s answers NOT_FOUND for a shop the caller may not see, before any finance read', async (_name, resolve) => {
    const { ctx, used } = outsider();
    await expect(resolve(ctx)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: `shop ${HIDDEN} not found` });
    expect(used).toEqual([]);
  });
});
