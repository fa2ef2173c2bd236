/**
 * A TikTok stand-in on loopback that answers exactly what a test scripts, per "METHOD /path"
 * (path parameters as `{id}`), so the graph can be run over shapes real TikTok sends and the
 * emulator does not (yet): local sellers' products, SEA shops, unknown enum values, rows that lack
 * what ShopGraph needs. The token host and the Marketing API's discovery calls have defaults.
 * Signatures are not checked here (the client tests do that).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config/load-config';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { silentLogger } from '../../../src/telemetry/logger';

export interface ScriptedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

/** A TikTok envelope: `data` with code 0, or an error code (HTTP status optional). */
export type ScriptedReply = { data: unknown } | { code: number; message?: string; status?: number };

export type Script = Record<string, (request: ScriptedRequest) => ScriptedReply>;

export interface ScriptedStack {
  gql<T>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }>;
  /** Requests to the script, by "METHOD /template". */
  calls(route: string): ScriptedRequest[];
  server: RunningServer;
  close(): Promise<void>;
}

export const NOW_S = Math.floor(Date.now() / 1000);
export const ADVERTISER_ID = '7000000000000000001';

const tokenData = () => ({
  access_token: 'at',
  access_token_expire_in: NOW_S + 86_400,
  refresh_token: 'rt',
  refresh_token_expire_in: NOW_S + 864_000,
  open_id: 'o',
  seller_name: 'Seller',
  seller_base_region: 'VN',
  user_type: 0,
  granted_scopes: [],
});

/** A shop record of Get Authorized Shops. */
export function shopJson(id: string, region: string, sellerType = 'LOCAL') {
  return { id, name: `Shop ${region}`, region, seller_type: sellerType, cipher: `cipher-${id}`, code: region };
}

function route(method: string, path: string, script: Script): ((request: ScriptedRequest) => ScriptedReply) | undefined {
  for (const [key, handler] of Object.entries(script)) {
    const [m, template] = key.split(' ');
    if (m !== method || !template) continue;
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return handler;
  }
  return undefined;
}

function templateOf(path: string, script: Script): string {
  for (const key of Object.keys(script)) {
    const template = key.split(' ')[1] ?? '';
    if (new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path)) return template;
  }
  return path;
}

/** Starts the scripted TikTok and a gateway pointed at it (Partner and Marketing APIs). */
export async function startScripted(shops: unknown[], script: Script): Promise<ScriptedStack> {
  const full: Script = {
    'GET /api/v2/token/get': () => ({ data: tokenData() }),
    'GET /api/v2/token/refresh': () => ({ data: tokenData() }),
    'GET /authorization/202309/shops': () => ({ data: { shops } }),
    'GET /open_api/v1.3/oauth2/advertiser/get/': () => ({ data: { list: [{ advertiser_id: ADVERTISER_ID, advertiser_name: 'Ads' }] } }),
    'GET /open_api/v1.3/gmv_max/store/list/': () => ({ data: { store_list: (shops as { id: string }[]).map((s) => ({ store_id: s.id })) } }),
    'GET /open_api/v1.3/advertiser/info/': () => ({
      data: { list: [{ advertiser_id: ADVERTISER_ID, name: 'Ads', currency: 'USD', timezone: 'UTC', display_timezone: 'UTC', status: 'STATUS_ENABLE' }] },
    }),
    ...script,
  };
  const seen: ScriptedRequest[] = [];
  const upstream: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: ScriptedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const handler = route(request.method, request.path, full);
      const reply: ScriptedReply = handler ? handler(request) : { code: 40002, message: `not scripted: ${request.method} ${request.path}`, status: 404 };
      const body =
        'data' in reply
          ? { code: 0, message: 'Success', request_id: 'scripted', data: reply.data }
          : { code: reply.code, message: reply.message ?? 'error', request_id: 'scripted-error', data: null };
      res.writeHead('data' in reply ? 200 : (reply.status ?? 200), { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    TTS_APP_KEY: 'app',
    TTS_APP_SECRET: 'secret-of-the-scripted-app',
    TTS_AUTH_CODE: 'code',
    TTS_API_BASE_URL: url,
    TTS_AUTH_BASE_URL: url,
    TT_ADS_BASE_URL: url,
    TT_ADS_ACCESS_TOKEN: 'ads-token',
    TT_ADS_APP_ID: 'ads-app',
    TT_ADS_SECRET: 'ads-secret',
  });
  const server = await startServer(config, silentLogger);
  return {
    server,
    async gql(query, variables) {
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as never;
    },
    calls: (key) => {
      const [method, template] = key.split(' ');
      return seen.filter((r) => r.method === method && templateOf(r.path, full) === template);
    },
    async close() {
      await server.close();
      upstream.closeAllConnections();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    },
  };
}
