/**
 * Where sellers' OAuth tokens live. Every seller who authorized the app has its own refresh chain
 * (TikTok rotates refresh tokens per authorization), so a seller authorizing, re-authorizing or
 * being revoked touches its own chain only. Memory by default; a shared (Redis) store lets
 * replicas use each chain together instead of racing each other with rotating refresh tokens.
 */
import { BackendTokenStore, MemorySecretBackend, PLAIN_CODEC } from './seller-store';

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

/** A seller who authorized the app. No secrets: its tokens are kept beside it, sealed like them. */
export interface SellerEntry {
  /**
   * TikTok's `open_id` of the authorization (stable per seller and app), or `env-…` for the one
   * `TTS_REFRESH_TOKEN` bootstrapped before TikTok named it.
   */
  id: string;
  name: string;
  region: string;
  /** The shops its authorization covered when last listed; absent until first listed. */
  shopIds?: string[];
  /** When the seller (last) authorized the app (ms): a shop two authorizations list is read with the newest. */
  authorizedAt: number;
}

/** The slot one token chain is kept in. */
export interface TokenSlot {
  read(): Promise<TokenRecord | undefined>;
  /** Stores the chain's newest tokens; false, storing nothing, when the seller was revoked meanwhile. */
  write(record: TokenRecord): Promise<boolean>;
}

/** The sellers who authorized one app, each with its own refresh chain. */
export interface SellerStore {
  list(): Promise<SellerEntry[]>;
  /** Adds a seller, or replaces that same seller's entry and chain (never another's), in one write. */
  put(entry: SellerEntry, tokens: TokenRecord): Promise<void>;
  /** Rewrites a listed seller's entry (the shops it covers); false when it is no longer listed. */
  update(entry: SellerEntry): Promise<boolean>;
  /** Removes a seller and its chain; false when it was not listed. */
  remove(id: string): Promise<boolean>;
  tokens(id: string): TokenSlot;
}

/** Persistence of token records. */
export interface TokenStore {
  /** The single record of earlier versions (one authorization per app), kept to adopt it once. */
  get(key: string): Promise<TokenRecord | undefined>;
  set(key: string, record: TokenRecord): Promise<void>;
  /** The sellers of one app (its app key). */
  sellers(app: string): SellerStore;
}

/** A process-local {@link TokenStore}: records live in this process's memory, as plain copies. */
export class MemoryTokenStore extends BackendTokenStore {
  constructor() {
    super(new MemorySecretBackend(), PLAIN_CODEC, '');
  }
}
