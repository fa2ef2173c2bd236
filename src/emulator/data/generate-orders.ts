/**
 * Order plans: line items, payment (`generate-payment.ts`), packages and the order's life
 * (`generate-lifecycle.ts`). Line identities hold exactly by construction (docs/metrics.md):
 * sale_price = original_price − seller_discount − platform_discount per line.
 */
import { COD_FATES, attachAfterSales, type Fate } from './generate-lifecycle';
import { buildPackages } from './generate-fulfilment';
import { buildPayment } from './generate-payment';
import { D, type Dec, money } from './money';
import type { OrderPlan } from './plan';
import { COD_PAYMENT_METHOD } from './regions';
import { Rng } from './rng';
import type { SellableSku, ShopState } from './state';

type Line = OrderPlan['lines'][number];

/** The delivery option every generated order uses (Get Order Detail's sample id). */
const STANDARD_DELIVERY = { id: '7091146663229654785', name: 'Standard shipping' };

/** TikTok cancels an order left unpaid this long after it was placed. */
const UNPAID_TIMEOUT = 24 * 3600;

function discount(rng: Rng, price: Dec, p: number, minPct: number, maxPct: number, shop: ShopState): Dec {
  if (!rng.chance(p)) return new D(0);
  const step = shop.profile.priceStep;
  return price.times(rng.int(minPct, maxPct)).div(100).div(step).floor().times(step);
}

/** The order's lines, and for each the index of its SKU in the order (a split order's packages follow SKUs). */
function buildLines(rng: Rng, shop: ShopState, multi: boolean): { lines: Line[]; skuIndex: number[] } {
  const cur = shop.profile.currency;
  const skuCount = multi
    ? rng.int(2, 3)
    : rng.weighted([
        [1, 70],
        [2, 22],
        [3, 8],
      ] as const);
  const chosen = new Set<SellableSku>();
  while (chosen.size < Math.min(skuCount, shop.catalog.length)) chosen.add(rng.pick(shop.catalog));
  const lines: Line[] = [];
  const skuIndex: number[] = [];
  [...chosen].forEach((sku, k) => {
    const seller = discount(rng, sku.price, 0.3, 10, 25, shop);
    const platform = discount(rng, sku.price.minus(seller), 0.25, 5, 15, shop);
    // One line item is one unit: a quantity of 3 is three identical line items.
    const units = rng.weighted([
      [1, 80],
      [2, 14],
      [3, 6],
    ] as const);
    for (let u = 0; u < units; u++) {
      lines.push({
        id: rng.id('5764', 18),
        product_id: sku.product_id,
        product_name: sku.product_name,
        sku_id: sku.sku_id,
        sku_name: sku.sku_name,
        seller_sku: sku.seller_sku,
        currency: cur,
        original_price: money(sku.price, cur),
        sale_price: money(sku.price.minus(seller).minus(platform), cur),
        seller_discount: money(seller, cur),
        platform_discount: money(platform, cur),
        is_gift: false,
      });
      skuIndex.push(k);
    }
  });
  return { lines, skuIndex };
}

/** The options of {@link buildOrderPlan} beyond the shop and time. */
export interface PlanOptions {
  /** Forces a particular life (the showcase orders); otherwise drawn from realistic frequencies. */
  fate?: Fate;
  /** Whether TikTok statuses the product has never seen may appear. */
  unknownEnums: boolean;
}

/** Builds one order's plan, created at `createTime`. */
export function buildOrderPlan(shop: ShopState, key: (string | number)[], createTime: number, o: PlanOptions): OrderPlan {
  const rng = new Rng(...key);
  let fate: Fate =
    o.fate ??
    rng.weighted<Fate>([
      ['normal', 78],
      ['abandoned', 3],
      ['buyer_cancel_unpaid', 2],
      ['buyer_cancel_paid', 2.5],
      ['cancel_rejected', 1],
      ['seller_cancel', 1.5],
      ['partial_cancel', 1.5],
      ['return', 9.5],
      ['gift', 1],
    ]);
  // Cash on delivery where the market has it; such an order cannot be left unpaid, but its
  // delivery can fail (about 9 % of COD parcels come back, a third of them refused).
  const codDraw = rng.next();
  const failDraw = rng.next();
  const cod = o.fate !== undefined ? COD_FATES.has(o.fate) : codDraw < shop.profile.codShare;
  if (cod && o.fate === undefined) {
    if (fate === 'abandoned') fate = 'normal';
    else if (fate === 'normal' && failDraw < 0.09) fate = failDraw < 0.03 ? 'cod_refused' : 'cod_failed';
  }
  const { lines, skuIndex } = buildLines(rng, shop, fate === 'partial_cancel' || fate === 'split' || fate === 'refund_mixed');
  const gift = shop.gift;
  if (gift && (fate === 'gift' || rng.chance(0.06))) {
    const zero = money(new D(0), shop.profile.currency);
    lines.push({
      id: rng.id('5764', 18),
      product_id: gift.product_id,
      product_name: gift.product_name,
      sku_id: gift.sku_id,
      sku_name: gift.sku_name,
      seller_sku: gift.seller_sku,
      currency: shop.profile.currency,
      original_price: zero,
      sale_price: zero,
      seller_discount: zero,
      platform_discount: zero,
      is_gift: true,
    });
    skuIndex.push(0);
  }
  const skuPackages = new Set(skuIndex).size;
  // Most multi-SKU orders still ship in one box; a quarter split into two packages.
  const split = skuPackages > 1 && (fate === 'split' || rng.chance(0.25));
  const payment = buildPayment(rng, shop, lines);
  const plan: OrderPlan = {
    shopId: shop.shop.id,
    base: {
      id: rng.id('5764', 18),
      create_time: createTime,
      user_id: rng.pick(shop.buyers),
      buyer_message: rng.chance(0.1) ? 'Please pack carefully, it is a gift.' : '',
      shipping_type: rng.chance(0.85) ? 'TIKTOK' : 'SELLER',
      fulfillment_type: rng.chance(0.9) ? 'FULFILLMENT_BY_SELLER' : 'FULFILLMENT_BY_TIKTOK',
      delivery_type: 'HOME_DELIVERY',
      delivery_option_id: STANDARD_DELIVERY.id,
      delivery_option_name: STANDARD_DELIVERY.name,
      payment_method_name: cod ? COD_PAYMENT_METHOD : rng.pick(shop.profile.paymentMethods),
      is_cod: cod,
      is_sample_order: false,
      is_on_hold_order: !cod,
      order_type: '',
      warehouse_id: shop.products[0]?.skus[0]?.inventory[0]?.warehouse_id ?? '0',
      payment,
    },
    packages: buildPackages(rng, shop, split ? 2 : 1),
    lines,
    linePackages: skuIndex.map((k) => (split ? Math.min(k, 1) : 0)),
    steps: [],
    unpaidDeadline: createTime + UNPAID_TIMEOUT,
    returns: [],
    cancellations: [],
  };
  attachAfterSales(rng, plan, fate, { shop, cod, unknownEnums: o.unknownEnums });
  return plan;
}
