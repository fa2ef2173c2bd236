/**
 * Order plans: line items, payment and the order's status timeline. Payment identities hold
 * exactly by construction (docs/metrics.md, docs/tiktok-api.md):
 * sale_price = original_price − seller_discount − platform_discount per line;
 * sub_total = original_total_product_price − seller_discount − platform_discount = Σ sale_price;
 * shipping_fee = original_shipping_fee − shipping_fee_seller_discount − shipping_fee_platform_discount;
 * tax = product_tax + shipping_fee_tax; total_amount = sub_total + shipping_fee + tax.
 */
import { attachAfterSales, type Fate } from './generate-lifecycle';
import { D, type Dec, money, round, sum } from './money';
import type { OrderPlan } from './plan';
import { Rng } from './rng';
import type { PartnerPayment } from './shapes';
import type { SellableSku, ShopState } from './state';

type Line = OrderPlan['lines'][number];

function discount(rng: Rng, price: Dec, p: number, minPct: number, maxPct: number, shop: ShopState): Dec {
  if (!rng.chance(p)) return new D(0);
  const step = shop.profile.priceStep;
  return price.times(rng.int(minPct, maxPct)).div(100).div(step).floor().times(step);
}

function buildLines(rng: Rng, shop: ShopState, multi: boolean): Line[] {
  const cur = shop.profile.currency;
  const skuCount = multi ? rng.int(2, 3) : rng.weighted([[1, 70], [2, 22], [3, 8]] as const);
  const chosen = new Set<SellableSku>();
  while (chosen.size < Math.min(skuCount, shop.catalog.length)) chosen.add(rng.pick(shop.catalog));
  const lines: Line[] = [];
  [...chosen].forEach((sku, skuIndex) => {
    const seller = discount(rng, sku.price, 0.3, 10, 25, shop);
    const platform = discount(rng, sku.price.minus(seller), 0.25, 5, 15, shop);
    // One line item is one unit: a quantity of 3 is three identical line items.
    const units = rng.weighted([[1, 80], [2, 14], [3, 6]] as const);
    for (let u = 0; u < units; u++) {
      lines.push({
        id: rng.id('5764', 18), product_id: sku.product_id, product_name: sku.product_name, sku_id: sku.sku_id,
        sku_name: sku.sku_name, seller_sku: sku.seller_sku, currency: cur, original_price: money(sku.price, cur),
        sale_price: money(sku.price.minus(seller).minus(platform), cur), seller_discount: money(seller, cur),
        platform_discount: money(platform, cur), is_gift: false, packageIndex: skuIndex,
      });
    }
  });
  return lines;
}

function buildPayment(rng: Rng, shop: ShopState, lines: Line[]): PartnerPayment {
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
  const rate = p.salesTaxRates.length ? rng.pick(p.salesTaxRates) : 0;
  const productTax = round(subTotal.times(rate), cur);
  const shippingTax = rng.chance(0.3) ? round(shipping.times(rate), cur) : new D(0);
  const tax = productTax.plus(shippingTax);
  return {
    currency: cur, original_total_product_price: money(original, cur), seller_discount: money(seller, cur),
    platform_discount: money(platform, cur), sub_total: money(subTotal, cur), original_shipping_fee: money(shipOriginal, cur),
    shipping_fee: money(shipping, cur), shipping_fee_seller_discount: money(shipSeller, cur),
    shipping_fee_platform_discount: money(shipPlatform, cur), tax: money(tax, cur), product_tax: money(productTax, cur),
    shipping_fee_tax: money(shippingTax, cur), total_amount: money(subTotal.plus(shipping).plus(tax), cur),
  };
}

/**
 * Builds one order's plan. `fate` forces a particular life (the showcase orders); otherwise it is
 * drawn from realistic frequencies.
 */
export function buildOrderPlan(shop: ShopState, key: (string | number)[], createTime: number, fate?: Fate): OrderPlan {
  const rng = new Rng(...key);
  const chosenFate: Fate = fate ?? rng.weighted<Fate>([
    ['normal', 78], ['abandoned', 3], ['buyer_cancel_unpaid', 2], ['buyer_cancel_paid', 2.5], ['cancel_rejected', 1],
    ['seller_cancel', 1.5], ['partial_cancel', 1.5], ['return', 9.5], ['gift', 1],
  ]);
  const lines = buildLines(rng, shop, chosenFate === 'partial_cancel' || chosenFate === 'split');
  const gift = shop.gift;
  if (gift && (chosenFate === 'gift' || rng.chance(0.06))) {
    const zero = money(new D(0), shop.profile.currency);
    lines.push({
      id: rng.id('5764', 18), product_id: gift.product_id, product_name: gift.product_name, sku_id: gift.sku_id,
      sku_name: gift.sku_name, seller_sku: gift.seller_sku, currency: shop.profile.currency, original_price: zero,
      sale_price: zero, seller_discount: zero, platform_discount: zero, is_gift: true, packageIndex: 0,
    });
  }
  const skuPackages = new Set(lines.map((l) => l.packageIndex)).size;
  // Most multi-SKU orders still ship in one box; a quarter split into two packages.
  const split = skuPackages > 1 && (chosenFate === 'split' || rng.chance(0.25));
  for (const l of lines) l.packageIndex = split ? Math.min(l.packageIndex, 1) : 0;
  const packages = split ? 2 : 1;
  const plan: OrderPlan = {
    shopId: shop.shop.id,
    base: {
      id: rng.id('5764', 18), create_time: createTime, user_id: rng.pick(shop.buyers),
      buyer_message: rng.chance(0.1) ? 'Please pack carefully, it is a gift.' : '',
      shipping_type: rng.chance(0.85) ? 'TIKTOK' : 'SELLER',
      fulfillment_type: rng.chance(0.9) ? 'FULFILLMENT_BY_SELLER' : 'FULFILLMENT_BY_TIKTOK',
      delivery_type: 'HOME_DELIVERY', payment_method_name: rng.pick(shop.profile.paymentMethods), is_cod: false,
      is_sample_order: false, warehouse_id: shop.products[0]?.skus[0]?.inventory[0]?.warehouse_id ?? '0',
      packages: Array.from({ length: packages }, () => ({ id: rng.id('1153', 18) })), payment: buildPayment(rng, shop, lines),
    },
    lines,
    steps: [{ t: createTime, status: 'UNPAID' }],
    returns: [],
    cancellations: [],
  };
  attachAfterSales(rng, plan, chosenFate);
  return plan;
}
