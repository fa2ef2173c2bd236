import { silentLogger } from '../../../src/telemetry/logger';
import { apiClient, startSecuredStack, type SecuredStack } from '../security/helpers';

describe('/metrics behind authentication', () => {
  const client = apiClient('ops', '*', ['shops:read']);

  describe('with clients configured and no METRICS_TOKEN', () => {
    let stack: SecuredStack;
    beforeAll(async () => {
      stack = await startSecuredStack({ config: () => ({ clients: [client.entry] }), logger: silentLogger });
    });
    afterAll(() => stack.close());

    it('refuses anonymous scrapes and serves an authenticated client', async () => {
      const url = stack.server.url.replace('/graphql', '/metrics');
      expect((await fetch(url)).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${client.key}` } });
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

    it('accepts only that token', async () => {
      const url = stack.server.url.replace('/graphql', '/metrics');
      expect((await fetch(url, { headers: { authorization: `Bearer ${client.key}` } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    });
  });
});
