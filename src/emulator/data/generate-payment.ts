/**
 * An order's `payment` as TikTok computes it for the shop's market (docs/tiktok-api.md, Orders):
 * - sub_total = original_total_product_price − seller_discount − platform_discount = Σ sale_price;
 * - shipping_fee = original_shipping_fee − shipping_fee_seller_discount − shipping_fee_platform_discount;
 * - US: sales tax on top of prices, per line (`item_tax`, SALES_TAX) and in total
 *   (`product_tax` = Σ line taxes, `shipping_fee_tax` where the state taxes shipping,
 *   `tax` = both); cross-border shops get the tax fields at zero (their prices include VAT);
 *   UK/EU and the other local markets get no tax field at all;
 * - the market's buyer fees (US retail delivery fee, TH small order fee, ID buyer service fee);
 * - total_amount = sub_total + shipping_fee + tax + those fees.
 */
import { D, type Dec, money, round, sum } from './money';
import type { OrderPlan } from './plan';
import type { Rng } from './rng';
import type { PartnerPayment } from './shapes';
import type { ShopState } from './state';

type Line = OrderPlan['lines'][number];

/** Builds the payment of `lines` (and sets each US line's `item_tax`). */
export function buildPayment(rng: Rng, shop: ShopState, lines: Line[]): PartnerPayment {
  const p = shop.profile;
  const cur = p.currency;
  const original = sum(lines.map((l) => l.original_price));
  const seller = sum(lines.map((l) => l.seller_discount));
  const platform = sum(lines.map((l) => l.platform_discount));
  const subTotal = original.minus(seller).minus(platform);
  const shipOriginal = p.shippingFee;
  let shipPlatform = new D(0);
  let shipSeller = new D(0);
  if (subTotal.gte(p.freeShippingFrom)) shipPlatform = shipOriginal;
  else if (rng.chance(0.2)) shipSeller = round(shipOriginal.div(2), cur);
  else if (rng.chance(0.15)) shipPlatform = round(shipOriginal.div(3), cur);
  const shipping = shipOriginal.minus(shipSeller).minus(shipPlatform);
  const payment: PartnerPayment = {
    currency: cur,
    original_total_product_price: money(original, cur),
    seller_discount: money(seller, cur),
    platform_discount: money(platform, cur),
    sub_total: money(subTotal, cur),
    original_shipping_fee: money(shipOriginal, cur),
    shipping_fee: money(shipping, cur),
    shipping_fee_seller_discount: money(shipSeller, cur),
    shipping_fee_platform_discount: money(shipPlatform, cur),
    total_amount: '0',
  };
  let total = subTotal.plus(shipping);
  if (p.salesTaxRates.length > 0) {
    const rate = rng.pick(p.salesTaxRates);
    const lineTaxes = lines.map((l) => round(new D(l.sale_price).times(rate), cur));
    lines.forEach((l, i) => {
      l.item_tax = [{ tax_type: 'SALES_TAX', tax_amount: money(lineTaxes[i] as Dec, cur), tax_rate: String(rate) }];
    });
    const productTax = sum(lineTaxes);
    const shippingTax = rng.chance(0.3) ? round(shipping.times(rate), cur) : new D(0);
    Object.assign(payment, { tax: money(productTax.plus(shippingTax), cur), product_tax: money(productTax, cur), shipping_fee_tax: money(shippingTax, cur) });
    total = total.plus(productTax).plus(shippingTax);
  } else if (shop.shop.seller_type === 'CROSS_BORDER') {
    // How TikTok splits VAT out of a cross-border price is not documented: the fields come at zero.
    Object.assign(payment, { tax: money(new D(0), cur), product_tax: money(new D(0), cur), shipping_fee_tax: money(new D(0), cur) });
  }
  for (const fee of p.buyerFees) {
    const charged = rng.chance(fee.share) && (fee.below === undefined || subTotal.lt(fee.below));
    if (!charged) continue;
    payment[fee.field] = money(fee.amount, cur);
    total = total.plus(fee.amount);
  }
  payment.total_amount = money(total, cur);
  return payment;
}
