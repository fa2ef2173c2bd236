/**
 * Orders placed, shipped and cancelled on demand, and stock received, through the control plane
 * (docs/emulator.md, Control plane) — so a test moves a shop's stock and ship-by times the way a
 * real shop's move: because buyers ordered and the seller shipped, cancelled or restocked.
 *
 * Each move happens at the data's current time (`StoreState.now`: live mode's last step) and is
 * added to the order's plan, so every view (Order Search and Detail, Inventory Search, analytics,
 * finance) follows it as it follows a generated order, and a later live step does not replay it.
 * Stock follows from the orders (`stock.ts`): a placed order commits its units, its cancellation
 * returns them, its shipment takes them off the shelf (receipts: `stock-controls.ts`).
 */
import { buildPackages, localDeadline } from './generate-fulfilment';
import { buildPayment } from './generate-payment';
import { Refunds } from './generate-refunds';
import { materializePlan } from './live';
import { money } from './money';
import type { OrderPlan } from './plan';
import { Rng } from './rng';
import type { OrderStatus, PartnerOrder } from './shapes';
import type { ShopState, StoreState } from './state';
import type { EmulatorChange } from './store-types';

const DAY = 86_400;

/** A control that cannot be applied, with why (the route answers 400 or 404 with it). */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

/** What {@link placeOrder} is asked. */
export interface PlaceOrderInput {
  skuId: string;
  /** Units: one line item per unit, as TikTok lists them. */
  quantity: number;
  /** Ship-by time (Unix seconds); default TikTok's: 23:59 shop time two days after payment. */
  rtsSlaTime?: number;
}

/** An order and the webhooks TikTok would send for what just happened to it. */
export interface ControlResult {
  order: PartnerOrder;
  changes: EmulatorChange[];
}

const statusChange = (shopId: string, orderId: string, status: string, t: number): EmulatorChange => ({
  type: 1,
  shop_id: shopId,
  // The webhook says CANCEL where the order API says CANCELLED (as live mode sends it).
  data: { order_id: orderId, order_status: status === 'CANCELLED' ? 'CANCEL' : status, update_time: t },
});

function materialized(state: StoreState, shop: ShopState, plan: OrderPlan): PartnerOrder {
  materializePlan(shop, plan, state.now);
  return shop.orders.get(plan.base.id)!;
}

/**
 * A prepaid order for `quantity` units of one SKU at its list price, placed and paid now:
 * `UNPAID` then `AWAITING_SHIPMENT`, with TikTok's deadlines. Refused for a SKU the shop does
 * not sell; a sold-out SKU can be ordered (as live mode's buyers can): available stays at 0.
 */
export function placeOrder(state: StoreState, shop: ShopState, input: PlaceOrderInput): ControlResult {
  const sku = shop.catalog.find((s) => s.sku_id === input.skuId);
  if (!sku) throw new ControlError(`shop ${shop.shop.id} sells no SKU ${input.skuId}`, 404);
  const t = state.now;
  const rng = new Rng(state.seed, 'control-order', shop.shop.id, t, shop.orders.size);
  const cur = shop.profile.currency;
  const price = money(sku.price, cur);
  const zero = money(sku.price.times(0), cur);
  const lines: OrderPlan['lines'] = Array.from({ length: input.quantity }, () => ({
    id: rng.id('5764', 18),
    product_id: sku.product_id,
    product_name: sku.product_name,
    sku_id: sku.sku_id,
    sku_name: sku.sku_name,
    seller_sku: sku.seller_sku,
    currency: cur,
    original_price: price,
    sale_price: price,
    seller_discount: zero,
    platform_discount: zero,
    is_gift: false,
  }));
  const warehouseId = shop.products.flatMap((p) => p.skus).find((s) => s.id === sku.sku_id)?.inventory[0]?.warehouse_id ?? '0';
  const rts = input.rtsSlaTime ?? localDeadline(shop, t, 2);
  const plan: OrderPlan = {
    shopId: shop.shop.id,
    base: {
      id: rng.id('5764', 18),
      create_time: t,
      user_id: rng.pick(shop.buyers),
      buyer_message: '',
      shipping_type: 'TIKTOK',
      fulfillment_type: 'FULFILLMENT_BY_SELLER',
      delivery_type: 'HOME_DELIVERY',
      delivery_option_id: '7091146663229654785',
      delivery_option_name: 'Standard shipping',
      payment_method_name: shop.profile.paymentMethods[0] ?? 'CARD',
      is_cod: false,
      is_sample_order: false,
      is_on_hold_order: false,
      order_type: '',
      warehouse_id: warehouseId,
      payment: buildPayment(rng, shop, lines),
    },
    packages: buildPackages(rng, shop, 1),
    lines,
    linePackages: lines.map(() => 0),
    steps: [
      { t, status: 'UNPAID' },
      { t, status: 'AWAITING_SHIPMENT' },
    ],
    unpaidDeadline: t + DAY,
    releasedAt: t,
    paidTime: t,
    sla: { rts, tts: rts + DAY, delivery: localDeadline(shop, t, 7) },
    returns: [],
    cancellations: [],
  };
  shop.plans.set(plan.base.id, plan);
  return {
    order: materialized(state, shop, plan),
    changes: [statusChange(shop.shop.id, plan.base.id, 'UNPAID', t), statusChange(shop.shop.id, plan.base.id, 'AWAITING_SHIPMENT', t)],
  };
}

/** The plan of an order the control plane may still move: one still to ship. */
function toShip(shop: ShopState, orderId: string, what: string): OrderPlan {
  const plan = shop.plans.get(orderId);
  const order = shop.orders.get(orderId);
  if (!plan || !order) throw new ControlError(`shop ${shop.shop.id} has no order ${orderId}`, 404);
  if (order.status !== 'UNPAID' && order.status !== 'ON_HOLD' && order.status !== 'AWAITING_SHIPMENT') {
    throw new ControlError(`order ${orderId} is ${order.status}: only an order still to ship can be ${what}`);
  }
  return plan;
}

/** Steps up to now, then `status` now (what the plan had decided for later is dropped). */
function cutTo(plan: OrderPlan, t: number, status: OrderStatus): void {
  plan.steps = [...plan.steps.filter((s) => s.t <= t), { t, status }];
  plan.returns = [];
  plan.cancellations = plan.cancellations.filter((c) => (c.steps[0]?.t ?? Infinity) <= t);
}

/** The seller ships the order now (`AWAITING_COLLECTION`, `rts_time` now): its units leave the shelf. */
export function shipOrder(state: StoreState, shop: ShopState, orderId: string): ControlResult {
  const plan = toShip(shop, orderId, 'shipped');
  const t = state.now;
  cutTo(plan, t, 'AWAITING_COLLECTION');
  return { order: materialized(state, shop, plan), changes: [statusChange(shop.shop.id, orderId, 'AWAITING_COLLECTION', t)] };
}

/**
 * The seller cancels the order now ("Out of stock", as TikTok's seller cancellation reads): the
 * order is `CANCELLED` with a completed seller cancellation, and its units are available again.
 */
export function cancelOrder(state: StoreState, shop: ShopState, orderId: string): ControlResult {
  const plan = toShip(shop, orderId, 'cancelled');
  const t = state.now;
  const rng = new Rng(state.seed, 'control-cancel', orderId, t);
  const refunds = new Refunds(rng, plan);
  const lines = refunds.lines(plan.lines);
  const paid = plan.paidTime !== undefined && plan.paidTime <= t;
  cutTo(plan, t, 'CANCELLED');
  plan.cancel = { t, initiator: 'SELLER', reason: 'Out of stock' };
  const cancelId = rng.id('4036', 18);
  plan.cancellations.push({
    id: cancelId,
    type: 'CANCEL',
    role: 'SELLER',
    reason: 'OUT_OF_STOCK',
    // Nothing was paid: nothing to refund.
    ...(paid ? { refund: refunds.total(lines, true), lines } : { lines: lines.map(({ refund: _r, ...l }) => l) }),
    steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }],
  });
  if (!paid) plan.paidTime = undefined;
  return {
    order: materialized(state, shop, plan),
    changes: [
      statusChange(shop.shop.id, orderId, 'CANCELLED', t),
      {
        type: 11,
        shop_id: shop.shop.id,
        data: {
          order_id: orderId,
          cancel_id: cancelId,
          cancellations_role: 'SELLER',
          cancel_status: 'CANCELLATION_REQUEST_COMPLETE',
          create_time: t,
          update_time: t,
        },
      },
    ],
  };
}
