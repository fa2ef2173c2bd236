import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompose } from '../../../src/gateway/compose';
import { writeConfigFile } from '../security/helpers';
import { startSubgraph, type TestSubgraph } from './helpers';

/** A subgraph that gets ShopGraph's Order wrong: `total` is ShopGraph's, as `Money`. */
const CONFLICTING_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Order @key(fields: "shopId id") {
    shopId: ID!
    id: ID!
    total: Int
  }
`;

let conflicting: TestSubgraph;

beforeAll(async () => {
  conflicting = await startSubgraph(CONFLICTING_SDL);
});

afterAll(async () => {
  await conflicting?.stop();
});

/** Runs `shopgraph compose` in-process with this config file; ShopGraph's subgraph is in-process. */
async function compose(supergraph: unknown): Promise<{ code: number; stdout: string; stderr: string; file: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'sg-compose-')), 'supergraph.graphql');
  const out = { stdout: '', stderr: '' };
  const code = await runCompose(['--out', file], {
    environment: { NODE_ENV: 'test', SHOPGRAPH_CONFIG: writeConfigFile({ supergraph }) },
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
  });
  return { code, ...out, file };
}

it('exits 1 listing every composition error with its code and the subgraphs, and writes nothing', async () => {
  const result = await compose({ subgraphs: [{ name: 'orders-extra', url: conflicting.url }] });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`composition failed with 2 error(s) between shopgraph (in-process://shopgraph), orders-extra (${conflicting.url}):`);
  expect(result.stderr).toContain(
    '  - [FIELD_TYPE_MISMATCH] Type of field "Order.total" is incompatible across subgraphs: it has type "Int" in subgraph "orders-extra" but type "Money" in subgraph "shopgraph"\n',
  );
  expect(result.stderr).toContain('  - [INVALID_FIELD_SHARING] Non-shareable field "Order.total" is resolved from multiple subgraphs');
  expect(existsSync(result.file)).toBe(false);
});

it('exits 1 naming a subgraph whose schema cannot be fetched', async () => {
  const result = await compose({ subgraphs: [{ name: 'gone', url: 'http://127.0.0.1:9/graphql', timeoutMs: 2000 }] });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/could not be fetched:\n {2}- gone \(http:\/\/127\.0\.0\.1:9\/graphql\): its schema could not be fetched: unreachable/);
  expect(existsSync(result.file)).toBe(false);
});

it('exits 1 on a config without a supergraph section, saying so', async () => {
  const out = { stderr: '' };
  const code = await runCompose([], { environment: { NODE_ENV: 'test' }, stdout: () => undefined, stderr: (t) => (out.stderr += t) });
  expect(code).toBe(1);
  expect(out.stderr).toContain('has no "supergraph" section');
});
