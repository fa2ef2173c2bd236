import Fastify from 'fastify';
import { loadConfig } from '../../../src/config/load-config';
import { explorerFor, GRAPHIQL_CSP, graphiqlRoutes } from '../../../src/http/graphiql';
import { configFile } from '../../helpers/config-file';

describe('explorerFor', () => {
  const demo = { TTS_APP_KEY: undefined };
  const tiktok = { TTS_APP_KEY: 'k', TTS_APP_SECRET: 's', TTS_REFRESH_TOKEN: 'r' };
  it('is GraphiQL in demo mode (offline), Sandbox with TikTok credentials, none in production', () => {
    expect(explorerFor(loadConfig({ NODE_ENV: 'development', ...demo }))).toBe('graphiql');
    expect(explorerFor(loadConfig({ NODE_ENV: 'development', ...tiktok }))).toBe('sandbox');
    expect(explorerFor(loadConfig({ NODE_ENV: 'production', SHOPGRAPH_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), ...tiktok }))).toBe('none');
  });
  it('is what graphql.explorer says when set', () => {
    const explorer = (name: string) => configFile({ graphql: { explorer: name } });
    expect(explorerFor(loadConfig({ NODE_ENV: 'development', SHOPGRAPH_CONFIG: explorer('sandbox') }))).toBe('sandbox');
    expect(explorerFor(loadConfig({ NODE_ENV: 'development', ...tiktok, SHOPGRAPH_CONFIG: explorer('graphiql') }))).toBe('graphiql');
    expect(() => loadConfig({ SHOPGRAPH_CONFIG: explorer('playground') })).toThrow(/graphql\.explorer/);
  });
});

describe('graphiqlRoutes', () => {
  const app = Fastify();
  let base: string;
  // Over loopback: fastify's inject needs an ES module jest cannot load.
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  };
  beforeAll(async () => {
    await app.register(graphiqlRoutes);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('serves the page under its policy, with only ShopGraph’s own scripts', async () => {
    const page = await get('/graphiql');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(GRAPHIQL_CSP);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      '/graphiql/assets/graphiql.css',
      '/graphiql/assets/page.css',
      '/graphiql/assets/react.js',
      '/graphiql/assets/react-dom.js',
      '/graphiql/assets/graphiql.js',
      '/graphiql/assets/start.js',
    ]);
    expect(page.body).not.toMatch(/<script>/);
    for (const source of sources) {
      const asset = await get(source!);
      expect({ source, status: asset.statusCode }).toEqual({ source, status: 200 });
      expect(asset.body.length).toBeGreaterThan(10);
    }
  });

  it('serves nothing but its own files', async () => {
    for (const path of [
      '/graphiql/assets/..%2Fpackage.json',
      '/graphiql/assets/constructor',
      '/graphiql/assets/graphiql.min.js',
      '/graphiql/assets/__proto__',
    ]) {
      expect({ path, status: (await get(path)).statusCode }).toEqual({ path, status: 404 });
    }
  });
});
