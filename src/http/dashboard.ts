/**
 * The web dashboard (`web/`, built by `vite build web` into `web/dist/`): `GET /` and
 * `GET /dashboard` serve its page, `GET /dashboard/<file>` the files the build wrote. The page
 * reads everything through the public `/graphql`; nothing here touches data.
 *
 * The build's files are read once, at registration, and served from memory: they are few and
 * small, and only names the build wrote can be served, so no part of a URL ever reaches the file
 * system.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` puts the dashboard (same depth from `src/http` and `dist/http`). */
export const DASHBOARD_DIST = join(__dirname, '..', '..', 'web', 'dist');

/** Options of {@link dashboardRoutes}. */
export interface DashboardOptions {
  /** The Vite build to serve. @default DASHBOARD_DIST */
  dir?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Only ShopGraph's own scripts, styles and API: no inline script, no third party, no framing.
 * @see https://www.w3.org/TR/CSP3/
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface Asset {
  body: Buffer;
  type: string;
  /** Vite puts a content hash in every name under `assets/`: those never change. */
  immutable: boolean;
}

function readBuild(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(join(dir, 'index.html'))) return assets;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path).split(sep).join('/');
    const type = CONTENT_TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(path), type, immutable: name.startsWith('assets/') });
  }
  return assets;
}

function send(reply: FastifyReply, asset: Asset): FastifyReply {
  return reply
    .header('content-type', asset.type)
    .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .send(asset.body);
}

/** Fastify plugin serving the dashboard; answers 503 with what to run when it was not built. */
export async function dashboardRoutes(app: FastifyInstance, options: DashboardOptions = {}): Promise<void> {
  const assets = readBuild(options.dir ?? DASHBOARD_DIST);
  const page = assets.get('index.html');
  const servePage = async (_request: unknown, reply: FastifyReply) => {
    if (!page) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built: run `npm run build` (or `npm ci`), then restart ShopGraph.\n');
    }
    return send(reply, page);
  };
  app.get('/', servePage);
  app.get('/dashboard', servePage);
  app.get('/dashboard/', servePage);
  app.get<{ Params: { '*': string } }>('/dashboard/*', async (request, reply) => {
    const asset = assets.get(request.params['*']);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    return send(reply, asset);
  });
}
