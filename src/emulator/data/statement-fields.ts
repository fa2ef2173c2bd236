/**
 * Which finance fields and APIs a shop gets, by market and seller type (Get Statements and Get
 * Payments reference pages; docs/tiktok-api.md, Finance):
 *
 * | statement field | US, UK local | other local outside SEA | SEA local | cross-border |
 * |---|---|---|---|---|
 * | `settlement_amount`, `fee_amount`, `adjustment_amount` | yes | yes | yes | yes |
 * | `revenue_amount` ("all regions except UK and US") | no | yes | yes | outside UK/US |
 * | `net_sales_amount`, `shipping_cost_amount` ("only local sellers outside SEA") | yes | yes | no | no |
 *
 * SEA local sellers' `fee_amount` includes the shipping costs ("excluded, except for local sellers
 * in the SEA region"), so their settlement is revenue + fees + adjustment. Get Payments is
 * "currently unavailable to SEA markets".
 */
import { D, money } from './money';
import type { PartnerStatement } from './shapes';
import type { EmuShop } from './store-types';

/** TikTok Shop's Southeast Asian markets. */
const SEA = new Set(['ID', 'MY', 'PH', 'SG', 'TH', 'VN']);
/** Markets whose statements carry no `revenue_amount`. */
const NO_REVENUE = new Set(['US', 'GB']);

/** Whether a shop sells in Southeast Asia. */
export function inSea(shop: Pick<EmuShop, 'region'>): boolean {
  return SEA.has(shop.region);
}

/** Whether Get Payments answers for this shop (not in SEA markets). */
export function paymentsAvailable(shop: Pick<EmuShop, 'region'>): boolean {
  return !inSea(shop);
}

/**
 * A statement as TikTok sends it to this shop, from the emulator's full statement (every amount,
 * shipping apart from fees): the fields the shop's market and seller type do not get are left out.
 */
export function statementFor(shop: Pick<EmuShop, 'region' | 'seller_type'>, s: PartnerStatement): PartnerStatement {
  const { revenue_amount, net_sales_amount, shipping_cost_amount, ...core } = s;
  const local = shop.seller_type === 'LOCAL';
  const out: PartnerStatement = { ...core };
  if (revenue_amount !== undefined && !NO_REVENUE.has(shop.region)) out.revenue_amount = revenue_amount;
  if (local && !inSea(shop)) {
    if (net_sales_amount !== undefined) out.net_sales_amount = net_sales_amount;
    if (shipping_cost_amount !== undefined) out.shipping_cost_amount = shipping_cost_amount;
  } else if (local && shipping_cost_amount !== undefined) {
    out.fee_amount = money(new D(s.fee_amount).plus(shipping_cost_amount), s.currency);
  }
  return out;
}
