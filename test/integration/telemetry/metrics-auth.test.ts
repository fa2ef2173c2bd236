import { silentLogger } from '../../../src/telemetry/logger';
import { apiClient, startSecuredStack, type SecuredStack } from '../security/helpers';

describe('/metrics behind authentication', () => {
  const client = apiClient('ops', '*', ['shops:read']);
  const operator = apiClient('operator', '*', ['operator']);

  describe('with clients configured and no METRICS_TOKEN', () => {
    let stack: SecuredStack;
    beforeAll(async () => {
      stack = await startSecuredStack({ config: () => ({ clients: [client.entry, operator.entry] }), logger: silentLogger });
    });
    afterAll(() => stack.close());

    it('refuses anonymous scrapes and tenants, and serves the operator scope', async () => {
      const url = stack.server.url.replace('/graphql', '/metrics');
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${client.key}` } })).status).toBe(403);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${operator.key}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('shopgraph_graphql_operations_total');
    });
  });

  describe('with METRICS_TOKEN', () => {
    let stack: SecuredStack;
    const token = 'scrape-token-0123456789abcdef';
    beforeAll(async () => {
      stack = await startSecuredStack({ config: () => ({ clients: [client.entry] }), env: { METRICS_TOKEN: token }, logger: silentLogger });
    });
    afterAll(() => stack.close());

    it("accepts that token, and refuses a tenant's key", async () => {
      const url = stack.server.url.replace('/graphql', '/metrics');
      expect((await fetch(url, { headers: { authorization: `Bearer ${client.key}` } })).status).toBe(403);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    });
  });
});
