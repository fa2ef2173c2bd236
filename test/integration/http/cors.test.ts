import { loadConfig } from '../../../src/config/load-config';
import { startStack, type Stack } from '../../helpers/stack';
import { writeConfigFile } from '../security/helpers';

const APP = 'http://localhost:5173';
const ADMIN = 'https://admin.example.com';
const OTHER = 'http://127.0.0.1:5174';
const QUERY = JSON.stringify({ query: '{ shops { id } }' });

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { SHOPGRAPH_CONFIG: writeConfigFile({ cors: { origins: [ADMIN, APP] } }) } });
});

afterAll(async () => {
  await stack?.close();
});

function preflight(origin: string, requestHeaders = 'content-type'): Promise<Response> {
  return fetch(stack.server.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
  });
}

describe('CORS preflight', () => {
  it.each([APP, ADMIN])('answers an allowed origin (%s) 204 with what it may send and read', async (origin) => {
    const res = await preflight(origin, 'content-type,authorization,traceparent');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'traceparent', 'apollo-require-preflight']),
    );
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('refuses any other origin 403, without a single Access-Control header', async () => {
    const res = await preflight(OTHER);
    expect(res.status).toBe(403);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('matches origins exactly: another port, scheme or a suffix is another origin', async () => {
    for (const origin of ['http://localhost:5174', 'https://localhost:5173', 'https://admin.example.com.evil.test', 'null']) {
      const res = await preflight(origin);
      expect({ origin, status: res.status, allow: res.headers.get('access-control-allow-origin') }).toEqual({ origin, status: 403, allow: null });
    }
  });
});

describe('CORS on requests', () => {
  it('lets an allowed origin read the answer and ShopGraph’s headers', async () => {
    const res = await fetch(stack.server.url, { method: 'POST', headers: { origin: APP, 'content-type': 'application/json' }, body: QUERY });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-expose-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['x-request-id', 'x-shopgraph-cost', 'x-shopgraph-stale']),
    );
  });

  it('gives another origin no Access-Control header (the browser keeps the answer from the page)', async () => {
    const res = await fetch(stack.server.url, { method: 'POST', headers: { origin: OTHER, 'content-type': 'application/json' }, body: QUERY });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on: a simple cross-origin POST (no preflight) is refused even from an allowed origin', async () => {
    const res = await fetch(stack.server.url, { method: 'POST', headers: { origin: APP, 'content-type': 'text/plain' }, body: QUERY });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('leaves same-origin and server callers (no Origin) as they were', async () => {
    const res = await fetch(stack.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS settings', () => {
  it('refuse a wildcard, a path or anything but an exact origin, naming the setting', () => {
    for (const origin of ['*', 'https://app.example.com/', 'https://app.example.com/path', '*.example.com', 'null', 'ftp://example.com']) {
      expect(() => loadConfig({ SHOPGRAPH_CONFIG: writeConfigFile({ cors: { origins: [origin] } }) })).toThrow(/cors\.origins\.0: an exact origin/);
    }
  });

  it('send Access-Control-Allow-Credentials only when asked, always beside the exact origin', async () => {
    const withCredentials = await startStack({ env: { SHOPGRAPH_CONFIG: writeConfigFile({ cors: { origins: [APP], credentials: true } }) } });
    try {
      const res = await fetch(withCredentials.server.url, {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    } finally {
      await withCredentials.close();
    }
  });
});
