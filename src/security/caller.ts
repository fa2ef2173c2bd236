import { SCOPES, type Scope } from './scopes';

/** A leaky bucket of query cost: its size and how fast it refills. */
export interface BucketSettings {
  bucket: number;
  restorePerSecond: number;
}

/** Who is calling, as every request knows it after authentication. */
export interface Caller {
  /** Client name (API key), `jwt:<sub>`, or `local` when authentication is off. */
  readonly name: string;
  readonly kind: 'api-key' | 'jwt' | 'local';
  /** The shops it may read; `'*'` is every shop the app is authorized for. */
  readonly shops: '*' | ReadonlySet<string>;
  readonly scopes: ReadonlySet<Scope>;
  /** Its cost bucket; none for the local caller (nobody to throttle on loopback). */
  readonly cost?: BucketSettings;
}

/**
 * The caller of a gateway without clients: it listens on loopback only, so whoever reaches it is
 * on this machine, and is not throttled (cost limits still apply). Also what in-process callers
 * (benchmarks) run as.
 */
export const LOCAL_CALLER: Caller = { name: 'local', kind: 'local', shops: '*', scopes: new Set(SCOPES) };

/** Whether the caller may read the shop. */
export function canSeeShop(caller: Caller, shopId: string): boolean {
  return caller.shops === '*' || caller.shops.has(shopId);
}
