import { randomBytes } from 'node:crypto';
import { silentLogger } from '../../../src/telemetry/logger';
import { apiClient, startSecuredStack, type SecuredStack } from '../security/helpers';

/**
 * Issue 17, finding 8, least disclosure: `/metrics` and `/readyz`'s details are for operators
 * (the `operator` scope, or METRICS_TOKEN); anyone else learns ready or not, nothing more; and a
 * production server suggests no field names.
 */
const operator = apiClient('ops', '*', ['operator']);
const tenant = apiClient('tenant', '*', ['shops:read', 'orders:read', 'metrics:read']);
const token = 'scrape-token-0123456789abcdef';

let stack: SecuredStack;
let base: string;

beforeAll(async () => {
  stack = await startSecuredStack({
    config: () => ({ clients: [operator.entry, tenant.entry] }),
    env: { NODE_ENV: 'production', SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'), METRICS_TOKEN: token },
    logger: silentLogger,
  });
  base = stack.server.url.replace(/\/graphql$/, '');
});
afterAll(() => stack?.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('/metrics', () => {
  it('serves the operator scope and METRICS_TOKEN, nobody else', async () => {
    await stack.gql('query TenantSecretName { shops { id } }', {}, bearer(tenant.key));
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: bearer(tenant.key) })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: bearer('not-a-key') })).status).toBe(401);
    const byToken = await fetch(`${base}/metrics`, { headers: bearer(token) });
    expect(byToken.status).toBe(200);
    const byOperator = await fetch(`${base}/metrics`, { headers: bearer(operator.key) });
    expect(byOperator.status).toBe(200);
    expect(await byOperator.text()).toContain('operation="TenantSecretName"');
  });
});

describe('/readyz', () => {
  it('tells anyone only whether it is ready', async () => {
    for (const headers of [{}, bearer(tenant.key), bearer('not-a-key')]) {
      const res = await fetch(`${base}/readyz`, { headers });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready' });
    }
  });

  it('gives operators the checks', async () => {
    for (const key of [operator.key, token]) {
      const res = await fetch(`${base}/readyz`, { headers: bearer(key) });
      expect(await res.json()).toMatchObject({ status: 'ready', checks: { partner: { ok: true } } });
    }
  });
});

describe('validation messages in production', () => {
  it('suggest no field names', async () => {
    const { status, body } = await stack.gql('{ shopz { id } }', {}, bearer(tenant.key));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('Cannot query field "shopz" on type "Query".');
  });
});
