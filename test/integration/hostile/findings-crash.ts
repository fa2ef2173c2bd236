import { healthzLatency, upstreamCalls, type Target } from './targets';
import type { HostileCase } from './hostile-case';

/**
 * Issue 17's critical findings: requests that took the process down or held its event loop. The
 * suite checks after every case that the process still answers `/healthz` promptly and saw no
 * unhandled rejection; these add what each finding needs.
 */
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

/** `/healthz` latency (monotonic ms) measured while `attack` runs, and the attack's answer. */
async function duringAttack<T>(target: Target, attack: () => Promise<T>): Promise<{ answer: T; healthzMs: number }> {
  const [answer, healthzMs] = await Promise.all([attack(), healthzLatency(target)]);
  return { answer, healthzMs };
}

/** Upstream calls that backfill a ledger (order and return searches), summed. */
async function ledgerReads(target: Target): Promise<number> {
  const calls = await upstreamCalls(target);
  return Object.entries(calls)
    .filter(([path]) => /search/.test(path))
    .reduce((n, [, count]) => n + count, 0);
}

const YEAR_ONE = { from: '0001-01-01', to: '0001-01-01' };
const RANGE_FIELDS = [
  ['Shop.metrics', 'query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { gmv { value } } } }'],
  ['Query.metrics', 'query($s: ID!, $r: DateRange!) { metrics(shopIds: [$s], range: $r) { gmv { value } } }'],
  [
    'Product.metrics via orders',
    'query($s: ID!, $r: DateRange!) { shop(id: $s) { orders(first: 1) { nodes { lineItems { product { metrics(range: $r) { gmv { value } } } } } } } }',
  ],
  ['Shop.financeReconciliation', 'query($s: ID!, $r: DateRange!) { shop(id: $s) { financeReconciliation(range: $r) { __typename } } }'],
  ['Shop.videos', 'query($s: ID!, $r: DateRange!) { shop(id: $s) { videos(range: $r) { totalCount } } }'],
  ['Shop.statements', 'query($s: ID!, $r: DateRange!) { shop(id: $s) { statements(range: $r) { totalCount } } }'],
] as const;

export const CRASH_CASES: HostileCase[] = [
  {
    finding: 1,
    name: "an unknown __typename after a real reference in _entities (the issue's exact request)",
    async run(t) {
      const { status, body } = await t.gql(ENTITIES, { r: [{ __typename: 'Order', shopId: '1', id: '1' }, { __typename: 'X' }] }, 'shopsOnly');
      if (t.mode === 'gateway') {
        // The supergraph's API has no `_entities`: the gateway refuses it before planning.
        expect(status).toBe(400);
        expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        return;
      }
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toMatch(/^representations\[1\]: __typename must be one of/);
    },
  },
  {
    finding: 1,
    name: 'a thousand references in _entities, every other one unknown',
    async run(t) {
      const r = Array.from({ length: 1000 }, (_, i) => (i % 2 ? { __typename: `X${i}` } : { __typename: 'Shop', id: t.shopA }));
      const { body } = await t.gql(ENTITIES, { r });
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const e of body.errors ?? []) expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'MAX_COST_EXCEEDED']).toContain(e.extensions?.code);
    },
  },
  {
    finding: 2,
    name: 'a one-day metrics window in year 1: refused at once, no ledger work, /healthz prompt',
    async run(t) {
      const before = await ledgerReads(t);
      const { answer, healthzMs } = await duringAttack(t, () => t.gql(RANGE_FIELDS[0][1], { s: t.shopA, r: YEAR_ONE }));
      expect(answer.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argumentName])).toEqual([['BAD_USER_INPUT', 'range']]);
      expect(answer.body.errors?.[0]?.message).toMatch(/^range: window\.from \(0001-01-01\) is before 2020-01-01/);
      expect(healthzMs).toBeLessThan(250);
      expect(await ledgerReads(t)).toBe(before);
    },
  },
  ...RANGE_FIELDS.flatMap(([field, query]) =>
    [
      ['year 1', YEAR_ONE],
      ["the day before TikTok Shop's floor", { from: '2019-12-31', to: '2019-12-31' }],
      ['year 9999', { from: '9999-12-31', to: '9999-12-31' }],
    ].map(([label, range]): HostileCase => ({
      finding: 2,
      name: `${field} over ${label as string}`,
      async run(t) {
        // The order list the product path starts from is a search too: read (and cached) first.
        await t.gql('query($s: ID!) { shop(id: $s) { orders(first: 1) { nodes { id } } } }', { s: t.shopA });
        const before = await ledgerReads(t);
        const { body } = await t.gql(query, { s: t.shopA, r: range });
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        expect(codes.length).toBeGreaterThan(0);
        expect(new Set(codes)).toEqual(new Set(['BAD_USER_INPUT']));
        expect(await ledgerReads(t)).toBe(before);
      },
    })),
  ),
];
