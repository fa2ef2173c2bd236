/**
 * Zod schemas and inferred types of every Partner API v2 object ShopGraph reads, in TikTok's own
 * JSON shapes (snake_case). The client validates every response with these.
 *
 * Conventions: IDs are decimal strings (numbers accepted and turned into exact strings), money is a
 * decimal string, times are Unix seconds, analytics dates are `YYYY-MM-DD`. TikTok's reference
 * marks every response field optional: a schema requires only what the graph cannot do without,
 * reads a missing amount as unknown (undefined), keeps enum values it does not know, and sets aside
 * list rows it cannot read as `rejected` (see order-schemas.ts). Unknown fields are stripped. Types
 * are the parsed (output) side: defaults applied.
 * @see docs/tiktok-api.md
 */
export * from './schema-primitives';
export * from './account-schemas';
export * from './order-schemas';
export * from './after-sale-schemas';
export * from './product-schemas';
export * from './finance-schemas';
export * from './analytics-schemas';
