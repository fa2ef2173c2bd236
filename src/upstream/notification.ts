import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseUpstreamJson } from './json';

/**
 * TikTok's webhook envelope. IDs may arrive as numbers: the body is parsed losslessly and every id
 * kept as a decimal string.
 * @see docs/tiktok-api.md (Webhooks)
 */
const id = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

const envelope = z.object({
  type: z.number().int(),
  tts_notification_id: id.optional(),
  shop_id: id,
  timestamp: z.number().int(),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** Webhook `type` values ShopGraph acts on. */
export const NotificationType = {
  ORDER_STATUS_CHANGE: 1,
  PRODUCT_STATUS_CHANGE: 5,
  SELLER_DEAUTHORIZATION: 6,
  UPCOMING_AUTHORIZATION_EXPIRATION: 7,
  CANCELLATION_STATUS_CHANGE: 11,
  RETURN_STATUS_CHANGE: 12,
  PRODUCT_INFORMATION_CHANGE: 15,
  INVENTORY_STATUS_CHANGE: 27,
} as const;

/** A verified notification, normalized. */
export interface Notification {
  /**
   * The dedupe key: `tts_notification_id` (a retry carries the same one), or the body's SHA-256
   * when TikTok sent none (the spec's signature example has none; a retry resends the same bytes).
   */
  id: string;
  type: number;
  shopId: string;
  timestamp: number;
  orderId?: string;
  productId?: string;
  returnId?: string;
  /** The order status as the Order API names it (webhooks say `CANCEL` for `CANCELLED`). */
  orderStatus?: string;
}

/** A body that is not TikTok's envelope. */
export class MalformedNotificationError extends Error {
  override readonly name = 'MalformedNotificationError';
}

/** Parses and normalizes a webhook body (already verified). */
export function parseNotification(raw: Buffer): Notification {
  let json: unknown;
  try {
    json = parseUpstreamJson(raw.toString('utf8'));
  } catch {
    throw new MalformedNotificationError('body is not JSON');
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success) throw new MalformedNotificationError(`not a TikTok notification: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const { data } = parsed.data;
  const text = (key: string) => {
    const value = data[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const status = text('order_status');
  return {
    id: parsed.data.tts_notification_id ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    type: parsed.data.type,
    shopId: parsed.data.shop_id,
    timestamp: parsed.data.timestamp,
    orderId: text('order_id'),
    productId: text('product_id'),
    returnId: text('return_id'),
    orderStatus: status === 'CANCEL' ? 'CANCELLED' : status,
  };
}
