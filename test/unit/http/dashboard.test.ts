import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { dashboardRoutes, type DashboardOptions } from '../../../src/http/dashboard';

// On loopback rather than app.inject(): light-my-request needs the ESM-only `cookie`, which jest cannot load.
async function serve(options: DashboardOptions): Promise<{ app: FastifyInstance; get(path: string): Promise<Response> }> {
  const app = Fastify();
  await app.register(dashboardRoutes, options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, get: (path) => fetch(`http://127.0.0.1:${port}${path}`) };
}

describe('dashboardRoutes', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shopgraph-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>d</title>');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    server = await serve({ dir });
  });

  afterAll(async () => {
    await server.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/dashboard', '/dashboard/'])('serves the page at %s, locked to its own origin', async (url) => {
    const res = await server.get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await res.text()).toContain('<title>d</title>');
  });

  it('serves hashed assets as immutable and other files as revalidated', async () => {
    const js = await server.get('/dashboard/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log(1)');
    const icon = await server.get('/dashboard/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it.each(['/dashboard/missing.js', '/dashboard/../package.json', '/dashboard/%2e%2e/%2e%2e/package.json', '/dashboard/assets'])(
    'answers 404 for %s: only files the build wrote exist',
    async (url) => {
      const res = await server.get(url);
      expect(res.status).toBe(404);
    },
  );

  it('answers 503 with what to run when the dashboard was not built', async () => {
    const bare = await serve({ dir: join(dir, 'nothing-here') });
    const res = await bare.get('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    await bare.app.close();
  });
});
