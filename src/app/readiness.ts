import type { AdsReadiness } from '../datasources/marketing/ads-readiness';
import type { ShopData } from '../datasources/shop-data';
import type { Readiness } from '../http/app';
import type { PartnerWiring } from './partner-wiring';

/** What `/readyz` looks at. */
export interface ReadinessWiring {
  sellers: PartnerWiring['sellers'];
  shopData: ShopData;
  /** Absent without a Marketing access token (ad metrics null). */
  ads?: AdsReadiness;
  /** The Redis line; undefined when no Redis is configured. */
  redisStatus(): { ok: boolean; detail: string } | undefined;
}

/** `/readyz`: the Shop API must answer; Redis or the Marketing API failing leave ShopGraph degraded, not unavailable. */
export function shopGraphReadiness(w: ReadinessWiring): () => Promise<Readiness> {
  return async () => {
    const checks: Readiness['checks'] = {};
    try {
      const known = await w.sellers.list();
      if (known.length === 0) throw new Error('no seller has authorized the app');
      const shops = await w.shopData.shops();
      const failing = shops.staleReason === 'upstream_error' || shops.unavailable !== undefined;
      const unlisted = shops.unavailable?.map((u) => u.seller.id).join(', ');
      const detail = unlisted ? `TikTok Shop API failing for seller(s) ${unlisted}` : 'serving cached shops: TikTok Shop API failing';
      checks.partner = { ok: !failing, detail: failing ? detail : `${shops.value.length} shops of ${known.length} seller(s)` };
    } catch (error) {
      checks.partner = { ok: false, detail: (error as Error).message };
    }
    checks.ads = w.ads ? await w.ads.check() : { ok: true, detail: 'no TT_ADS_ACCESS_TOKEN: ad metrics are null' };
    const redis = w.redisStatus();
    if (redis) checks.redis = redis;
    // Ads failing leave order figures standing (ad metrics null with the reason): degraded, not unavailable.
    const status = checks.partner.ok
      ? (redis && !redis.ok) || !checks.ads.ok
        ? 'degraded'
        : 'ready'
      : checks.partner.detail?.startsWith('serving cached')
        ? 'degraded'
        : 'unavailable';
    return { status, checks };
  };
}
