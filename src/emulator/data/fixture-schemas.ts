/**
 * The emulator's own schemas of recorded fixture files: TikTok's JSON as the wire types describe
 * it, checked only as far as the emulator needs to replay it. Lenient where TikTok leaves fields
 * out: what the emulator can do without is optional and stays absent (the tax fields of a shop
 * without sales tax, `paid_time`, `refund_amount`, a product's `status`, `sale_price`), unknown enum
 * values pass and unknown fields are kept (`looseObject`), so a recorded answer replays as it was
 * recorded. What the emulator computes with (ids, times, statuses, the core amounts of an order and
 * of a refund) is required, except the discount and refund parts a recording may leave out at zero,
 * which read as `"0"`; a present value must have TikTok's format.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';

/** A 64-bit ID: TikTok writes strings; a recorded bare number keeps its digits (see `json.ts`). */
export const id = z.union([z.string().regex(/^\d{1,20}$/, 'expected a decimal ID'), z.number().int().nonnegative()]).transform((value) => String(value));

/** Money: a decimal STRING (a JSON number has already lost exactness). */
export const money = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');

/** An amount TikTok leaves out when it is zero. */
const zeroIfAbsent = money.default('0');

/** ISO 4217. */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');

/** Unix seconds. */
const unix = z.number().int().nonnegative();

/** Unix seconds, also as TikTok's documented string of digits (LIVE list). */
const unixOrDigits = z.union([unix, z.string().regex(/^\d+$/, 'expected Unix seconds').transform(Number)]);

/** An enumerated value: TikTok adds values, so any non-empty string passes. */
const openEnum = z.string().min(1);

const count = z.number().int().nonnegative();

/** `shops.json`: Get Authorized Shops rows plus the currency and zone of an unknown region. */
export const shopsFile = z.object({
  shops: z
    .array(
      z.looseObject({
        id,
        name: z.string(),
        region: z.string().min(2),
        seller_type: z.enum(['LOCAL', 'CROSS_BORDER']),
        cipher: z.string().min(1),
        code: z.string().default(''),
        currency: currency.optional(),
        timezone: z.string().optional(),
      }),
    )
    .default([]),
});

const payment = z
  .looseObject({
    currency,
    original_total_product_price: money,
    seller_discount: zeroIfAbsent,
    platform_discount: zeroIfAbsent,
    sub_total: money,
    original_shipping_fee: money.optional(),
    shipping_fee: money,
    shipping_fee_seller_discount: zeroIfAbsent,
    shipping_fee_platform_discount: zeroIfAbsent,
    // Sales tax exists for US and cross-border shops only: elsewhere these stay absent.
    tax: money.optional(),
    product_tax: money.optional(),
    shipping_fee_tax: money.optional(),
    total_amount: money,
    // Without a shipping discount the original fee is the fee.
  })
  .transform(({ original_shipping_fee, ...rest }) => ({ ...rest, original_shipping_fee: original_shipping_fee ?? rest.shipping_fee }));

const lineItem = z.looseObject({
  id,
  product_id: id,
  product_name: z.string().default(''),
  sku_id: id,
  sku_name: z.string().default(''),
  seller_sku: z.string().default(''),
  currency,
  original_price: money,
  sale_price: money,
  seller_discount: zeroIfAbsent,
  platform_discount: zeroIfAbsent,
  display_status: openEnum,
  is_gift: z.boolean().default(false),
  package_id: id.optional(),
});

/** `shops/<id>/orders.json`. `paid_time` is absent on unpaid (and unpaid cash-on-delivery) orders. */
export const ordersFile = z.object({
  orders: z
    .array(
      z.looseObject({
        id,
        status: openEnum,
        create_time: unix,
        update_time: unix,
        paid_time: unix.optional(),
        cancel_time: unix.optional(),
        user_id: id,
        is_cod: z.boolean().optional(),
        payment,
        line_items: z.array(lineItem),
      }),
    )
    .default([]),
});

const skuPrice = z.looseObject({ currency, sale_price: money.optional(), tax_exclusive_price: money.optional() });

/** `shops/<id>/products.json`: product DETAIL objects. `status` may be absent (Tokopedia-migrated shops). */
export const productsFile = z.object({
  products: z
    .array(
      z.looseObject({
        id,
        title: z.string(),
        description: z.string().default(''),
        status: openEnum.optional(),
        category_chains: z
          .array(
            z.looseObject({
              id,
              parent_id: id.optional(),
              local_name: z.string().default(''),
              is_leaf: z.boolean().default(false),
            }),
          )
          .default([]),
        main_images: z.array(z.looseObject({ uri: z.string(), urls: z.array(z.string()).default([]) })).default([]),
        skus: z.array(
          z.looseObject({
            id,
            seller_sku: z.string().default(''),
            price: skuPrice,
            inventory: z.array(z.looseObject({ warehouse_id: id, quantity: count })).default([]),
            sales_attributes: z
              .array(
                z.looseObject({
                  id: id.optional(),
                  name: z.string().optional(),
                  value_id: id.optional(),
                  value_name: z.string().default(''),
                }),
              )
              .optional(),
          }),
        ),
        create_time: unix,
        update_time: unix,
      }),
    )
    .default([]),
});

const refundAmount = z.looseObject({
  currency,
  refund_total: money,
  refund_subtotal: zeroIfAbsent,
  refund_shipping_fee: zeroIfAbsent,
  refund_tax: zeroIfAbsent,
});

/** `shops/<id>/returns.json`. A return may lack `refund_amount`, here and per line. */
export const returnsFile = z.object({
  return_orders: z
    .array(
      z.looseObject({
        return_id: id,
        order_id: id,
        return_type: openEnum,
        return_status: openEnum,
        create_time: unix,
        update_time: unix,
        refund_amount: refundAmount.optional(),
        return_line_items: z
          .array(
            z.looseObject({
              return_line_item_id: id,
              order_line_item_id: id,
              sku_id: id,
              refund_amount: refundAmount.optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

/** `shops/<id>/cancellations.json`. */
export const cancellationsFile = z.object({
  cancellations: z
    .array(
      z.looseObject({
        cancel_id: id,
        order_id: id,
        cancel_type: openEnum,
        cancel_status: openEnum,
        create_time: unix,
        update_time: unix,
        refund_amount: refundAmount.optional(),
        cancel_line_items: z
          .array(
            z.looseObject({
              cancel_line_item_id: id,
              order_line_item_id: id,
              sku_id: id,
              refund_amount: refundAmount.optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

/**
 * A video's post time in Unix seconds: ISO 8601, or `"YYYY-MM-DD HH:MM:SS"` as TikTok's own sample
 * writes it; UTC when it names no offset. Undefined when it is neither.
 */
export function postTimeSeconds(text: string): number | undefined {
  const time = DateTime.fromISO(text.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2'), { zone: 'UTC' });
  return time.isValid ? Math.floor(time.toSeconds()) : undefined;
}

const postTime = z.string().refine((v) => postTimeSeconds(v) !== undefined, 'expected an ISO 8601 time');

/**
 * `shops/<id>/videos.json`: video list rows. Only who, what and when are replayed (sales come
 * from the orders); `video_post_time` is ISO 8601 or `"YYYY-MM-DD HH:MM:SS"` (UTC when it names no offset).
 */
export const videosFile = z.object({
  videos: z
    .array(
      z.looseObject({
        id,
        title: z.string().default(''),
        username: z.string().default(''),
        views: count.default(0),
        click_through_rate: money.optional(),
        products: z.array(z.looseObject({ id, name: z.string().default('') })).default([]),
        video_post_time: postTime,
      }),
    )
    .default([]),
});

/** `shops/<id>/lives.json`: LIVE list rows (times as numbers or TikTok's strings of digits). */
export const livesFile = z.object({
  live_stream_sessions: z
    .array(
      z.looseObject({
        id,
        title: z.string().default(''),
        username: z.string().default(''),
        start_time: unixOrDigits,
        end_time: unixOrDigits,
        sales_performance: z.looseObject({ products_added: count.optional() }).optional(),
      }),
    )
    .default([]),
});
