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
      event: 'CompletePayment',
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
});
