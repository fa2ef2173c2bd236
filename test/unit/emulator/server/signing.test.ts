import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { expectedSign, sameSignature, stringToSign, webhookSignature } from '../../../../src/emulator/signing';

// The same in-repo vectors the client's signer is proved by: TikTok's own worked example first.
const vectors = z
  .array(
    z.object({
      id: z.string(),
      path: z.string(),
      query: z.record(z.string(), z.string()),
      contentType: z.string(),
      body: z.string(),
      appSecret: z.string(),
      expectedSign: z.string().regex(/^[0-9a-f]{64}$/),
      stringToSign: z.string(),
    }),
  )
  .parse(JSON.parse(readFileSync(join(__dirname, '../../../fixtures/signing-vectors.json'), 'utf8')));

describe("the emulator's request signer", () => {
  it("has the vectors, TikTok's published example first", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(7);
    expect(vectors[0]?.id).toBe('doc-get-authorized-shops');
  });

  it.each(vectors.map((v) => [v.id, v] as const))('reproduces vector %s', (_id, v) => {
    const request = { path: v.path, query: v.query, body: v.body, contentType: v.contentType };
    expect(stringToSign(request, v.appSecret)).toBe(v.stringToSign);
    expect(expectedSign(request, v.appSecret)).toBe(v.expectedSign);
  });

  it('sorts keys by code point (upper case first), keeps empty values and drops sign and access_token', () => {
    expect(stringToSign({ path: '/p', query: { b: '1', B: '2', a: '3', k: '', sign: 'x', access_token: 'y' } }, 's')).toBe('s/pB2a3b1ks');
  });

  it('signs the body unless the media type is multipart, whatever its parameters', () => {
    const base = { path: '/p', query: { a: '1' }, body: '{"x":1}' };
    expect(stringToSign({ ...base, contentType: 'application/json; charset=utf-8' }, 's')).toBe('s/pa1{"x":1}s');
    expect(stringToSign({ ...base, contentType: 'Multipart/Form-Data; boundary=--x' }, 's')).toBe('s/pa1s');
    expect(stringToSign({ ...base, body: '' }, 's')).toBe('s/pa1s');
  });

  it('accepts only the exact lowercase signature', () => {
    const sign = vectors[0]!.expectedSign;
    expect(sameSignature(sign, sign)).toBe(true);
    expect(sameSignature(sign, sign.toUpperCase())).toBe(false);
    expect(sameSignature(sign, sign.slice(1))).toBe(false);
  });
});

describe("the emulator's webhook signer", () => {
  // TikTok's published webhook vector (docs/tiktok-api.md, Webhooks).
  it('reproduces the published vector', () => {
    const body =
      '{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}';
    expect(webhookSignature('fake_app_key', 'fake_app_secret', body)).toBe('21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27');
  });
});
