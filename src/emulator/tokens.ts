/**
 * The emulated OAuth state of both APIs: Partner auth codes (single use), access tokens with
 * ABSOLUTE expiry times, rotating refresh tokens; Marketing access tokens.
 * @see docs/tiktok-api.md (OAuth and tokens)
 */
import { randomBytes } from 'node:crypto';
import { EmulatorRejection, PartnerCode } from './codes';

/** What the token host answers in `data` (`*_expire_in` are absolute Unix seconds). */
export interface PartnerTokenGrant {
  access_token: string;
  access_token_expire_in: number;
  refresh_token: string;
  refresh_token_expire_in: number;
  open_id: string;
  seller_name: string;
  seller_base_region: string;
  user_type: number;
  granted_scopes: string[];
}

/** Settings of {@link PartnerTokens}. */
export interface PartnerTokenSettings {
  /** The code that `/api/v2/token/get` accepts once. */
  authCode: string;
  /** Access token lifetime; TikTok's is about 7 days. */
  accessTtlSeconds: number;
  /** Refresh token lifetime; TikTok's is about a year. */
  refreshTtlSeconds: number;
  /** Shop ids a fresh grant covers (all of the dataset's shops). */
  shopIds: readonly string[];
  sellerName: string;
  region: string;
  /** Clock in ms. */
  now: () => number;
}

interface AccessRecord {
  expiresAt: number;
  shopIds: ReadonlySet<string>;
}

interface RefreshRecord extends AccessRecord {
  openId: string;
}

const SCOPES = [
  'seller.order.info',
  'seller.product.basic',
  'seller.finance.info',
  'seller.return_refund.basic',
  'data.shop_analytics.public.read',
  'seller.authorization.info',
];
/** TikTok: an authorization code is valid for 30 minutes. */
const AUTH_CODE_TTL_SECONDS = 30 * 60;

/** Partner API token issuance and checks. */
export class PartnerTokens {
  /** Codes not yet used: expiry (the configured one never expires, only gets used) and shops. */
  private readonly codes = new Map<string, { expiresAt: number; shopIds: ReadonlySet<string>; openId?: string }>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();

  constructor(private readonly settings: PartnerTokenSettings) {
    this.codes.set(settings.authCode, { expiresAt: Number.POSITIVE_INFINITY, shopIds: new Set(settings.shopIds) });
  }

  /**
   * A fresh single-use auth code, as a seller authorizing would produce; limited to some shops, its
   * tokens get 101000 on the others. `openId` makes it the same seller authorizing again (TikTok's
   * `open_id` identifies the seller); by default each code is a seller of its own.
   */
  mintAuthCode(shopIds: readonly string[] = this.settings.shopIds, options: { openId?: string } = {}): string {
    const code = randomToken('CODE_');
    this.codes.set(code, { expiresAt: this.nowSeconds() + AUTH_CODE_TTL_SECONDS, shopIds: new Set(shopIds), openId: options.openId });
    return code;
  }

  /** `/api/v2/token/get`: exchanges an auth code once. */
  exchange(authCode: string): PartnerTokenGrant {
    const record = this.codes.get(authCode);
    this.codes.delete(authCode);
    if (!record || record.expiresAt <= this.nowSeconds()) {
      throw new EmulatorRejection(PartnerCode.AUTH_RECORD_NOT_FOUND, 'can not find related auth record', 200);
    }
    return this.grant(record.shopIds, record.openId ?? randomToken(''));
  }

  /** `/api/v2/token/refresh`: rotates the refresh token; the old one stops working. */
  refresh(refreshToken: string): PartnerTokenGrant {
    const record = this.refreshTokens.get(refreshToken);
    if (!record) throw new EmulatorRejection(PartnerCode.AUTH_RECORD_NOT_FOUND, 'can not find related auth record', 200);
    this.refreshTokens.delete(refreshToken);
    if (record.expiresAt <= this.nowSeconds()) {
      throw new EmulatorRejection(PartnerCode.REFRESH_TOKEN_EXPIRED, 'rt has expired', 200);
    }
    return this.grant(record.shopIds, record.openId);
  }

  /**
   * Checks the `x-tts-access-token` of an API call and returns the shop ids it covers: missing or
   * unknown → 36009004, expired → 105002 (HTTP 401).
   */
  check(token: string | undefined): ReadonlySet<string> {
    if (!token) throw new EmulatorRejection(PartnerCode.INVALID_PARAM, 'Invalid credential: x-tts-access-token is missing', 401);
    const record = this.access.get(token);
    if (!record) throw new EmulatorRejection(PartnerCode.INVALID_PARAM, 'Invalid credential: access token is invalid', 401);
    if (record.expiresAt <= this.nowSeconds()) {
      throw new EmulatorRejection(PartnerCode.ACCESS_TOKEN_EXPIRED, 'Access token is expired, please refresh it', 401);
    }
    return record.shopIds;
  }

  private grant(shopIds: ReadonlySet<string>, openId: string): PartnerTokenGrant {
    const now = this.nowSeconds();
    const accessToken = randomToken('ROW_');
    const refreshToken = randomToken('ROW_');
    const accessExpiresAt = now + this.settings.accessTtlSeconds;
    const refreshExpiresAt = now + this.settings.refreshTtlSeconds;
    this.access.set(accessToken, { expiresAt: accessExpiresAt, shopIds });
    this.refreshTokens.set(refreshToken, { expiresAt: refreshExpiresAt, shopIds, openId });
    return {
      access_token: accessToken,
      access_token_expire_in: accessExpiresAt,
      refresh_token: refreshToken,
      refresh_token_expire_in: refreshExpiresAt,
      open_id: openId,
      seller_name: this.settings.sellerName,
      seller_base_region: this.settings.region,
      user_type: 0,
      granted_scopes: SCOPES,
    };
  }

  private nowSeconds(): number {
    return Math.floor(this.settings.now() / 1000);
  }
}

/** Marketing API tokens: the configured long-lived one plus those `oauth2/access_token/` issues. */
export class MarketingTokens {
  private readonly tokens = new Set<string>();
  private codeUsed = false;

  constructor(
    adsToken: string,
    private readonly authCode: string,
  ) {
    this.tokens.add(adsToken);
  }

  /** Whether `Access-Token` is one this emulator issued. Marketing tokens do not expire here (UNCERTAIN upstream). */
  isValid(token: string): boolean {
    return this.tokens.has(token);
  }

  /** Exchanges the configured auth code once; `undefined` when it is wrong or already used. */
  exchange(authCode: string): string | undefined {
    if (this.codeUsed || authCode !== this.authCode) return undefined;
    this.codeUsed = true;
    const token = randomToken('');
    this.tokens.add(token);
    return token;
  }
}

function randomToken(prefix: string): string {
  return prefix + randomBytes(24).toString('hex');
}
