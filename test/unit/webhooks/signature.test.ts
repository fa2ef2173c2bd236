import { verifyWebhookSignature } from '../../../src/webhooks/signature';

// TikTok's published webhook vector (docs/tiktok-api.md, Webhooks).
const APP_KEY = 'fake_app_key';
const APP_SECRET = 'fake_app_secret';
const BODY =
  '{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}';
const SIGNATURE = '21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27';

describe('verifyWebhookSignature', () => {
  it('accepts the spec vector over the raw bytes', () => {
    expect(verifyWebhookSignature(APP_KEY, APP_SECRET, Buffer.from(BODY), SIGNATURE)).toBe(true);
  });

  it('refuses a missing, truncated or wrong signature and any change to the bytes', () => {
    const body = Buffer.from(BODY);
    expect(verifyWebhookSignature(APP_KEY, APP_SECRET, body, undefined)).toBe(false);
    expect(verifyWebhookSignature(APP_KEY, APP_SECRET, body, '')).toBe(false);
    expect(verifyWebhookSignature(APP_KEY, APP_SECRET, body, SIGNATURE.slice(0, 63))).toBe(false);
    expect(verifyWebhookSignature(APP_KEY, 'other_secret', body, SIGNATURE)).toBe(false);
    expect(verifyWebhookSignature('other_key', APP_SECRET, body, SIGNATURE)).toBe(false);
    // Same JSON, different bytes: re-serialized bodies must not verify.
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(BODY), null, 1));
    expect(verifyWebhookSignature(APP_KEY, APP_SECRET, reformatted, SIGNATURE)).toBe(false);
    expect(verifyWebhookSignature(APP_KEY, APP_SECRET, Buffer.concat([body, Buffer.from(' ')]), SIGNATURE)).toBe(false);
  });
});
