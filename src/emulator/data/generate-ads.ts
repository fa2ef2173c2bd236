/**
 * Ad accounts and campaigns linked to the shops, as Shop ads look since July 2025: GMV Max is the
 * main Shop-ads spend of most shops (docs/tiktok-api.md, GMV Max).
 *
 * - Each shop's first ad account bills in the shop's currency and runs a product GMV Max campaign
 *   (a shop can be bound to one GMV Max account, in its own currency). Every other shop also runs
 *   a LIVE GMV Max campaign; the second shop's LIVE one was deleted after spending.
 * - Every other shop (the first, third, ...) also runs standard campaigns: product sales, traffic,
 *   a deleted one and a paused one. The first shop has a second account in another time zone (ad
 *   days are cut in the ADVERTISER's zone) with standard campaigns only.
 * - A shop whose market's ad accounts bill elsewhere (the IDR shop advertises from a USD account:
 *   ad money need not be in the shop's currency) runs standard campaigns only.
 */
import { DAY, localDate, marketingTime, offsetMinutes } from './dates';
import { D } from './money';
import { Rng } from './rng';
import type { AdvertiserState, CampaignPlan, ShopState } from './state';

/** A typical daily budget per ad account currency, in major units. */
const DAILY_BUDGET: Readonly<Record<string, number>> = {
  USD: 80,
  GBP: 60,
  IDR: 1200000,
  MYR: 300,
  JPY: 10000,
  THB: 2500,
  VND: 1800000,
  PHP: 4000,
};
/** Ad account currencies of markets whose sellers advertise from a USD account. */
const BILLS_IN_USD = new Set(['IDR']);

/** TikTok's `timezone` label: the fixed-offset `Etc/GMT±N` name (note the inverted sign). */
function offsetLabel(zone: string, at: number): string {
  const minutes = offsetMinutes(at, zone);
  if (minutes % 60 !== 0) return zone;
  const hours = -minutes / 60;
  return hours === 0 ? 'Etc/GMT' : `Etc/GMT${hours > 0 ? '+' : ''}${hours}`;
}

type Status = 'ENABLE' | 'DISABLE' | 'DELETE';

/** What an account runs for its shop. */
interface Mix {
  standard: boolean;
  /** Budget scale of the standard campaigns: small beside GMV Max where the shop runs it. */
  standardScale: number;
  gmvMax: boolean;
  live: 'none' | 'running' | 'deleted';
}

function campaigns(seed: string, adv: AdvertiserState, shop: ShopState, start: number, now: number, mix: Mix): CampaignPlan[] {
  const rng = new Rng(seed, 'campaigns', adv.advertiser.advertiser_id);
  const zone = adv.advertiser.display_timezone;
  const first = localDate(start, zone);
  const span = Math.max(1, Math.round((now - start) / DAY));
  const budgetBase = DAILY_BUDGET[adv.advertiser.currency] ?? 80;
  const productIds = [...new Set(shop.catalog.map((s) => s.product_id))];
  const make = (name: string, kind: CampaignPlan['kind'], status: Status, scale = 1, live = false): CampaignPlan => {
    const created = start - rng.int(1, 40) * DAY - rng.int(0, DAY - 1);
    // Paused and deleted campaigns stopped in the last third of the window, so it shows their spend.
    const modified = status === 'ENABLE' ? created + rng.int(0, DAY) : now - rng.int(2 * DAY, Math.max(2, Math.floor(span / 3)) * DAY);
    const budget = Math.round(budgetBase * scale * (1 + rng.next() * 3));
    const plan: CampaignPlan = {
      kind,
      firstDay: first,
      lastDay: status === 'ENABLE' ? undefined : localDate(modified, zone),
      dailyBudget: new D(budget),
      raw: {
        advertiser_id: adv.advertiser.advertiser_id,
        campaign_id: rng.id('17', 19),
        campaign_name: name,
        objective_type: kind === 'TRAFFIC' ? 'TRAFFIC' : 'PRODUCT_SALES',
        budget,
        operation_status: status === 'ENABLE' ? 'ENABLE' : 'DISABLE',
        secondary_status: `CAMPAIGN_STATUS_${status}`,
        create_time: marketingTime(created),
        modify_time: marketingTime(Math.min(modified, now)),
      },
    };
    if (kind !== 'GMV_MAX') return { ...plan, raw: { ...plan.raw, budget_mode: 'BUDGET_MODE_DAY' } };
    // GMV Max (bububa `gmvmax.Campaign`): the store, PRODUCT or LIVE, a ROAS target.
    plan.shopId = shop.shop.id;
    plan.productIds = live ? productIds.slice(3, 6) : productIds.slice(0, 3);
    Object.assign(plan.raw, {
      store_id: shop.shop.id,
      shopping_ads_type: live ? 'LIVE' : 'PRODUCT',
      product_specific_type: live ? undefined : 'ALL',
      optimization_goal: 'VALUE',
      deep_bid_type: 'VO_MIN_ROAS',
      roas_bid: Number((1.5 + rng.int(0, 20) / 10).toFixed(1)),
      schedule_type: 'SCHEDULE_FROM_NOW',
      schedule_start_time: marketingTime(created),
    });
    return plan;
  };
  const list: CampaignPlan[] = [];
  // GMV Max first: it is the main spend, with the larger budgets.
  if (mix.gmvMax) list.push(make(`GMV Max | ${shop.shop.name} | Products`, 'GMV_MAX', 'ENABLE', 4));
  if (mix.gmvMax && mix.live !== 'none') {
    list.push(
      make(`GMV Max | ${shop.shop.name} | LIVE${mix.live === 'deleted' ? ' (deleted)' : ''}`, 'GMV_MAX', mix.live === 'deleted' ? 'DELETE' : 'ENABLE', 1, true),
    );
  }
  if (mix.standard) {
    list.push(
      make(`${shop.shop.name} | Product sales`, 'SHOP', 'ENABLE', mix.standardScale),
      make(`${shop.shop.name} | Traffic`, 'TRAFFIC', 'ENABLE', mix.standardScale),
      make(`${shop.shop.name} | Flash sale (deleted)`, 'SHOP', 'DELETE', mix.standardScale),
      make(`${shop.shop.name} | Retargeting (paused)`, 'SHOP', 'DISABLE', mix.standardScale),
    );
  }
  return list;
}

/** Advertisers and their campaigns for the generated shops. */
export function generateAds(seed: string, shops: ShopState[], start: number, now: number): AdvertiserState[] {
  const out: AdvertiserState[] = [];
  shops.forEach((shop, i) => {
    const runsGmvMax = !BILLS_IN_USD.has(shop.shop.currency);
    const zones = i === 0 ? [shop.shop.timezone, shop.profile.altTimezone] : [shop.shop.timezone];
    zones.forEach((zone, k) => {
      const rng = new Rng(seed, 'advertiser', shop.shop.id, k);
      const currency = BILLS_IN_USD.has(shop.shop.currency) ? 'USD' : shop.shop.currency;
      const adv: AdvertiserState = {
        advertiser: {
          advertiser_id: rng.id('7', 19),
          name: `${shop.shop.name} Ads${k ? ` (${zone.split('/')[1] ?? zone})` : ''}`,
          currency,
          timezone: offsetLabel(zone, now),
          display_timezone: zone,
          status: 'STATUS_ENABLE',
          shop_ids: [shop.shop.id],
        },
        campaigns: [],
      };
      const gmvMax = k === 0 && currency === shop.shop.currency;
      const mix: Mix = {
        gmvMax,
        standard: !gmvMax || k > 0 || i % 2 === 0,
        standardScale: runsGmvMax ? 0.25 : 1,
        live: i % 2 === 1 ? (i === 1 ? 'deleted' : 'running') : 'none',
      };
      adv.campaigns = campaigns(seed, adv, shop, start, now, mix);
      out.push(adv);
    });
  });
  return out;
}
