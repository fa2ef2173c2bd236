/**
 * Checks of what the ledger reads back from its store (the embedded database or Redis), before
 * anything trusts it (see {@link LedgerCorruptError}).
 *
 * The state and the unreadable rows are read once per answer and small: zod. Order rows
 * (ledger-rows.ts) and day aggregates are the hot path — a backfill decodes thousands a second
 * and a cold window reads hundreds — so they get hand checks of the shape the code relies on,
 * cheaper than a zod parse.
 */
import { z } from 'zod';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const cursors = z.object({ orders: z.number(), returns: z.number(), cancellations: z.number() });

/** A {@link import('./ledger-store').LedgerState} as stored. */
export const storedState = z.object({
  generation: z.string().min(1),
  timezone: z.string().min(1),
  currency: z.string().min(1),
  lookbackDays: z.number().int().nonnegative(),
  coverage: z.object({ from: date, to: date.nullable() }).nullable(),
  materializedTo: date.nullable(),
  cursors: cursors.nullable(),
  syncedAt: z.number(),
  revision: z.string().optional(),
});

/** An {@link import('./unreadable').UnreadableState} as stored. */
export const storedUnreadable = z.object({
  rows: z.array(
    z.object({
      feed: z.enum(['orders', 'returns', 'cancellations']),
      id: z.string().nullable(),
      orderId: z.string().nullable(),
      createTime: z.number().nullable(),
      detail: z.string(),
    }),
  ),
  overflow: z.boolean(),
});

/** What is wrong with a value checked by a zod schema, or null. */
export function schemaProblem(schema: z.ZodType): (value: unknown) => string | null {
  return (value) => {
    const result = schema.safeParse(value);
    if (result.success) return null;
    const issue = result.error.issues[0]!;
    return `${issue.path.join('.') || 'value'}: ${issue.message}`;
  };
}

/** A day aggregate: the fields every window reads. */
export function aggregateProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  if (typeof value.date !== 'string') return 'date: not a string';
  if (typeof value.gmv !== 'string') return 'gmv: not a decimal string';
  if (typeof value.orders !== 'number') return 'orders: not a number';
  if (!isObject(value.products)) return 'products: not an object';
  return null;
}

/** Refund lists by order id. */
export function refundListsProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  for (const [id, list] of Object.entries(value)) {
    if (!Array.isArray(list) || !list.every(isObject)) return `${id}: not a list of refunds`;
  }
  return null;
}
