/**
 * Reading what TikTok really sends. TikTok's API reference marks every response field optional
 * and its enums grow, so the clients' schemas are strict only about what the graph cannot do
 * without; everything else they notice rather than refuse:
 *
 * - an enum value ShopGraph does not know is kept as sent ({@link openEnum}) and noticed;
 * - a list row missing what the graph needs is set aside as a {@link RejectedRow} ({@link rowsOf})
 *   and noticed, while the other rows of its page are returned.
 *
 * Parsing is synchronous, so what a parse noticed is collected by running it inside
 * {@link noticing}; the transports do that around every answer and hand the result to telemetry
 * (`shopgraph_upstream_unknown_values_total`, `shopgraph_upstream_rejected_rows_total`).
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import type { UnknownValue } from '../upstream/upstream-observer';

/** A known value, or any other value TikTok sent (kept as sent). */
export type Open<Known extends string> = Known | (string & Record<never, never>);

// Declared beside the upstream observer, which reports them to telemetry below the datasources.
export type { UnknownValue } from '../upstream/upstream-observer';

/**
 * A list row TikTok sent that lacks what the graph needs. It is returned beside the page's good
 * rows as `rejected` (the page's other rows still answer), logged once at warn and counted.
 */
export interface RejectedRow {
  /** Position of the row in the list TikTok sent (0-based). */
  index: number;
  /** The row's own id (`id`, `return_id`, `cancel_id`, ...) when it was readable. */
  id: string | null;
  /** The order the row belongs to, when readable (orders: their own id). */
  orderId: string | null;
  /** The row's `create_time` (unix s) when readable: it bounds the days a row can matter to. */
  createTime: number | null;
  /** JSON path of the first field that failed, from `data`, e.g. `orders[3].payment.currency`. */
  path: string;
  /** What was wrong there (no values: they may be personal data). */
  message: string;
}

/** What one parse noticed. */
export interface Oddities {
  unknownValues: UnknownValue[];
  rejected: RejectedRow[];
}

let current: Oddities | undefined;

/** Runs a (synchronous) parse and returns what it noticed beside its result. */
export function noticing<T>(parse: () => T): { result: T; oddities: Oddities } {
  const outer = current;
  const oddities: Oddities = { unknownValues: [], rejected: [] };
  current = oddities;
  try {
    return { result: parse(), oddities };
  } finally {
    current = outer;
  }
}

/**
 * A string enum that keeps values it does not know: the output is `Known | string`, and an
 * unknown value is noticed under `field`. An empty string is no value: use `.optional()` with it
 * (see {@link blankAsAbsent}) where the field may be missing.
 */
export function openEnum<const K extends readonly [string, ...string[]]>(field: string, known: K) {
  const values = new Set<string>(known);
  return z
    .string()
    .min(1)
    .transform((value): Open<K[number]> => {
      if (!values.has(value)) current?.unknownValues.push({ field, value });
      return value;
    });
}

/** Whether an open-enum value is one of the known ones. */
export function isKnown<const K extends readonly string[]>(known: K, value: string | undefined): value is K[number] {
  return value !== undefined && known.includes(value);
}

/** Treats `""` and `null` as a missing value before `schema` sees it (TikTok sends both for "none"). */
export function blankAsAbsent<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
}

/** Which fields name a row in a {@link RejectedRow}. */
export interface RowKeys {
  id: string;
  /** The field naming the row's order; `undefined`: the row is an order (its `id`); `null`: none. */
  orderId?: string | null;
}

/** Parsed rows of a list: the good ones, and those set aside (paths relative to the list). */
export interface ParsedRows<T> {
  rows: T[];
  rejected: RejectedRow[];
}

function readId(row: unknown, key: string | undefined): string | null {
  if (key === undefined || typeof row !== 'object' || row === null) return null;
  const value = (row as Record<string, unknown>)[key];
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
}

function readTime(row: unknown): number | null {
  if (typeof row !== 'object' || row === null) return null;
  const value = (row as Record<string, unknown>).create_time;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function pathOf(keys: readonly PropertyKey[]): string {
  return keys.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

/**
 * A list read row by row: a row that fails `row` is set aside as a {@link RejectedRow} instead of
 * failing the whole list. A missing or `null` list is empty. Lift the result into the page's
 * `data` with {@link liftRejected}.
 */
export function rowsOf<S extends z.ZodType>(row: S, keys: RowKeys) {
  return z
    .array(z.unknown())
    .nullish()
    .transform((items): ParsedRows<z.output<S>> => {
      const parsed: ParsedRows<z.output<S>> = { rows: [], rejected: [] };
      (items ?? []).forEach((item, index) => {
        const result = row.safeParse(item);
        if (result.success) {
          parsed.rows.push(result.data);
          return;
        }
        const issue = result.error.issues[0];
        parsed.rejected.push({
          index,
          id: readId(item, keys.id),
          orderId: readId(item, keys.orderId === undefined ? keys.id : (keys.orderId ?? undefined)),
          createTime: readTime(item),
          path: `[${index}]${pathOf(issue?.path ?? [])}`,
          message: issue?.message ?? 'invalid',
        });
      });
      return parsed;
    });
}

/** The rejected rows of the list under `key` of `data`, with paths from `data`, noticed. */
export function liftRejected(key: string, rejected: readonly RejectedRow[]): RejectedRow[] {
  const lifted = rejected.map((r) => ({ ...r, path: `${key}${r.path}` }));
  current?.rejected.push(...lifted);
  return lifted;
}
