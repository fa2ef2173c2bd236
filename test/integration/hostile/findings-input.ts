import { signWebhook } from '../../../src/datasources/partner/signing';
import { loadConfig } from '../../../src/config/load-config';
import { writeConfigFile } from '../security/helpers';
import type { HostileCase } from './hostile-case';
import { cursorOperations, JUNK_IDS, junkIdOperations, type FuzzOperation } from './schema-fuzz';
import type { Target } from './targets';

/** Issue 17, finding 9: validation at the door — ids, cursors, webhook timestamps, config zones. */

/** Every error of each operation is BAD_USER_INPUT (and there is one); names the ones that are not. */
async function expectBadInput(t: Target, operations: FuzzOperation[]): Promise<void> {
  const wrong: string[] = [];
  for (const op of operations) {
    const { body } = await t.gql(op.query, op.variables);
    const codes = (body.errors ?? []).map((e) => String(e.extensions?.code));
    if (codes.length === 0 || codes.some((c) => c !== 'BAD_USER_INPUT'))
      wrong.push(`${op.name} ${JSON.stringify(op.variables).slice(0, 80)}: ${codes.join(',') || 'no error'}`);
  }
  expect(wrong).toEqual([]);
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A real cursor of each connection that has rows (first: 1), by field name. */
async function realCursors(t: Target): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const op of cursorOperations(t.shopA, () => '')) {
    const field = op.name.split('.')[1]!;
    const query = op.query.replace('{ __typename }', '{ edges { cursor } }').replace('$after: String', '$after: String = null');
    const { body } = await t.gql<{ shop: Record<string, { edges: { cursor: string }[] } | null> }>(query, { ...op.variables, after: null, first: 1 });
    const cursor = body.data?.shop?.[field]?.edges[0]?.cursor;
    if (cursor) found.set(field, cursor);
  }
  return found;
}

/** A cursor of `field` with its state changed; garbage when the list had no row to take one from. */
function forged(cursors: Map<string, string>, field: string, change: Record<string, unknown>): string {
  const real = cursors.get(field);
  if (!real) return b64({ s: '1', q: 'x', t: 'zz', o: 0, ...change });
  return b64({ ...(JSON.parse(Buffer.from(real, 'base64url').toString()) as object), ...change });
}

export const INPUT_CASES: HostileCase[] = [
  ...JUNK_IDS.map((junk): HostileCase => ({
    finding: 9,
    name: `every ID argument of the schema given ${JSON.stringify(junk.length > 12 ? `${junk.slice(0, 12)}…` : junk)}`,
    run: (t) => expectBadInput(t, junkIdOperations(t.shopA, junk)),
  })),
  {
    finding: 9,
    name: 'forged after cursors on every connection: garbage, another shop, another list, a forged page token or offset',
    async run(t) {
      const cursors = await realCursors(t);
      expect(cursors.size).toBeGreaterThan(0);
      const variants: ((field: string) => string)[] = [
        () => '!!!not base64!!!',
        () => b64('\u0000\u00ff garbage'),
        () => b64({ hello: 'world' }),
        () => 'A'.repeat(5000),
        (f) => forged(cursors, f, { s: t.shopB }),
        (f) => forged(cursors, f, { q: 'another-list' }),
        (f) => forged(cursors, f, { t: 'forged-page-token' }),
        (f) => forged(cursors, f, { t: 'x'.repeat(1500) }),
        (f) => forged(cursors, f, { o: 1e15 }),
        (f) => forged(cursors, f, { o: -1 }),
      ];
      for (const variant of variants) await expectBadInput(t, cursorOperations(t.shopA, variant));
    },
  },
  {
    finding: 9,
    name: 'a signed webhook from 2001 is refused; a fresh one is accepted',
    async run(t) {
      const { appKey, appSecret } = t.emulator.tokens;
      const deliver = (id: string, timestamp: number) => {
        const body = JSON.stringify({ type: 1, tts_notification_id: id, shop_id: t.shopA, timestamp, data: { order_id: '1', order_status: 'IN_TRANSIT' } });
        return fetch(`${t.base}/webhooks/tiktok-shop`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: signWebhook(appKey, appSecret, body) },
          body,
        });
      };
      expect((await deliver(`9${t.mode.length}00000000000000001`, 1_000_000_000)).status).toBe(400);
      expect((await deliver(`9${t.mode.length}00000000000000002`, 32_503_680_000)).status).toBe(400);
      expect((await deliver(`9${t.mode.length}00000000000000003`, Math.floor(Date.now() / 1000))).status).toBe(200);
    },
  },
  {
    finding: 9,
    name: 'an invalid time zone in the config file refuses start-up, naming the shop and the value',
    modes: ['serve'],
    async run(t) {
      const path = writeConfigFile({ shops: { [t.shopA]: { timezone: 'Mars/Olympus_Mons' } } });
      expect(() => loadConfig({ SHOPGRAPH_CONFIG: path })).toThrow(`shops.${t.shopA}.timezone: not an IANA time zone: "Mars/Olympus_Mons"`);
    },
  },
];
