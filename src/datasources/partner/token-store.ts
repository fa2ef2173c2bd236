/**
 * Where the seller's OAuth tokens live. Memory by default; a shared (Redis) store lets several
 * replicas use one refresh chain instead of racing each other with rotating refresh tokens.
 */

/** The tokens of one authorization, as ShopGraph keeps them. Times are ABSOLUTE Unix seconds. */
export interface TokenRecord {
  accessToken: string;
  /** When the access token stops working (TikTok's `access_token_expire_in`). */
  accessTokenExpiresAt: number;
  refreshToken: string;
  /** When the refresh token stops working; after it the seller must authorize again. */
  refreshTokenExpiresAt: number;
  openId: string;
  sellerName: string;
  sellerBaseRegion: string;
  userType: number;
  grantedScopes: string[];
}

/** Persistence of token records, one per key (the app key: one authorization per app). */
export interface TokenStore {
  get(key: string): Promise<TokenRecord | undefined>;
  set(key: string, record: TokenRecord): Promise<void>;
}

/** A process-local {@link TokenStore}. Records are copied so callers cannot mutate the store. */
export class MemoryTokenStore implements TokenStore {
  private readonly records = new Map<string, TokenRecord>();

  async get(key: string): Promise<TokenRecord | undefined> {
    const record = this.records.get(key);
    return record && { ...record, grantedScopes: [...record.grantedScopes] };
  }

  async set(key: string, record: TokenRecord): Promise<void> {
    this.records.set(key, { ...record, grantedScopes: [...record.grantedScopes] });
  }
}
