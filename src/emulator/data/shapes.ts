/**
 * The emulator's own records: TikTok's wire types (`../wire`) narrowed to what the emulator always
 * knows about the data it holds. Generated data fills every narrowed field; recorded fixtures must
 * have them or get TikTok's "left out means zero" defaults (see `fixture-schemas.ts`).
 *
 * Fields TikTok really leaves out stay optional here too, so the data layer handles their absence:
 * `paid_time` (unpaid and cash-on-delivery orders), a product search price without `sale_price`,
 * statement amounts by region, returns without `refund_amount`.
 */
export type * from './order-shapes';
export type * from './product-shapes';
export type * from './finance-shapes';
export type * from './analytics-shapes';
export type * from './marketing-shapes';
