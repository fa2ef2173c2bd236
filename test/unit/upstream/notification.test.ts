import { MalformedNotificationError, parseNotification } from '../../../src/upstream/notification';

const envelope = (over: Record<string, unknown>) =>
  Buffer.from(
    JSON.stringify({ type: 1, tts_notification_id: '7100000000000000001', shop_id: '7494726673780148744', timestamp: 1664095733, data: {}, ...over }),
  );

describe('parseNotification', () => {
  it("reads the envelope and normalizes the webhook's CANCEL to the API's CANCELLED", () => {
    const n = parseNotification(envelope({ data: { order_id: '576684019603311365', order_status: 'CANCEL', update_time: 1 } }));
    expect(n).toEqual({
      id: '7100000000000000001',
      type: 1,
      shopId: '7494726673780148744',
      timestamp: 1664095733,
      orderId: '576684019603311365',
      orderStatus: 'CANCELLED',
      productId: undefined,
      returnId: undefined,
    });
    expect(parseNotification(envelope({ data: { order_id: '1', order_status: 'IN_TRANSIT' } })).orderStatus).toBe('IN_TRANSIT');
  });

  it('keeps 64-bit ids sent as JSON numbers exact', () => {
    const raw = Buffer.from(
      '{"type":12,"tts_notification_id":7100000000000000123,"shop_id":7494726673780148744,"timestamp":1,"data":{"order_id":576684019603311365,"return_id":4035000000000000001}}',
    );
    expect(parseNotification(raw)).toMatchObject({
      id: '7100000000000000123',
      shopId: '7494726673780148744',
      orderId: '576684019603311365',
      returnId: '4035000000000000001',
    });
  });

  it("dedupes on the body's hash when TikTok sends no notification id", () => {
    const raw = envelope({ tts_notification_id: undefined });
    expect(parseNotification(raw).id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parseNotification(raw).id).toBe(parseNotification(Buffer.from(raw)).id);
    expect(parseNotification(envelope({ tts_notification_id: undefined, timestamp: 2 })).id).not.toBe(parseNotification(raw).id);
  });

  it("refuses what is not TikTok's envelope", () => {
    expect(() => parseNotification(Buffer.from('{'))).toThrow(MalformedNotificationError);
    expect(() => parseNotification(envelope({ type: 'one' }))).toThrow(/type/);
    expect(() => parseNotification(envelope({ shop_id: 'abc' }))).toThrow(/shop_id/);
  });
});
