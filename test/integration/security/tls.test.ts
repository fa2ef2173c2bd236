import { request } from 'node:https';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { captureLogs, expectNoSecrets, startSecuredStack, type SecuredStack } from './helpers';

const logs = captureLogs();
let stack: SecuredStack;
let ca: string;

beforeAll(async () => {
  // A throwaway self-signed certificate for localhost / 127.0.0.1, made for this test only.
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', algorithm: 'sha256' });
  const dir = mkdtempSync(join(tmpdir(), 'sg-tls-'));
  writeFileSync(join(dir, 'cert.pem'), pems.cert);
  writeFileSync(join(dir, 'key.pem'), pems.private);
  ca = pems.cert;
  stack = await startSecuredStack({ logger: logs.logger, config: () => ({ tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') } }) });
});

afterAll(async () => {
  await stack?.close();
  expectNoSecrets(logs.text(), [stack.emulator.tokens.appSecret]);
});

function post(url: string, body: string, trust: string | undefined): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, ca: trust }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS', () => {
  it('serves GraphQL over TLS with HSTS', async () => {
    expect(stack.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const res = await post(stack.server.url, JSON.stringify({ query: '{ shops { id } }' }), ca);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ data: { shops: stack.shopIds.map((id) => ({ id })) } });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('is TLS only: a client that does not trust the certificate cannot talk to it, plain HTTP gets no answer', async () => {
    await expect(post(stack.server.url, '{}', undefined)).rejects.toThrow(/self[- ]signed/i);
    await expect(fetch(stack.server.url.replace('https:', 'http:'), { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
