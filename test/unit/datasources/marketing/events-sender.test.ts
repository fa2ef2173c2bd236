import { createHash } from 'node:crypto';
import { EventsSender, type PurchaseEvent } from '../../../../src/datasources/marketing/events-sender';
import { hashUserIds, normalizePhoneE164 } from '../../../../src/datasources/marketing/pii-hash';
import { rawEventTrackRequestSchema } from '../../../../src/datasources/marketing/schemas';
import { captureLogs, fakeRetryEnv, ok, startStub, tiktokError, type Stub } from './stub-upstream';

const TOKEN = 'events-token-777';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function purchase(i: number): PurchaseEvent {
  return {
    orderId: `57700000000000${String(i).padStart(4, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 10, 1, 12, 0, 0)),
    value: '19.99',
    currency: 'USD',
    contents: [{ contentId: 'sku-1', price: '9.995', quantity: 2 }],
    email: `  Buyer.${i}@Example.COM `,
    phone: '+1 (213) 373-4253',
    externalId: `buyer-${i}`,
  };
}

async function setup(reply = ok({})) {
  stub = await startStub(() => reply);
  const logs = captureLogs();
  const sender = new EventsSender({ baseUrl: stub.baseUrl, accessToken: TOKEN, pixelCode: 'PIXEL1', logger: logs.logger, retryEnv: fakeRetryEnv() });
  return { sender, logs, requests: stub.requests };
}

describe('pii hashing', () => {
  it('hashes the lowercased trimmed email, the E.164 phone and the external id', () => {
    expect(hashUserIds({ email: ' Ann@Example.COM ', phone: '0044 20 7946 0958', externalId: ' u1 ' })).toEqual({
      email: [sha('ann@example.com')],
      phone: [sha('+442079460958')],
      external_id: [sha('u1')],
    });
  });

  it("matches the worked examples of TikTok's Events API reference", () => {
    // Raw values and digests as TikTok's parameter table gives them (docs/tiktok-api.md, Events API).
    expect(hashUserIds({ email: ' ALICE_abc@gmail.com ', phone: '(+1)2133734253', externalId: 'user_123' })).toEqual({
      email: ['848a771458438fc2ec420560d769fb9b9b86851ee338ec56517baabd79d3bb4f'],
      phone: ['9f7ec22d72092cd3c0b58726ed9c2d91b92e51a3f29837508fb2948bb22dd2fd'],
      external_id: ['80fba0ae1c48e3978e43e4efc365e14e12ea0c830ba8ba5b9a2dafc7e3f2ab8b'],
    });
  });

  it('drops what TikTok Shop masks: a hash of a masked value matches nobody', () => {
    expect(hashUserIds({ email: 'j***@gmail.com', phone: '(+1)213-***-1234' })).toEqual({});
  });

  it('drops a phone without a country code instead of guessing one', () => {
    expect(normalizePhoneE164('213 373 4253')).toBeUndefined();
    expect(hashUserIds({ phone: '213 373 4253', email: '  ' })).toEqual({});
  });
});

describe('EventsSender', () => {
  it('sends 2500 events as 1000 + 1000 + 500 to event/track/', async () => {
    const { sender, requests } = await setup();
    const events = Array.from({ length: 2500 }, (_, i) => purchase(i));
    expect(await sender.send(events)).toEqual({ events: 2500, requests: 3 });
    expect(requests.map((r) => [r.method, r.path])).toEqual(Array(3).fill(['POST', '/open_api/v1.3/event/track/']));
    const bodies = requests.map((r) => rawEventTrackRequestSchema.parse(JSON.parse(r.body)));
    expect(bodies.map((b) => b.data.length)).toEqual([1000, 1000, 500]);
    expect(bodies[2]?.data[499]?.event_id).toBe(purchase(2499).orderId);
    expect(requests.every((r) => r.headers['access-token'] === TOKEN)).toBe(true);
  });

  it('writes hashed identifiers, event_id = order id and exact money; raw PII is nowhere', async () => {
    const { sender, requests, logs } = await setup();
    await sender.send([purchase(7)]);
    const body = requests[0]?.body ?? '';
    const event = rawEventTrackRequestSchema.parse(JSON.parse(body)).data[0];
    expect(event).toMatchObject({
      event: 'Purchase',
      event_time: Date.UTC(2026, 10, 1, 12, 0, 0) / 1000,
      event_id: purchase(7).orderId,
      user: { email: [sha('buyer.7@example.com')], phone: [sha('+12133734253')], external_id: [sha('buyer-7')] },
      properties: { currency: 'USD', order_id: purchase(7).orderId },
    });
    expect(body).toContain('"value":19.99');
    expect(body).toContain('"price":9.995');
    const logText = logs.lines.join('\n');
    for (const text of [body, logText]) {
      expect(text.toLowerCase()).not.toContain('buyer.7@example.com');
      expect(text).not.toContain('373-4253');
      expect(text).not.toContain('2133734253');
      expect(text).not.toContain('"buyer-7"');
    }
    expect(logText).not.toContain(TOKEN);
  });

  it('refuses a money value that is not a plain decimal before sending anything', async () => {
    const { sender, requests } = await setup();
    await expect(sender.send([{ ...purchase(1), value: '1e3' }])).rejects.toThrow(RangeError);
    expect(requests).toHaveLength(0);
  });

  it('stops at a failed batch with the upstream error', async () => {
    const { sender, requests } = await setup(tiktokError(40002, 'invalid pixel'));
    await expect(sender.send([purchase(1)])).rejects.toMatchObject({ kind: 'bad_request', details: { code: 40002 } });
    expect(requests).toHaveLength(1);
  });

  it('carries the page, the content type of SKU ids and the shop; no contents, no content type', async () => {
    stub = await startStub(() => ok({}));
    const sender = new EventsSender({
      baseUrl: stub.baseUrl,
      accessToken: TOKEN,
      pixelCode: 'PIXEL1',
      pageUrl: 'https://shop.example.com/',
      retryEnv: fakeRetryEnv(),
    });
    await sender.send([
      { ...purchase(1), shopId: '7494726673780148744' },
      { ...purchase(2), contents: [] },
    ]);
    const body = JSON.parse(stub.requests[0]?.body ?? '{}') as { data: Record<string, Record<string, unknown>>[] };
    expect(body.data[0]?.page).toEqual({ url: 'https://shop.example.com/' });
    expect(body.data[0]?.properties).toMatchObject({ content_type: 'product', shop_id: '7494726673780148744' });
    expect(body.data[1]?.properties).not.toHaveProperty('content_type');
    expect(body.data[1]?.properties).not.toHaveProperty('contents');
  });

  it('sends prepared events byte for byte: money keeps every digit', async () => {
    stub = await startStub(() => ok({}));
    const sender = new EventsSender({ baseUrl: stub.baseUrl, accessToken: TOKEN, pixelCode: 'PIXEL1', testEventCode: 'TEST123', retryEnv: fakeRetryEnv() });
    const prepared = sender.prepare({ ...purchase(3), value: '12345678901234567.891' });
    await sender.sendPrepared([prepared, prepared]);
    const text = stub.requests[0]?.body ?? '';
    expect(text).toContain('"value":12345678901234567.891');
    expect(JSON.parse(text)).toMatchObject({ event_source: 'web', event_source_id: 'PIXEL1', test_event_code: 'TEST123' });
    expect((JSON.parse(text) as { data: unknown[] }).data).toHaveLength(2);
  });
});
