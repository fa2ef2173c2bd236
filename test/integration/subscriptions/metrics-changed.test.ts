/**
 * `metricsChanged` end to end, over both transports: the figures as they are at subscribe, then
 * again when an order lands in the emulator and its webhook reaches ShopGraph, and never for a
 * shop whose figures did not move.
 */
import { captureLogs, type CapturedLogs } from '../security/helpers';
import { subscribeSse, subscribeWs, type Collected, type Result } from './clients';
import { startLandingStack, subscribeWebhooks, webhookUrl, type LandingStack } from './land-orders';

const FIGURES = `subscription Figures($shopId: ID!, $range: DateRange!) {
  metricsChanged(shopId: $shopId, range: $range) { from to orders { value } gmv { value } }
}`;
const QUERY = `query Figures($shopId: ID!, $range: DateRange!) {
  shop(id: $shopId) { metrics(range: $range) { from to orders { value } gmv { value } } }
}`;

type Figures = { from: string; to: string; orders: { value: string | null }; gmv: { value: string | null } };

/** Two days back to today (UTC dates): covers the hours orders land in, in every shop's zone, and is never past a shop's tomorrow. */
function recentWindow(): { from: string; to: string } {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-2), to: day(0) };
}

const figuresOf = (result: Result) => (result.data as { metricsChanged: Figures } | undefined)?.metricsChanged;

async function queried(stack: LandingStack, shopId: string, range: { from: string; to: string }): Promise<Figures> {
  const answer = await stack.gql<{ shop: { metrics: Figures } }>(QUERY, { shopId, range });
  expect(answer.errors).toBeUndefined();
  return answer.data!.shop.metrics;
}

describe('metricsChanged told by webhooks', () => {
  let stack: LandingStack;
  let logs: CapturedLogs;
  const open: Collected<Result>[] = [];

  beforeAll(async () => {
    logs = captureLogs();
    stack = await startLandingStack({ logger: logs.logger });
    // Only the first shop's webhooks come to ShopGraph: the other shop's figures have no reason to move.
    subscribeWebhooks(stack.emulator, stack.emulator.store.shops()[0]!.id, webhookUrl(stack.server.url));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** Resolves once the server has processed `count` order webhooks in all. */
  const processed = (count: number) => logs.waitFor(() => logs.lines().filter((l) => l.msg === 'order changed').length >= count);

  it.each([
    ['graphql-sse', subscribeSse],
    ['graphql-ws', (url: string, query: string, variables: Record<string, unknown>) => subscribeWs(url, query, variables)],
  ] as const)('over %s: the figures now, then the figures with the order that landed; the other shop hears nothing', async (_transport, subscribe) => {
    const [shop, other] = stack.emulator.store.shops();
    const range = recentWindow();
    const mine = subscribe(stack.server.url, FIGURES, { shopId: shop!.id, range });
    const theirs = subscribe(stack.server.url, FIGURES, { shopId: other!.id, range });
    open.push(mine, theirs);
    const [first] = await mine.atLeast(1);
    await theirs.atLeast(1);
    expect(first!.errors).toBeUndefined();
    expect(figuresOf(first!)).toEqual(await queried(stack, shop!.id, range));

    const seen = logs.lines().filter((l) => l.msg === 'order changed').length;
    const landed = stack.land(shop!.id);
    // The webhooks go out on the emulator's own schedule; wait until each was processed here.
    await processed(seen + landed.statusChanges);
    await stack.server.drainWebhooks();
    const now = await queried(stack, shop!.id, range);
    // The order count is the emulator's: every order of the shop created in the window and counted.
    expect(Number(now.orders.value)).toBeGreaterThan(Number(figuresOf(first!)!.orders.value));
    const pushed = await mine.first((r) => figuresOf(r)?.orders.value === now.orders.value, 1);
    expect(pushed.errors).toBeUndefined();
    expect(figuresOf(pushed)).toEqual(now);
    // Pushed only when the figures moved: every push differs from the one before.
    const values = mine.results.map((r) => JSON.stringify(figuresOf(r)));
    expect(values.filter((v, i) => v === values[i - 1])).toEqual([]);
    expect(theirs.results).toHaveLength(1);
  });
});
