/**
 * `orderChanged` end to end, over both transports: a signed webhook reaches the gateway, and each
 * subscriber of that shop (and only of that shop) hears the order, reading it fresh.
 */
import { signWebhook } from '../../../src/datasources/partner/signing';
import { startStack, type Stack } from '../../helpers/stack';
import { captureLogs, type CapturedLogs } from '../security/helpers';
import { subscribeSse, subscribeWs, type Collected, type Result } from './clients';

const ORDER_CHANGED = `subscription OrderFeed($shopId: ID!) {
  orderChanged(shopId: $shopId) { shopId orderId kind orderStatus notifiedAt missed order { id status } }
}`;

let stack: Stack;
let logs: CapturedLogs;
let sequence = 0;

beforeAll(async () => {
  logs = captureLogs();
  stack = await startStack({ logger: logs.logger });
});

afterAll(async () => {
  await stack?.close();
});

/** Posts a signed ORDER_STATUS_CHANGE for `orderId`, dated now. */
async function notify(shopId: string, orderId: string, status: string): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: String(7_200_000_000_000_000_000n + BigInt(++sequence)),
    shop_id: shopId,
    timestamp: now,
    data: { order_id: orderId, order_status: status, update_time: now },
  });
  const { appKey, appSecret } = stack.emulator.tokens;
  const res = await fetch(stack.server.url.replace(/\/graphql$/, '/webhooks/tiktok-shop'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: signWebhook(appKey, appSecret, body) },
    body,
  });
  expect(res.status).toBe(200);
}

/** Waits until the server has started `count` subscriptions in all (its debug line). */
async function started(count: number): Promise<void> {
  await logs.waitFor(() => logs.lines().filter((l) => l.msg === 'subscription started').length >= count);
}

const ids = () => {
  const [first, second] = stack.emulator.store.shops();
  const order = stack.emulator.store.raw(first!.id).orders[0]!;
  return { shopId: first!.id, otherShopId: second!.id, orderId: order.id, status: order.status };
};

describe.each([
  ['graphql-sse', subscribeSse],
  ['graphql-ws', (url: string, query: string, variables: Record<string, unknown>) => subscribeWs(url, query, variables)],
] as const)('orderChanged over %s', (_transport, subscribe) => {
  const open: Collected<Result>[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.stop()));
  });

  it("pushes the order a webhook names to the shop's subscribers, read fresh, and to no other shop's", async () => {
    const { shopId, otherShopId, orderId, status } = ids();
    const before = logs.lines().filter((l) => l.msg === 'subscription started').length;
    const mine = subscribe(stack.server.url, ORDER_CHANGED, { shopId });
    const other = subscribe(stack.server.url, ORDER_CHANGED, { shopId: otherShopId });
    open.push(mine, other);
    await started(before + 2);
    await notify(shopId, orderId, 'AWAITING_COLLECTION');
    const [event] = await mine.atLeast(1);
    expect(event!.errors).toBeUndefined();
    expect(event!.data).toEqual({
      orderChanged: {
        shopId,
        orderId,
        kind: 'ORDER_STATUS',
        orderStatus: 'AWAITING_COLLECTION',
        notifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        missed: 0,
        // The order as TikTok answers it (the emulator's own status), not the webhook's word.
        order: { id: orderId, status: status === 'CANCELLED' ? 'CANCELLED' : expect.any(String) },
      },
    });
    await stack.server.drainWebhooks();
    expect(other.results).toEqual([]);
  });
});
