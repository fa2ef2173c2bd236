/**
 * The `ads` check of `/readyz`: whether the Marketing API answers ShopGraph's token. It spends as
 * few calls as it can: the Marketing rate limit is per app and shared by every advertiser (see
 * docs/tiktok-api.md), so every Marketing call ShopGraph makes anyway counts as evidence, and a
 * probe goes out only when no call said anything for {@link ADS_READINESS_TTL_MS} — at most one
 * at a time, however many probes of `/readyz` arrive.
 */
import type { UpstreamAttempt } from '../../upstream/upstream-observer';
import type { MarketingClient } from './marketing-client';

/** How long one piece of evidence (a call's outcome, a probe's) answers the check. */
export const ADS_READINESS_TTL_MS = 60_000;

/** What `/readyz` shows for the Marketing API. */
export interface AdsCheck {
  ok: boolean;
  detail: string;
}

/**
 * Failure kinds that say the Marketing API cannot serve ShopGraph (unreachable, or the token or
 * app refused); others (a throttled or malformed call, a missing object) say it answered.
 */
const FAILING = new Set(['unavailable', 'auth_expired', 'permission', 'signature']);

/** What the probe reads: a description of what answered (e.g. "2 advertisers readable"); throws when nothing did. */
export type AdsProbe = () => Promise<string>;

export class AdsReadiness {
  private latest?: { at: number; check: AdsCheck };
  private probing?: Promise<AdsCheck>;

  constructor(
    private readonly probe: AdsProbe,
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Takes a Marketing attempt's outcome as evidence (wire it into the clients' observer). */
  observe(attempt: UpstreamAttempt): void {
    if (attempt.api !== 'marketing') return;
    if (attempt.errorKind === undefined) this.latest = { at: this.now(), check: { ok: true, detail: `answered ${attempt.path}` } };
    else if (FAILING.has(attempt.errorKind)) this.latest = { at: this.now(), check: { ok: false, detail: `${attempt.path} failed: ${attempt.errorKind}` } };
  }

  /** The latest evidence while fresh; else one probe, shared by every caller waiting for it. */
  async check(): Promise<AdsCheck> {
    const latest = this.latest;
    if (latest && this.now() - latest.at < (this.options.ttlMs ?? ADS_READINESS_TTL_MS)) return latest.check;
    this.probing ??= this.probe()
      .then(
        (detail): AdsCheck => ({ ok: true, detail }),
        (error: unknown): AdsCheck => ({ ok: false, detail: `failing: ${(error as Error).message}` }),
      )
      .then((check) => {
        this.latest = { at: this.now(), check };
        return check;
      })
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }
}

/**
 * The probe: one call, never retried. With the app's id and secret, the advertisers the token may
 * read (`oauth2/advertiser/get/`); without, the first advertiser the config file links
 * (`advertiser/info/`), which is what ad metrics then read.
 * @param client - a client without retries (a probe that fails says so; it does not wait)
 */
export function marketingProbe(
  client: Pick<MarketingClient, 'getAuthorizedAdvertisers' | 'getAdvertiserInfo'>,
  options: { canList: boolean; linked: readonly string[] },
): AdsProbe {
  return async () => {
    if (options.canList) return `${(await client.getAuthorizedAdvertisers()).length} advertiser(s) authorized`;
    const [first] = options.linked;
    if (first === undefined)
      throw new Error('no advertiser is linked in the config file and, without TT_ADS_APP_ID/TT_ADS_SECRET, none can be listed: ad metrics are null');
    if ((await client.getAdvertiserInfo([first])).length === 0)
      throw new Error(`advertiser ${first} (linked in the config file) is not readable with TT_ADS_ACCESS_TOKEN`);
    return `advertiser ${first} readable`;
  };
}
