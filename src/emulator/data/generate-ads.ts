/**
 * Ad accounts and campaigns linked to the shops. The first shop has two advertisers, the second
 * in another time zone (ad days are cut in the ADVERTISER's zone); the IDR shop advertises from a
 * USD account (ad money need not be in the shop's currency). Each advertiser has delivering,
 * paused and deleted campaigns; advertisers in their shop's currency also run a GMV Max campaign.
 * @see docs/tiktok-api.md
 */
import { DAY, localDate, marketingTime, offsetMinutes } from './dates';
import { D } from './money';
import { Rng } from './rng';
import type { AdvertiserState, CampaignPlan, ShopState } from './state';

/** A typical daily budget per ad account currency, in major units. */
const DAILY_BUDGET: Readonly<Record<string, number>> = { USD: 80, GBP: 60, IDR: 1200000, MYR: 300, JPY: 10000 };

/** TikTok's `timezone` label: the fixed-offset `Etc/GMT±N` name (note the inverted sign). */
function offsetLabel(zone: string, at: number): string {
  const minutes = offsetMinutes(at, zone);
  if (minutes % 60 !== 0) return zone;
  const hours = -minutes / 60;
  return hours === 0 ? 'Etc/GMT' : `Etc/GMT${hours > 0 ? '+' : ''}${hours}`;
}

function campaigns(seed: string, adv: AdvertiserState, shop: ShopState, start: number, now: number, gmvMax: boolean): CampaignPlan[] {
  const rng = new Rng(seed, 'campaigns', adv.advertiser.advertiser_id);
  const zone = adv.advertiser.display_timezone;
  const first = localDate(start, zone);
  const span = Math.max(1, Math.round((now - start) / DAY));
  const budgetBase = DAILY_BUDGET[adv.advertiser.currency] ?? 80;
  const make = (name: string, kind: CampaignPlan['kind'], status: 'ENABLE' | 'DISABLE' | 'DELETE'): CampaignPlan => {
    const created = start - rng.int(1, 40) * DAY - rng.int(0, DAY - 1);
    // Paused and deleted campaigns stopped in the last third of the window, so it shows their spend.
    const modified = status === 'ENABLE' ? created + rng.int(0, DAY) : now - rng.int(2 * DAY, Math.max(2, Math.floor(span / 3)) * DAY);
    const budget = Math.round(budgetBase * (1 + rng.next() * 3));
    return {
      kind,
      firstDay: first,
      lastDay: status === 'ENABLE' ? undefined : localDate(modified, zone),
      dailyBudget: new D(budget),
      raw: {
        advertiser_id: adv.advertiser.advertiser_id, campaign_id: rng.id('17', 19), campaign_name: name,
        objective_type: kind === 'TRAFFIC' ? 'TRAFFIC' : 'PRODUCT_SALES', budget, budget_mode: 'BUDGET_MODE_DAY',
        operation_status: status === 'ENABLE' ? 'ENABLE' : 'DISABLE', secondary_status: `CAMPAIGN_STATUS_${status}`,
        create_time: marketingTime(created), modify_time: marketingTime(Math.min(modified, now)),
      },
      ...(kind === 'GMV_MAX'
        ? { shopId: shop.shop.id, productIds: [...new Set(shop.catalog.map((s) => s.product_id))].slice(0, 3) }
        : {}),
    };
  };
  const list = [
    make(`${shop.shop.name} | Product sales`, 'SHOP', 'ENABLE'),
    make(`${shop.shop.name} | Traffic`, 'TRAFFIC', 'ENABLE'),
    make(`${shop.shop.name} | Flash sale (deleted)`, 'SHOP', 'DELETE'),
    make(`${shop.shop.name} | Retargeting (paused)`, 'SHOP', 'DISABLE'),
  ];
  if (gmvMax) list.push(make(`GMV Max | ${shop.shop.name}`, 'GMV_MAX', 'ENABLE'));
  return list;
}

/** Advertisers and their campaigns for the generated shops. */
export function generateAds(seed: string, shops: ShopState[], start: number, now: number): AdvertiserState[] {
  const out: AdvertiserState[] = [];
  shops.forEach((shop, i) => {
    const zones = i === 0 ? [shop.shop.timezone, shop.profile.altTimezone] : [shop.shop.timezone];
    zones.forEach((zone, k) => {
      const rng = new Rng(seed, 'advertiser', shop.shop.id, k);
      const currency = shop.shop.currency === 'IDR' ? 'USD' : shop.shop.currency;
      const adv: AdvertiserState = {
        advertiser: {
          advertiser_id: rng.id('7', 19), name: `${shop.shop.name} Ads${k ? ` (${zone.split('/')[1] ?? zone})` : ''}`,
          currency, timezone: offsetLabel(zone, now), display_timezone: zone, status: 'STATUS_ENABLE', shop_ids: [shop.shop.id],
        },
        campaigns: [],
      };
      // A shop can be bound to one GMV Max ad account, which must bill in the shop's currency.
      adv.campaigns = campaigns(seed, adv, shop, start, now, k === 0 && currency === shop.shop.currency);
      out.push(adv);
    });
  });
  return out;
}
