import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { MAX_OPERATION_LABELS } from '../../../src/telemetry/metrics';
import type { HostileCase } from './hostile-case';
import { KEYS, scrape, type Target } from './targets';

/** Issue 17, findings 4, 6 and 8: client-controlled growth, secrets in logs, disclosure to anyone. */

/** Sends `count` requests, `width` at a time. */
async function inWaves(count: number, width: number, send: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i += width) await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, j) => send(i + j)));
}

/** Distinct `operation` labels on the operator's scrape. */
async function operationLabels(t: Target): Promise<Set<string>> {
  const text = await scrape(t);
  return new Set([...text.matchAll(/shopgraph_graphql_operations_total\{operation="([^"]*)"/g)].map((m) => m[1]!));
}

/** Writes raw bytes to the listener and resolves with whatever it answers before closing. */
function rawRequest(t: Target, bytes: string): Promise<string> {
  const { hostname, port } = new URL(t.base);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const BIG = 900_000;

export const DISCLOSURE_CASES: HostileCase[] = [
  {
    finding: 4,
    name: 'a query of 100 KB (comments cost no token) is refused before parsing',
    async run(t) {
      const { status, body } = await t.gql(`{ shops { id } } # ${'x'.repeat(100_000)}`);
      expect(status).toBe(413);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'maxQueryBytes', maximum: 65_536 });
    },
  },
  {
    finding: 4,
    name: 'a 900 KB automatic persisted query is neither run nor kept',
    async run(t) {
      const query = `{ shops { id } } # ${'y'.repeat(BIG)}`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const post = (body: unknown) =>
        fetch(`${t.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full.key}` },
          body: JSON.stringify(body),
        });
      expect((await post({ query, extensions })).status).toBe(413);
      const byHash = (await (await post({ extensions })).json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(byHash.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    },
  },
  {
    finding: 4,
    name: 'hundreds of distinct operation names, run and refused, stay a bounded label set',
    async run(t) {
      await inWaves(MAX_OPERATION_LABELS + 50, 25, (i) => t.gql(`query Ran${i} { __typename }`));
      await inWaves(100, 25, (i) => t.gql(`query Refused${i} { noSuchField }`));
      const labels = await operationLabels(t);
      expect(labels.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
      expect([...labels].filter((l) => l.startsWith('Refused'))).toEqual([]);
      expect(labels).toContain('other');
    },
  },
  {
    finding: 6,
    name: 'a malformed request carrying an API key leaves no trace of the key in trace-level logs',
    async run(t) {
      const key = KEYS.full.key;
      const answer = await rawRequest(t, `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nX-Bad: a\u0001b\r\nContent-Length: 2\r\n\r\n{}`);
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      await t.logs.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('client error'));
      const bytes = [...Buffer.from(key)];
      for (const form of [key, bytes.join(','), bytes.slice(0, 8).join(','), Buffer.from(key).toString('base64'), Buffer.from(key).toString('hex')]) {
        expect({ form, logged: t.logs.text().includes(form) }).toEqual({ form, logged: false });
      }
    },
  },
  {
    finding: 8,
    name: '/metrics is for operators: 401 anonymous, 403 for a tenant',
    async run(t) {
      expect((await fetch(`${t.base}/metrics`)).status).toBe(401);
      expect((await fetch(`${t.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.full.key}` } })).status).toBe(403);
      expect(await scrape(t)).toContain('shopgraph_process_faults_total');
    },
  },
  {
    finding: 8,
    name: '/readyz tells anyone but an operator only ready or not',
    async run(t) {
      for (const key of [undefined, KEYS.full.key, 'forged']) {
        const res = await fetch(`${t.base}/readyz`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
        expect(Object.keys((await res.json()) as object)).toEqual(['status']);
      }
      const operator = await fetch(`${t.base}/readyz`, { headers: { authorization: `Bearer ${KEYS.operator.key}` } });
      expect((await operator.json()) as object).toHaveProperty('checks');
    },
  },
  {
    finding: 8,
    name: 'validation errors suggest no field names in production',
    async run(t) {
      const { body } = await t.gql('{ shopz { id } shop(id: "1") { ordrs { id } } }');
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const e of body.errors ?? []) expect(e.message).not.toMatch(/Did you mean/);
    },
  },
  {
    finding: 8,
    name: 'no order-existence oracle without orders:read (_entities with only __typename)',
    modes: ['serve'],
    async run(t) {
      const { body } = await t.gql(
        'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
        { r: [{ __typename: 'Order', shopId: t.shopA, id: '1' }] },
        'shopsOnly',
      );
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    },
  },
];
