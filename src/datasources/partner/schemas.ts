/**
 * Zod schemas and inferred types of every Partner API v2 object ShopGraph reads, in TikTok's own
 * JSON shapes (snake_case). The client validates every response with these; the emulator builds
 * and checks its data with the same ones, so both speak exactly this description of TikTok.
 *
 * Conventions: IDs are decimal strings (numbers accepted and turned into exact strings), money is a
 * decimal string, times are Unix seconds, analytics dates are `YYYY-MM-DD`. Unknown fields are
 * stripped; the fields listed are checked. Types are the parsed (output) side: defaults applied.
 * @see ../../../../shared/spec/upstream-partner-api.md
 */
export * from './schema-primitives';
export * from './account-schemas';
export * from './order-schemas';
export * from './product-schemas';
export * from './finance-schemas';
export * from './analytics-schemas';
