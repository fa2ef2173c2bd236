import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { captureLogs, expectNoSecrets, startSecuredStack, type SecuredStack } from './helpers';

/** Hostile input: each answered with a clear 4xx, and the gateway keeps serving. */
const logs = captureLogs();
let stack: SecuredStack;

beforeAll(async () => {
  stack = await startSecuredStack({ logger: logs.logger });
});

afterAll(async () => {
  await stack?.close();
  expectNoSecrets(logs.text(), [stack.emulator.tokens.appSecret, stack.emulator.tokens.adsToken]);
});

/** A raw POST /graphql: the body as bytes, any headers. */
async function post(body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(stack.server.url, { method: 'POST', headers, body });
  const text = await res.text();
  let json: { errors?: { message: string; extensions?: Record<string, unknown> }[] } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // asserted by the caller through `text`
  }
  return { status: res.status, text, json, headers: res.headers };
}

const query = (q: string, variables?: unknown) => JSON.stringify({ query: q, variables });

async function stillServes(): Promise<void> {
  const res = await post(query('{ shops { id } }'));
  expect(res.status).toBe(200);
  expect(res.json.errors).toBeUndefined();
}

/** `order { shop { order(id) { shop { ... } } } }`, `levels` fields deep. */
function deep(levels: number): string {
  let inner = 'id';
  for (let i = 1; i < levels - 1; i++) inner = i % 2 ? `shop { ${inner} }` : `order(id: "1") { ${inner} }`;
  return `{ order(shopId: "1", id: "1") { ${inner} } }`;
}

describe('hostile input', () => {
  it.each([
    ['malformed JSON', () => post('{"query": "{ shops { id } }"'), 400, /not valid JSON/],
    ['a 5 MB body', () => post(query(`{ shops { id } } # ${'x'.repeat(5 * 1024 * 1024)}`)), 413, /larger than the limit of 1048576 bytes \(bodyLimit\)/],
    ['a 200-deep query', () => post(query(deep(200))), 400, /Query depth 200 exceeds the limit of 12 \(maxDepth\)/],
    [
      '1000 aliases',
      () => post(query(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`)),
      400,
      /Alias count 1000 exceeds the limit of 15 \(maxAliases\)/,
    ],
    ['more than 5000 tokens', () => post(query(`{ ${'__typename '.repeat(5001)} }`)), 400, /5000 tokens/],
    [
      '51 directives',
      () => post(query(`{ shops @include(if: true) { ${'id @include(if: true) '.repeat(50)} } }`)),
      400,
      /Directive count 51 exceeds the limit of 50 \(maxDirectives\)/,
    ],
    [
      'a fragment cycle',
      () => post(query('{ shops { ...A } } fragment A on Shop { ...B } fragment B on Shop { ...A }')),
      400,
      /Cannot spread fragment "A" within itself/,
    ],
    [
      'invalid variables',
      () => post(query('query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { gmv { value } } } }', { s: { x: 1 }, r: { from: 'yesterday' } })),
      400,
      /Variable "\$s"/,
    ],
    [
      'invalid UTF-8',
      () => post(Buffer.concat([Buffer.from('{"query":"{ shops { id } }","x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])),
      400,
      /not valid UTF-8/,
    ],
    ['a batch of operations', () => post(JSON.stringify([{ query: '{ shops { id } }' }, { query: '{ shops { id } }' }])), 400, /batch/i],
    [
      'a GET without a CSRF preflight header',
      async () => {
        const res = await fetch(`${stack.server.url}?query=${encodeURIComponent('{ shops { id } }')}`);
        const text = await res.text();
        return { status: res.status, text, json: JSON.parse(text) as { errors?: { message: string }[] } };
      },
      400,
      /CSRF/,
    ],
    ['an unknown content type', () => post('{ shops { id } }', { 'content-type': 'text/x-weird' }), 415, /Unsupported Media Type/i],
    ['proto poisoning', () => post('{"query":"{ shops { id } }","__proto__":{"polluted":true}}'), 400, /not valid JSON/],
  ])('refuses %s with a clear 4xx', async (_name, send, status, message) => {
    const res = await send();
    expect(res.status).toBe(status);
    const messages = res.json?.errors?.map((e) => e.message).join('\n');
    expect(messages || res.text).toMatch(message);
    await stillServes();
  });

  it('refuses oversized headers with 431 and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(stack.server.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-big': randomBytes(40_000).toString('hex') },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(query('{ shops { id } }'));
    });
    expect(status).toBe(431);
    await stillServes();
  });

  it('sends the security headers on every answer', async () => {
    const res = await post(query('{ shops { id } }'));
    expect(
      Object.fromEntries(['x-content-type-options', 'x-frame-options', 'referrer-policy', 'content-security-policy'].map((h) => [h, res.headers.get(h)])),
    ).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
    // HSTS only over HTTPS (the TLS test checks it there).
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('introspection', () => {
  it('is off in production unless enabled', async () => {
    const key = randomBytes(32).toString('base64');
    // Production starts reading new shops' history at start-up; this test is about introspection only.
    const quiet = { storage: { backfillOnStart: false } };
    const production = await startSecuredStack({ logger: logs.logger, env: { NODE_ENV: 'production', SHOPGRAPH_ENCRYPTION_KEY: key }, config: () => quiet });
    const enabled = await startSecuredStack({
      logger: logs.logger,
      env: { NODE_ENV: 'production', SHOPGRAPH_ENCRYPTION_KEY: key },
      config: () => ({ ...quiet, graphql: { introspection: true } }),
    });
    try {
      const off = await production.gql('{ __schema { queryType { name } } }');
      expect(off.status).toBe(400);
      expect(off.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
      expect((await enabled.gql('{ __schema { queryType { name } } }')).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await production.close();
      await enabled.close();
    }
  });
});
