import Database from 'better-sqlite3';
import { conversionsSchema } from '../../../src/config/conversions-section';
import { ConversionsForwarder, type ConversionOutcome, type EventsPort } from '../../../src/conversions/forwarder';
import { EventsSender } from '../../../src/datasources/marketing/events-sender';
import { UpstreamError } from '../../../src/upstream/upstream-error';
import { SqliteOutbox } from '../../../src/store/sqlite-outbox';
import { silentLogger } from '../../../src/telemetry/logger';
import { order } from './orders';

const PAID = 1_780_000_060;
const settings = (over: Record<string, unknown> = {}) =>
  conversionsSchema.parse({ enabled: true, pixelCode: 'DEMOPIXEL00000000001', pageUrl: 'https://shop.example.com/', batchSize: 3, ...over });

/** Records what was sent; `fail` decides per request whether TikTok refuses it. */
function fakeTikTok(fail: (orderIds: string[]) => UpstreamError | undefined = () => undefined) {
  const real = new EventsSender({ baseUrl: 'http://127.0.0.1:9', accessToken: 't', pixelCode: 'DEMOPIXEL00000000001' });
  const requests: string[][] = [];
  const port: EventsPort = {
    prepare: (event) => real.prepare(event),
    sendPrepared: async (events) => {
      const ids = events.map((e) => (JSON.parse(e) as { event_id: string }).event_id);
      requests.push(ids);
      const error = fail(ids);
      if (error) throw error;
      return { events: events.length, requests: 1 };
    },
  };
  return { port, requests };
}

function setup(options: { over?: Record<string, unknown>; fail?: (ids: string[]) => UpstreamError | undefined; db?: Database.Database } = {}) {
  const clock = { ms: (PAID + 3600) * 1000 };
  const counts: Partial<Record<ConversionOutcome, number>> = {};
  const waits: number[] = [];
  const tiktok = fakeTikTok(options.fail);
  const outbox = new SqliteOutbox(options.db ?? new Database(':memory:'), 'DEMOPIXEL00000000001');
  const forwarder = new ConversionsForwarder({
    settings: settings(options.over),
    outbox,
    events: tiktok.port,
    logger: silentLogger,
    observe: (outcome, n) => void (counts[outcome] = (counts[outcome] ?? 0) + n),
    now: () => clock.ms,
    sleep: async (ms) => {
      waits.push(ms);
      clock.ms += ms;
    },
    readOrders: async (_shop, ids) => ids.map((id) => order(id)),
  });
  return { forwarder, outbox, clock, counts, waits, requests: tiktok.requests };
}

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(5_770_000_000 + from + i));
const unavailable = () => new UpstreamError('unavailable', 'HTTP 503', { api: 'marketing', path: '/open_api/v1.3/event/track/' });

describe('ConversionsForwarder', () => {
  it('queues paid orders once per order id; unpaid ones are not conversions, old ones are history', async () => {
    const { forwarder, outbox, counts } = setup();
    await forwarder.offer('s', [order('11'), order('12', { status: 'UNPAID', paid_time: undefined }), order('13', { paid_time: PAID - 200 * 3600 })]);
    await forwarder.offer('s', [order('11', { status: 'COMPLETED' })]);
    expect(counts).toEqual({ queued: 1, duplicate: 1, too_old: 1 });
    expect(await outbox.depth()).toBe(1);
  });

  it('sends 7 queued orders as requests of 3, 3 and 1, each order once, paced to requestsPerSecond', async () => {
    const { forwarder, requests, counts, outbox, waits } = setup();
    await forwarder.offer(
      's',
      ids(7).map((id) => order(id)),
    );
    await forwarder.flush();
    await forwarder.flush();
    expect(requests.map((r) => r.length)).toEqual([3, 3, 1]);
    expect(requests.flat().sort()).toEqual(ids(7));
    expect(counts.sent).toBe(7);
    expect(await outbox.depth()).toBe(0);
    // 2 requests a second: each request after the first waits its half second.
    expect(waits).toEqual([500, 500]);
    // Sent is remembered: offering them again queues nothing.
    await forwarder.offer(
      's',
      ids(7).map((id) => order(id)),
    );
    expect(counts.duplicate).toBe(7);
  });

  it('halves a batch TikTok refuses until the bad event is alone, and gives up only that one', async () => {
    const poison = ids(1, 2)[0] ?? '';
    const { forwarder, requests, counts } = setup({
      fail: (sent) => (sent.includes(poison) ? new UpstreamError('bad_request', 'code 40002', { api: 'marketing', code: 40002 }) : undefined),
    });
    await forwarder.offer(
      's',
      ids(3).map((id) => order(id)),
    );
    await forwarder.flush();
    expect(requests).toEqual([ids(3), ids(2), ids(1), [poison], ids(1, 3)]);
    expect(counts).toMatchObject({ sent: 2, failed: 1 });
  });

  it('retries after an outage with a growing wait, and gives up after maxAttempts', async () => {
    let down = true;
    const { forwarder, requests, counts, clock, outbox } = setup({ over: { maxAttempts: 3 }, fail: () => (down ? unavailable() : undefined) });
    await forwarder.offer('s', [order('21')]);
    await forwarder.flush();
    expect(counts.retried).toBe(1);
    await forwarder.flush();
    expect(requests).toHaveLength(1); // not due yet
    clock.ms += 5_000;
    await forwarder.flush();
    expect(requests).toHaveLength(2);
    clock.ms += 9_999; // the second wait is 10 s
    await forwarder.flush();
    expect(requests).toHaveLength(2);
    clock.ms += 1;
    await forwarder.flush();
    expect(counts).toMatchObject({ retried: 2, failed: 1 });
    expect(await outbox.depth()).toBe(0);
    down = false;
    await forwarder.offer('s', [order('21')]);
    expect(counts.duplicate).toBe(1);
  });

  it('two forwarders on one outbox send each order once', async () => {
    const db = new Database(':memory:');
    const a = setup({ db });
    const b = setup({ db });
    await a.forwarder.offer(
      's',
      ids(5).map((id) => order(id)),
    );
    await b.forwarder.offer(
      's',
      ids(5).map((id) => order(id)),
    );
    await Promise.all([a.forwarder.flush(), b.forwarder.flush()]);
    expect([...a.requests.flat(), ...b.requests.flat()].sort()).toEqual(ids(5));
    expect(b.counts.duplicate).toBe(5);
  });

  it('a webhook reads the order only when its status may follow a payment and it was never queued', async () => {
    const { forwarder, counts } = setup();
    await forwarder.offerWebhook('s', '31', 'UNPAID');
    await forwarder.offerWebhook('s', '31', undefined);
    expect(counts).toEqual({});
    await forwarder.offerWebhook('s', '31', 'AWAITING_SHIPMENT');
    await forwarder.offerWebhook('s', '31', 'IN_TRANSIT');
    expect(counts).toEqual({ queued: 1 });
  });
});
