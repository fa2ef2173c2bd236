import { signWebhook } from '../../../src/datasources/partner/signing';
import { captureLogs, expectNoSecrets, startSecuredStack, type SecuredStack } from '../security/helpers';

// TikTok's published webhook vector (docs/tiktok-api.md, Webhooks): the emulator and the
// gateway run with the vector's app credentials, so TikTok's own example must verify end to end.
const APP_KEY = 'fake_app_key';
const APP_SECRET = 'fake_app_secret';
const VECTOR_BODY =
  '{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}';
const VECTOR_SIGNATURE = '21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27';
const DETAIL = 'GET /order/202507/orders';

const logs = captureLogs();
let stack: SecuredStack;
let hook: string;
const signatures: string[] = [VECTOR_SIGNATURE];

/** The vector is dated 2022: the gateway's webhook clock is set there, inside its freshness window. */
const VECTOR_TIME = 1664095733;

beforeAll(async () => {
  stack = await startSecuredStack({
    logger: logs.logger,
    emulator: { appKey: APP_KEY, appSecret: APP_SECRET },
    extras: { webhookClock: () => (VECTOR_TIME + 60) * 1000 },
  });
  hook = stack.server.url.replace(/\/graphql$/, '/webhooks/tiktok-shop');
});

afterAll(async () => {
  await stack?.close();
  expectNoSecrets(logs.text(), [APP_SECRET, ...signatures]);
});

const deliver = (body: string, authorization?: string, contentType = 'application/json') =>
  fetch(hook, { method: 'POST', headers: { 'content-type': contentType, ...(authorization === undefined ? {} : { authorization }) }, body });

/** A signed ORDER_STATUS_CHANGE as TikTok sends it. */
function orderChange(id: string, shopId: string, orderId: string, status: string): { body: string; signature: string } {
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: id,
    shop_id: shopId,
    timestamp: VECTOR_TIME,
    data: { order_id: orderId, order_status: status, update_time: VECTOR_TIME },
  });
  const signature = signWebhook(APP_KEY, APP_SECRET, body);
  signatures.push(signature);
  return { body, signature };
}

const processed = (id: string) => logs.lines().filter((l) => l.msg === 'order changed' && l.notification === id);
const calls = async () => ((await (await fetch(`${stack.emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> }).calls;

describe('POST /webhooks/tiktok-shop', () => {
  it("accepts the spec's signed example with 200 and an empty body, and processes it after answering", async () => {
    const res = await deliver(VECTOR_BODY, VECTOR_SIGNATURE);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const line = await logs.waitFor((l) => l.msg === 'order changed' && l.orderId === '576684019603311365');
    expect(line).toMatchObject({ shopId: '7494726673780148744', orderStatus: 'AWAITING_SHIPMENT' });
  });

  it.each([
    ['a missing signature', undefined],
    ['an empty signature', ''],
    ["another app's signature", signWebhook(APP_KEY, 'other_secret', VECTOR_BODY)],
    ['the signature of other bytes', signWebhook(APP_KEY, APP_SECRET, `${VECTOR_BODY} `)],
  ])('answers 401 to %s and does nothing', async (_name, authorization) => {
    const { body } = orderChange('7000000000000000401', '1', '1', 'IN_TRANSIT');
    const res = await deliver(body, authorization);
    expect(res.status).toBe(401);
    await new Promise((resolve) => setImmediate(resolve));
    expect(processed('7000000000000000401')).toEqual([]);
  });

  it('verifies the exact bytes whatever the content type says, and hex in either case', async () => {
    const plain = orderChange('7000000000000000402', '1', '2', 'DELIVERED');
    expect((await deliver(plain.body, plain.signature, 'text/plain')).status).toBe(200);
    const upper = orderChange('7000000000000000405', '1', '2', 'DELIVERED');
    expect((await deliver(upper.body, upper.signature.toUpperCase())).status).toBe(200);
    const pretty = orderChange('7000000000000000406', '1', '2', 'DELIVERED');
    expect((await deliver(JSON.stringify(JSON.parse(pretty.body), null, 2), pretty.signature)).status).toBe(401);
  });

  it('processes a replayed notification once, and normalizes CANCEL', async () => {
    const { body, signature } = orderChange('7000000000000000403', '1', '3', 'CANCEL');
    const answers = await Promise.all([deliver(body, signature), deliver(body, signature), deliver(body, signature)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await logs.waitFor((l) => l.notification === '7000000000000000403');
    expect((await deliver(body, signature)).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(processed('7000000000000000403')).toEqual([expect.objectContaining({ orderStatus: 'CANCELLED' })]);
  });

  it('answers 400 to a signed body that is not a notification', async () => {
    const body = '{"hello":"world"}';
    const signature = signWebhook(APP_KEY, APP_SECRET, body);
    signatures.push(signature);
    expect((await deliver(body, signature)).status).toBe(400);
  });

  it('drops the cached order it names, so the next read goes upstream', async () => {
    const shopId = stack.shopIds[0]!;
    const query = 'query($s: ID!, $o: ID!) { order(shopId: $s, id: $o) { id status } }';
    const list = await stack.gql<{ shop: { orders: { nodes: { id: string }[] } } }>('query($s: ID!) { shop(id: $s) { orders(first: 1) { nodes { id } } } }', {
      s: shopId,
    });
    const orderId = list.body.data!.shop.orders.nodes[0]!.id;
    await stack.gql(query, { s: shopId, o: orderId });
    const before = (await calls())[DETAIL] ?? 0;
    await stack.gql(query, { s: shopId, o: orderId });
    expect((await calls())[DETAIL] ?? 0).toBe(before);

    const { body, signature } = orderChange('7000000000000000404', shopId, orderId, 'IN_TRANSIT');
    expect((await deliver(body, signature)).status).toBe(200);
    await logs.waitFor((l) => l.msg === 'order changed' && l.notification === '7000000000000000404');
    expect((await calls())[DETAIL] ?? 0).toBe(before);
    const res = await stack.gql(query, { s: shopId, o: orderId });
    expect(res.body.data).toMatchObject({ order: { id: orderId } });
    expect((await calls())[DETAIL] ?? 0).toBe(before + 1);
  });
});
