/**
 * Request validation in TikTok's terms. Partner API searches take paging in the query and filters
 * in a strictly typed JSON body (a string where an integer belongs is refused with 36009004);
 * Marketing API GET params that are arrays or objects arrive JSON-encoded (bad JSON → 40002).
 * @see docs/tiktok-api.md (Hosts and request shape)
 * @see docs/tiktok-api.md (Shape of every call)
 */
import { EmulatorRejection, PartnerCode, invalidMarketingParam, invalidParam } from './codes';

/** Decoded query parameters (first value of each key). */
export type Query = Record<string, string>;
/** A parsed JSON object body. */
export type JsonObject = Record<string, unknown>;

/** Parses a Partner API JSON body; no body means no filters. */
export function partnerBody(raw: string | undefined): JsonObject {
  if (raw === undefined || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidParam('Invalid request body: not valid JSON');
  }
  if (!isObject(parsed)) throw invalidParam('Invalid request body: expected a JSON object');
  return parsed;
}

/** An optional integer body field (Unix seconds filters): a string or fraction is refused. */
export function bodyInt(body: JsonObject, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidParam(`Invalid param: ${name} must be an integer`);
  }
  return value;
}

/** An optional string body field, optionally from a closed set. */
export function bodyString(body: JsonObject, name: string, allowed?: readonly string[]): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || (allowed && !allowed.includes(value))) {
    throw invalidParam(`Invalid param: ${name}${allowed ? ` must be one of ${allowed.join(', ')}` : ' must be a string'}`);
  }
  return value;
}

/** An optional array-of-strings body field with TikTok's maximum length. */
export function bodyStrings(body: JsonObject, name: string, max: number): string[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw invalidParam(`Invalid param: ${name} must be an array of strings`);
  }
  if (value.length > max) throw invalidParam(`Invalid param: ${name} allows at most ${max} values`);
  return value;
}

/** The REQUIRED `page_size` query param within the endpoint's documented range. */
export function pageSize(query: Query, min: number, max: number): number {
  const raw = query.page_size;
  if (raw === undefined || raw === '') throw invalidParam('Invalid param: page_size is required');
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) throw invalidParam(`Invalid param: page_size must be between ${min} and ${max}`);
  return value;
}

/** An optional `page_token` query param (the store rejects tokens it never issued). */
export function pageToken(query: Query): string | undefined {
  return query.page_token === undefined || query.page_token === '' ? undefined : query.page_token;
}

/** A query param from a closed set, with TikTok's default when absent. */
export function queryEnum<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T): T {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw invalidParam(`Invalid param: ${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** An optional integer query param (Unix seconds). */
export function queryInt(query: Query, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,12}$/.test(raw)) throw invalidParam(`Invalid param: ${name} must be an integer`);
  return Number(raw);
}

/** Analytics `YYYY-MM-DD` query dates (shop time zone); bad or reversed dates answer 28001022. */
export function analyticsRange(query: Query): { start_date_ge: string; end_date_lt: string } {
  const start = query.start_date_ge;
  const end = query.end_date_lt;
  if (!isCalendarDate(start) || !isCalendarDate(end) || start >= end) {
    throw new EmulatorRejection(PartnerCode.BAD_ANALYTICS_DATE, 'Invalid date: start_date_ge and end_date_lt must be YYYY-MM-DD with start before end', 400);
  }
  return { start_date_ge: start, end_date_lt: end };
}

/** A Marketing API JSON-encoded param (`advertiser_ids=["1"]`); bad JSON answers 40002. */
export function jsonParam(query: Query, name: string): unknown {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalidMarketingParam(`${name}: invalid JSON`);
  }
}

/** A Marketing JSON-encoded array of strings (ids, metrics, dimensions). */
export function jsonStrings(query: Query, name: string, max: number): string[] | undefined {
  const value = jsonParam(query, name);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw invalidMarketingParam(`${name}: expected a JSON array of strings`);
  }
  if (value.length > max) throw invalidMarketingParam(`${name}: at most ${max} values`);
  return value;
}

/** A required Marketing param. */
export function requiredParam(query: Query, name: string): string {
  const value = query[name];
  if (value === undefined || value === '') throw invalidMarketingParam(`${name}: required`);
  return value;
}

/** Marketing offset paging: `page` from 1, `page_size` 1–`max` (TikTok's defaults 1 and 10). */
export function offsetPaging(query: Query, max: number): { page: number; pageSize: number } {
  const page = query.page === undefined ? 1 : Number(query.page);
  const size = query.page_size === undefined ? 10 : Number(query.page_size);
  if (!Number.isInteger(page) || page < 1) throw invalidMarketingParam('page: must be an integer >= 1');
  if (!Number.isInteger(size) || size < 1 || size > max) throw invalidMarketingParam(`page_size: must be between 1 and ${max}`);
  return { page, pageSize: size };
}

/** Whether a string is a real `YYYY-MM-DD` calendar date. */
export function isCalendarDate(value: string | undefined): value is string {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
