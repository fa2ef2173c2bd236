/**
 * GraphiQL served from ShopGraph's own origin, so exploring the API needs no internet (demo mode
 * runs on a laptop, offline): `GET /graphiql` and, when it is the chosen explorer, the page a
 * browser gets at `GET /graphql`. GraphiQL's prebuilt browser bundle and React's come from the
 * npm packages (graphiql 4 is the last major line shipping one; React 18 the last with UMD
 * builds), read from disk on first use and kept in memory; nothing loads from a CDN.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the explorer's files are served. */
export const GRAPHIQL_PATH = '/graphiql';

/**
 * GraphiQL's own scripts and styles and the API, all on the same origin; its fonts and icons are
 * data: URIs in its stylesheet.
 * @see https://www.w3.org/TR/CSP3/
 */
export const GRAPHIQL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Starts GraphiQL on the page's `#graphiql`, against the `/graphql` of the same origin. */
const START_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: root.getAttribute('data-endpoint') });
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, defaultQuery: root.getAttribute('data-query') }));
})();
`;

const FIRST_QUERY =
  '# TikTok Shop orders, products, ads and ROI metrics. Run with ▶ or Ctrl-Enter.\n{\n  shops {\n    id\n    name\n    region\n    currency\n    timezone\n  }\n}\n';

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The explorer's page; `endpoint` is the GraphQL path it queries. */
export function graphiqlPage(endpoint = '/graphql'): string {
  const asset = (name: string) => `${GRAPHIQL_PATH}/assets/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ShopGraph · GraphiQL</title>
<link rel="stylesheet" href="${asset('graphiql.css')}">
<link rel="stylesheet" href="${asset('page.css')}">
</head>
<body>
<div id="graphiql" data-endpoint="${attribute(endpoint)}" data-query="${attribute(FIRST_QUERY)}">Loading GraphiQL…</div>
<script src="${asset('react.js')}"></script>
<script src="${asset('react-dom.js')}"></script>
<script src="${asset('graphiql.js')}"></script>
<script src="${asset('start.js')}"></script>
</body>
</html>
`;
}

interface Asset {
  type: string;
  read: () => Buffer;
}

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const fromPackage = (name: string, file: string, type: string): Asset => ({ type, read: () => readFileSync(join(packageDir(name), file)) });
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const ASSETS: Record<string, Asset> = {
  'react.js': fromPackage('react', 'umd/react.production.min.js', JS),
  'react-dom.js': fromPackage('react-dom', 'umd/react-dom.production.min.js', JS),
  'graphiql.js': fromPackage('graphiql', 'graphiql.min.js', JS),
  'graphiql.css': fromPackage('graphiql', 'graphiql.min.css', CSS),
  'start.js': { type: JS, read: () => Buffer.from(START_SCRIPT) },
  'page.css': { type: CSS, read: () => Buffer.from('html, body, #graphiql { height: 100%; margin: 0; }\n') },
};

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', GRAPHIQL_CSP).send(body);
}

/** Fastify plugin: `GET /graphiql` and its assets. */
export async function graphiqlRoutes(app: FastifyInstance): Promise<void> {
  const loaded = new Map<string, Buffer>();
  app.get(GRAPHIQL_PATH, async (_request, reply) => html(reply, graphiqlPage()));
  app.get<{ Params: { name: string } }>(`${GRAPHIQL_PATH}/assets/:name`, async (request, reply) => {
    const asset = Object.hasOwn(ASSETS, request.params.name) ? ASSETS[request.params.name] : undefined;
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    let body = loaded.get(request.params.name);
    if (!body) loaded.set(request.params.name, (body = asset.read()));
    // The packages' versions are pinned: a file changes only with an upgrade, i.e. a restart.
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(body);
  });
}

/**
 * Apollo Server landing page: GraphiQL at `GET /graphql` for a browser. Apollo sends it as HTML
 * without a policy; `onSend` below adds GraphiQL's.
 */
export function graphiqlLandingPage<TContext extends object>(app: FastifyInstance, endpoint: string): ApolloServerPlugin<TContext> {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === endpoint && String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', GRAPHIQL_CSP);
    }
    return payload;
  });
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: graphiqlPage(endpoint) };
        },
      };
    },
  };
}

/** What a browser gets at `GET /graphql`: GraphiQL from ShopGraph itself, Apollo Sandbox (from Apollo's CDN), or neither. */
export type Explorer = 'graphiql' | 'sandbox' | 'none';

/**
 * The explorer by default: none in production; in demo mode GraphiQL, which works offline (demo
 * mode needs nothing but ShopGraph); with real TikTok credentials, which need the internet
 * anyway, Apollo Sandbox. The config file's `graphql.explorer` chooses otherwise.
 */
export function explorerFor(config: { env: { NODE_ENV: string }; file: { graphql: { explorer?: Explorer } }; upstream: { kind: string } }): Explorer {
  if (config.file.graphql.explorer) return config.file.graphql.explorer;
  if (config.env.NODE_ENV === 'production') return 'none';
  return config.upstream.kind === 'demo' ? 'graphiql' : 'sandbox';
}
