/** One gateway with Redis over an emulator, its logs captured, for the alert tests of one rule kind. */
import { randomBytes } from 'node:crypto';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator/server';
import { configFile } from '../../helpers/config-file';
import { startRedis, type RedisServer } from '../../helpers/redis';
import { startGateway, type Gateway } from '../cache/replicas';
import { captureLogs, type CapturedLogs } from '../security/helpers';
import { deliverChange, type OrderChange } from './helpers';

const CREATE = 'mutation Create($input: AlertRuleInput!) { createAlertRule(input: $input) { rule { id kind status } } }';
const RULES = 'query Rules($shopId: ID) { alertRules(shopId: $shopId) { id status firedCount } }';

/** The rule's state as `alertRules` lists it. */
export type RuleState = { id: string; status: string; firedCount: number };

/** Starts Redis, the emulator and a gateway whose rules are evaluated only when a webhook arrives. */
export async function oneReplica(emulatorOptions: EmulatorOptions, config: Record<string, unknown> = {}) {
  const redis: RedisServer = await startRedis();
  const emulator: EmulatorHandle = await startEmulator({ port: 0, shops: 1, days: 10, ordersPerDay: 10, ...emulatorOptions });
  const logs: CapturedLogs = captureLogs();
  const gateway: Gateway = await startGateway(
    emulator,
    {
      REDIS_URL: redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      // No ticks: every evaluation comes from a webhook the test sends.
      SHOPGRAPH_CONFIG: configFile({ redis: { commandTimeoutMs: 5_000 }, alerts: { tickSeconds: 86_400, minIntervalMs: 100 }, ...config }),
    },
    logs.logger,
  );
  const shopId = emulator.store.shops()[0]!.id;
  const evaluations = () => logs.lines().filter((x) => x.msg === 'alerts evaluated').length;
  return {
    emulator,
    gateway,
    shopId,
    logs,
    /** Creates a rule and waits for the evaluation creating it triggers. */
    async create(input: Record<string, unknown>): Promise<string> {
      const before = evaluations();
      const created = await gateway.gql<{ createAlertRule: { rule: { id: string } } }>(CREATE, { input: { shopId, ...input } });
      if (created.errors) throw new Error(JSON.stringify(created.errors));
      await logs.waitFor(() => evaluations() > before);
      return created.data!.createAlertRule.rule.id;
    },
    /** Delivers an order change as TikTok's webhook and waits for the evaluation it triggers. */
    async heard(change: OrderChange): Promise<void> {
      const before = evaluations();
      await deliverChange(emulator, gateway.server.url, change);
      await logs.waitFor(() => evaluations() > before);
    },
    async rules(): Promise<RuleState[]> {
      return (await gateway.gql<{ alertRules: RuleState[] }>(RULES, { shopId })).data!.alertRules;
    },
    /** The alerts fired so far, from the log lines (kind, value). */
    fired: () => logs.lines().filter((x) => x.msg === 'alert fired'),
    async close(): Promise<void> {
      await gateway.server.close().catch(() => undefined);
      await emulator.close();
      await redis.stop();
    },
  };
}
