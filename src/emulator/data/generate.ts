/**
 * The demo dataset: shops, catalogs, orders with their after-sales, finance and ad accounts, all
 * derived from a seed. Same options → identical data.
 */
import { DAY } from './dates';
import { generateAds } from './generate-ads';
import { generateShops } from './generate-shops';
import { materializePlan, planDay } from './live';
import { showcasePlans } from './schedule';
import type { StoreState } from './state';
import { receiveStock } from './stock';
import type { GenerateOptions } from './store-types';

/** Builds the state for {@link GenerateOptions}, materialized at `now`. */
export function generateState(opts: GenerateOptions): StoreState {
  const start = opts.now - opts.days * DAY;
  // Enough buyers that most are one-off, a few come back (what buyer_user_id filters are for).
  const buyers = Math.max(20, Math.round((opts.ordersPerDay * opts.days) / 3));
  const state: StoreState = {
    seed: opts.seed,
    now: opts.now,
    start,
    ordersPerDay: opts.ordersPerDay,
    unknownEnums: opts.unknownEnums ?? true,
    shops: generateShops(opts.seed, opts.shops, start, opts.now, buyers),
    advertisers: [],
  };
  for (const shop of state.shops) {
    for (let day = Math.floor(start / DAY); day <= Math.floor(opts.now / DAY); day++) planDay(state, shop, day, start);
    for (const plan of showcasePlans(opts.seed, shop, start, opts.now, state.unknownEnums === true)) shop.plans.set(plan.base.id, plan);
    for (const plan of shop.plans.values()) materializePlan(shop, plan, opts.now);
    receiveStock(shop);
  }
  state.advertisers = generateAds(opts.seed, state.shops, start, opts.now);
  return state;
}
