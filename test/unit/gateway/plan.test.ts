import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { GatewayConfigError, gatewayPlan } from '../../../src/gateway/plan';

const SECRET = 'identity-secret-of-at-least-32-characters';
const FULFILMENT = { name: 'fulfilment', url: 'http://fulfilment.internal/graphql' };

function writeConfigFile(config: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sg-plan-')), 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

function plan(supergraph: unknown, env: Record<string, string> = {}, purpose: 'gateway' | 'compose' = 'gateway') {
  return gatewayPlan(
    loadConfig({ NODE_ENV: 'development', SHOPGRAPH_CONFIG: writeConfigFile(supergraph === undefined ? {} : { supergraph }), ...env }),
    purpose,
  );
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('gatewayPlan', () => {
  it('includes ShopGraph in-process by default, with defaults for each subgraph', () => {
    expect(plan({ subgraphs: [FULFILMENT], file: 'supergraph.graphql' })).toEqual({
      shopGraph: 'in-process',
      remotes: [{ ...FULFILMENT, forwardHeaders: [], timeoutMs: 10_000, shopGraph: false }],
      supergraph: { kind: 'file', path: 'supergraph.graphql' },
      identitySecret: undefined,
      // Where `shopgraph serve` would listen with these settings: what compose writes for other routers.
      shopGraphUrl: 'http://127.0.0.1:4000/graphql',
    });
  });

  it('names where other routers reach ShopGraph: shopGraphUrl, HOST and PORT, or the shopgraph subgraph’s URL', () => {
    expect(plan({ subgraphs: [FULFILMENT], shopGraphUrl: 'https://shopgraph.internal/graphql' }).shopGraphUrl).toBe('https://shopgraph.internal/graphql');
    expect(plan({ subgraphs: [FULFILMENT] }, { HOST: '::1', PORT: '4500' }).shopGraphUrl).toBe('http://[::1]:4500/graphql');
    const subgraphs = [{ name: 'shopgraph', url: 'http://shopgraph.internal/graphql' }];
    expect(plan({ subgraphs }, { SHOPGRAPH_IDENTITY_SECRET: SECRET }).shopGraphUrl).toBe('http://shopgraph.internal/graphql');
    expect(failure(() => plan({ subgraphs, shopGraphUrl: 'http://elsewhere/graphql' }, { SHOPGRAPH_IDENTITY_SECRET: SECRET }))).toMatch(
      /shopGraphUrl: a subgraph named "shopgraph" already gives/,
    );
  });

  it('reaches ShopGraph by URL when a subgraph is named shopgraph, which needs the identity secret', () => {
    const subgraphs = [{ name: 'shopgraph', url: 'http://shopgraph.internal/graphql' }, FULFILMENT];
    expect(failure(() => plan({ subgraphs }))).toMatch(/^SHOPGRAPH_IDENTITY_SECRET: required when ShopGraph is a subgraph by URL/);
    const byUrl = plan({ subgraphs }, { SHOPGRAPH_IDENTITY_SECRET: SECRET });
    expect(byUrl.shopGraph).toBe('remote');
    expect(byUrl.remotes.map((r) => [r.name, r.shopGraph])).toEqual([
      ['shopgraph', true],
      ['fulfilment', false],
    ]);
  });

  it('composes live only outside production', () => {
    expect(plan({ subgraphs: [FULFILMENT] }).supergraph).toEqual({ kind: 'live' });
    const production = { NODE_ENV: 'production', SHOPGRAPH_ENCRYPTION_KEY: 'a'.repeat(64) };
    expect(failure(() => plan({ subgraphs: [FULFILMENT] }, production))).toMatch(/^supergraph\.file: required in production/);
    expect(plan({ subgraphs: [FULFILMENT] }, production, 'compose').supergraph).toEqual({ kind: 'live' });
  });

  it('names what is wrong', () => {
    expect(() => plan(undefined)).toThrow(GatewayConfigError);
    expect(failure(() => plan({ includeShopGraph: false }))).toBe('supergraph.subgraphs: no subgraph to serve');
    expect(failure(() => plan({ subgraphs: [FULFILMENT, FULFILMENT] }))).toMatch(/subgraph names must be unique/);
    expect(failure(() => plan({ includeShopGraph: false, subgraphs: [{ ...FULFILMENT, name: 'shopgraph' }] }))).toMatch(
      /includeShopGraph is false but a subgraph is named "shopgraph"/,
    );
    expect(failure(() => plan({ subgraphs: [{ ...FULFILMENT, forwardHeaders: ['x-shopgraph-identity'] }] }))).toMatch(/the gateway sets this header itself/);
    expect(failure(() => plan({ subgraphs: [{ ...FULFILMENT, forwardHeaders: ['Authorization'] }] }))).toMatch(/a lowercase header name/);
    expect(failure(() => plan({ subgraphs: [{ ...FULFILMENT, timeout: 5 }] }))).toMatch(/Unrecognized key/);
  });
});
