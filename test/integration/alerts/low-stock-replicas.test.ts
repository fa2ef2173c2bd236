/**
 * Done-when of issue 21 (alerts): two replicas sharing a real redis-server, a LOW_STOCK rule on
 * an emulator SKU. When the SKU's stock crosses the threshold, the rule fires once — to the
 * `alertFired` subscribers of both replicas (one over graphql-sse, one over graphql-ws) and to
 * its signed webhook, retried after the receiver's 500 — and not again while the stock stays
 * low, nor in the hysteresis band, nor after a replica restarts; once the stock recovers and
 * crosses again, it fires a second time. The stock moves the way a shop's does: buyers' orders
 * placed through the emulator's controls commit units, cancellations give them back (the test
 * never sets a stock figure), and evaluations are triggered the way production triggers them: by
 * those orders' TikTok webhooks, heard by every replica through Redis.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { configFile } from '../../helpers/config-file';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startGateway, type Gateway } from '../cache/replicas';
import { captureLogs, expectNoSecrets, type CapturedLogs } from '../security/helpers';
import { subscribeSse, subscribeWs, type Collected, type Result } from '../subscriptions/clients';
import { deliverChange, shopControls, stockedSku, webhookReceiver, type OrderChange } from './helpers';

const CREATE = `mutation Create($input: AlertRuleInput!) {
  createAlertRule(input: $input) { rule { id kind status firedCount lowStock { skuId threshold } } webhookSigningSecret }
}`;
const RULES = 'query Rules($shopId: ID) { alertRules(shopId: $shopId) { id status firedCount } }';
const FIRED = 'subscription Fired($shopId: ID!) { alertFired(shopId: $shopId) { id ruleId shopId kind value message missed } }';

type Alert = { id: string; ruleId: string; shopId: string; kind: string; value: string; message: string; missed: number };
const alertOf = (r: Result) => (r.data as { alertFired: Alert } | undefined)?.alertFired;

describeWithRedis('a LOW_STOCK rule on two replicas sharing Redis', () => {
  const SECRET = randomBytes(24).toString('hex');
  let redis: RedisServer;
  let emulator: EmulatorHandle;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let env: Record<string, string>;
  const logs: CapturedLogs[] = [];
  const replicas: Gateway[] = [];
  const open: Collected<Result>[] = [];

  const lines = (msg: string) => logs.reduce((n, l) => n + l.lines().filter((x) => x.msg === msg).length, 0);
  /** Resolves once the replicas evaluated the shop's rules `count` times in all. */
  const evaluated = async (count: number) => {
    await Promise.race(logs.map((l) => l.waitFor(() => lines('alerts evaluated') >= count)));
  };

  async function replica(): Promise<Gateway> {
    const log = captureLogs();
    logs.push(log);
    const gateway = await startGateway(emulator, env, log.logger);
    replicas.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ port: 0, seed: 'alerts-replicas', shops: 1, days: 5, ordersPerDay: 8 });
    receiver = await webhookReceiver([500]);
    env = {
      REDIS_URL: redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SHOPGRAPH_ALERT_WEBHOOK_SECRET: SECRET,
      // No ticks during the test: every evaluation comes from a webhook the test sends.
      SHOPGRAPH_CONFIG: configFile({
        // Two replicas, Redis and the emulator share two cores: a slow answer is not an outage here.
        redis: { commandTimeoutMs: 5_000 },
        alerts: { tickSeconds: 86_400, minIntervalMs: 100, webhooks: { allowedUrlPrefixes: [receiver.prefix], initialBackoffMs: 50, maxBackoffMs: 200 } },
      }),
    };
    // One after the other: the first exchanges the auth code, the second finds its sealed tokens.
    await replica();
    await replica();
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.stop()));
    for (const r of replicas) await r.server.close().catch(() => undefined);
    await emulator?.close();
    await receiver?.close();
    await redis?.stop();
  });

  it("fires once per crossing on every replica's subscribers and its signed webhook, never twice", async () => {
    const shopId = emulator.store.shops()[0]!.id;
    const stock = stockedSku(emulator, shopId);
    const shop = shopControls(emulator, shopId);
    // 50 units to start from: a delivery tops the SKU up (or a buyer's order brings it down).
    const start = stock.units();
    if (start < 50) await shop.receive(stock.skuId, 50 - start);
    if (start > 50) await shop.order(stock.skuId, start - 50);
    expect(stock.units()).toBe(50);
    const [a, b] = replicas;

    const created = await a!.gql<{ createAlertRule: { rule: { id: string; status: string }; webhookSigningSecret: string } }>(CREATE, {
      input: { shopId, lowStock: { skuId: stock.skuId, threshold: 10 }, webhookUrl: receiver.url },
    });
    expect(created.errors).toBeUndefined();
    const { rule, webhookSigningSecret } = created.data!.createAlertRule;
    expect(rule.status).toBe('OK');
    expect(webhookSigningSecret).toMatch(/^whsec_/);
    // Registering evaluates at once: 50 units, nothing fires.
    await evaluated(1);

    /** Delivers an order change to a replica and waits for the evaluation it triggers. */
    const heard = async (replicaUrl: string, change: OrderChange) => {
      const before = lines('alerts evaluated');
      await deliverChange(emulator, replicaUrl, change);
      await evaluated(before + 1);
    };
    const status = async (gateway: Gateway) =>
      (await gateway.gql<{ alertRules: { id: string; status: string; firedCount: number }[] }>(RULES, { shopId })).data!.alertRules;

    // Buyers order 38 and then 1 unit: 12, then 11 left — above the threshold, nothing fires.
    const big = await shop.order(stock.skuId, 38);
    await heard(a!.server.url, big.change);
    const single = await shop.order(stock.skuId, 1);
    await heard(b!.server.url, single.change);
    expect(stock.units()).toBe(50 - 38 - 1);
    expect(await status(a!)).toEqual([{ id: rule.id, status: 'OK', firedCount: 0 }]);

    const started = logs.map((l) => l.lines().filter((x) => x.msg === 'subscription started').length);
    const onA = subscribeSse(a!.server.url, FIRED, { shopId });
    const onB = subscribeWs(b!.server.url, FIRED, { shopId });
    open.push(onA, onB);
    await Promise.all(logs.map((l, i) => l.waitFor(() => l.lines().filter((x) => x.msg === 'subscription started').length > started[i]!)));

    // An order of 3 takes the SKU across the threshold (11 − 3 = 8); TikTok's webhook reaches replica B only.
    const crossing = await shop.order(stock.skuId, 3);
    expect(stock.units()).toBe(8);
    await deliverChange(emulator, b!.server.url, crossing.change);
    const [firstA] = await onA.atLeast(1);
    const [firstB] = await onB.atLeast(1);
    const expected = {
      id: `${rule.id}-1`,
      ruleId: rule.id,
      shopId,
      kind: 'LOW_STOCK',
      value: '8',
      message: `SKU ${stock.skuId} has 8 units available, at or below 10`,
      missed: 0,
    };
    expect(alertOf(firstA!)).toEqual(expected);
    expect(alertOf(firstB!)).toEqual(expected);

    // Still low (another order of 3: 5 left), then in the hysteresis band (that order and the
    // crossing one cancelled: 11, above 10, not above 10 + 1): nothing fires, nothing resolves.
    const more = await shop.order(stock.skuId, 3);
    await heard(a!.server.url, more.change);
    expect(stock.units()).toBe(5);
    expect(await status(b!)).toEqual([{ id: rule.id, status: 'FIRING', firedCount: 1 }]);
    await heard(a!.server.url, await shop.cancel(more.id));
    await heard(b!.server.url, await shop.cancel(crossing.id));
    expect(stock.units()).toBe(11);
    expect(await status(b!)).toEqual([{ id: rule.id, status: 'FIRING', firedCount: 1 }]);

    // A replica restarting (A goes, A' comes) does not fire the FIRING rule again.
    await a!.server.close();
    const before = lines('alerts evaluated');
    const a2 = await replica();
    await evaluated(before + 1);

    // The single unit cancelled: 12 > 11, recovered: resolved, no alert.
    await heard(a2.server.url, await shop.cancel(single.id));
    expect(stock.units()).toBe(12);
    expect(await status(a2)).toEqual([{ id: rule.id, status: 'OK', firedCount: 1 }]);

    // An order of 9 crosses again (3 left): the second firing, and only it, reaches both subscribers.
    const again = await shop.order(stock.skuId, 9);
    await deliverChange(emulator, b!.server.url, again.change);
    await onB.atLeast(2);
    expect(stock.units()).toBe(3);
    expect(onB.results.map((r) => alertOf(r)?.id)).toEqual([`${rule.id}-1`, `${rule.id}-2`]);
    expect(alertOf(onB.results[1]!)).toMatchObject({ value: '3' });
    // A's subscriber went with A (its stream ended); A''s gets nothing it did not subscribe for.
    expect(onA.results.map((r) => alertOf(r)?.id)).toEqual([`${rule.id}-1`]);
    expect(lines('alert fired')).toBe(2);

    // The webhook: the first firing answered 500, retried, then delivered; the second delivered at once.
    const sent = await receiver.atLeast(3);
    expect(sent.map((s) => [s.headers['shopgraph-event-id'], s.status])).toEqual([
      [`${rule.id}-1`, 500],
      [`${rule.id}-1`, 200],
      [`${rule.id}-2`, 200],
    ]);
    for (const s of sent) {
      // Verified as a receiver would, by hand: t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(s.headers['shopgraph-signature'])) ?? [];
      expect(v1).toBe(createHmac('sha256', webhookSigningSecret).update(`${t}.${s.body}`).digest('hex'));
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(300);
      expect(s.headers['content-type']).toBe('application/json');
    }
    const body = JSON.parse(sent[0]!.body) as Record<string, unknown>;
    expect(body).toEqual({
      id: `${rule.id}-1`,
      type: 'alert.fired',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      shopId,
      rule: { id: rule.id, kind: 'LOW_STOCK', skuId: stock.skuId, threshold: 10 },
      value: '8',
      message: expected.message,
    });
    expect(sent[1]!.body).toBe(sent[0]!.body);
    for (const l of logs) expectNoSecrets(l.text(), [SECRET, webhookSigningSecret]);
  });
});
