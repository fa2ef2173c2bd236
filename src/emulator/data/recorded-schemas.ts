/**
 * Schemas of the recorded Partner answers a fixture may add to the records every shop has (see
 * `fixture-schemas.ts` for the conventions): Search Products rows, Inventory Search rows,
 * statements, payments and transactions by order. These are replayed AS RECORDED: what is checked
 * is only what the emulator filters, sorts or adds up, and nothing TikTok leaves out is filled in.
 */
import { z } from 'zod';
import { currency, id, money } from './fixture-schemas';

const unix = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

/** An open map of signed amounts; a deprecated kind may answer `""` (Get Transactions by Order). */
const amountMap = z.record(z.string(), z.union([money, z.literal('')]));
/** Shipping cost parts, with the nested `supplementary_component` map. */
const shippingMap = z.record(z.string(), z.union([money, z.literal(''), amountMap]));

/** Search Products `data`: rows as recorded (202502 or 202309). */
export const productRowsFile = z.object({
  products: z
    .array(
      z.looseObject({
        id,
        create_time: unix,
        update_time: unix,
        status: z.string().min(1).optional(),
        skus: z.array(z.looseObject({ id: id.optional(), seller_sku: z.string().optional() })).optional(),
      }),
    )
    .default([]),
});

/** Inventory Search `data`. */
export const inventoryFile = z.object({
  inventory: z
    .array(
      z.looseObject({
        product_id: id,
        skus: z
          .array(
            z.looseObject({
              id,
              seller_sku: z.string().default(''),
              total_available_quantity: count,
              total_committed_quantity: count,
              warehouse_inventory: z.array(z.looseObject({ warehouse_id: id, available_quantity: count, committed_quantity: count })).default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

/**
 * Get Statements `data`. The common core is required; `revenue_amount`, `net_sales_amount` and
 * `shipping_cost_amount` exist or not by market and seller type and stay as recorded.
 */
export const statementsFile = z.object({
  statements: z
    .array(
      z.looseObject({
        id,
        statement_time: unix,
        currency,
        settlement_amount: money,
        fee_amount: money,
        adjustment_amount: money,
        revenue_amount: money.optional(),
        net_sales_amount: money.optional(),
        shipping_cost_amount: money.optional(),
        payment_status: z.string().min(1),
        payment_id: id.optional(),
      }),
    )
    .default([]),
});

const financeAmount = z.looseObject({ value: money, currency });

/** Get Payments `data`; `paid_time` is absent until paid. */
export const paymentsFile = z.object({
  payments: z
    .array(
      z.looseObject({
        id,
        create_time: unix,
        status: z.string().min(1),
        amount: financeAmount,
        settlement_amount: financeAmount.optional(),
        reserve_amount: financeAmount.optional(),
        payment_amount_before_exchange: financeAmount.optional(),
        exchange_rate: z.string().optional(),
        paid_time: unix.optional(),
      }),
    )
    .default([]),
});

/**
 * Get Transactions by Order `data` (202501). The breakdown maps a statement's transactions add up
 * are given as empty maps when a recording leaves one out (they hold no amount then).
 */
export const orderTransactionsFile = z.looseObject({
  order_id: id,
  order_create_time: unix.optional(),
  currency,
  revenue_amount: money,
  fee_and_tax_amount: money,
  shipping_cost_amount: money,
  settlement_amount: money,
  sku_transactions: z.array(
    z.looseObject({
      sku_id: id,
      sku_name: z.string().default(''),
      product_name: z.string().default(''),
      statement_id: id.optional(),
      settlement_amount: money,
      revenue_amount: money,
      revenue_breakdown: amountMap.default({}),
      fee_tax_breakdown: z.looseObject({ fee: amountMap.default({}), tax: amountMap.default({}) }).default({ fee: {}, tax: {} }),
      shipping_cost_breakdown: shippingMap.default({}),
    }),
  ),
  total_count: count.optional(),
});
