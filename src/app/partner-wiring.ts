/**
 * The Partner API side of one app: every seller's token chain, the client that reads a shop with
 * its seller's token, a client per seller for what only a seller can list (its shops), and clients
 * bounded by a request's budget.
 */
import type { Budget } from '../upstream/abort';
import { PartnerClient, type PartnerClientOptions } from '../datasources/partner/partner-client';
import { SellerTokens, type SellerTokensOptions } from '../datasources/partner/seller-tokens';
import type { TokenStore } from '../datasources/partner/token-store';
import { SellerDirectory, type Bootstrap } from '../datasources/seller-directory';
import type { Logger } from '../telemetry/logger';

/** What {@link wirePartner} builds. */
export interface PartnerWiring {
  sellers: SellerTokens;
  directory: SellerDirectory;
  /** Shop-scoped calls with the shop's seller's token, without a request's budget (ledger, webhooks, background). */
  partner: PartnerClient;
  /** The same, bounded by a request's (or a shared load's) budget. */
  partnerFor(budget: Budget): PartnerClient;
}

/** Options of {@link wirePartner}. */
export interface PartnerWiringOptions {
  client: Omit<PartnerClientOptions, 'tokens' | 'budget'>;
  tokens: Omit<SellerTokensOptions, 'sellers'>;
  store: TokenStore;
  bootstrap: Omit<Bootstrap, 'legacy'>;
  /** Drops a seller's cached shop list. */
  forgetShops(sellerId: string): Promise<void>;
  logger: Logger;
}

/**
 * Builds the Partner API side and bootstraps the seller the environment names, if any.
 * @throws UpstreamError when `TTS_AUTH_CODE` is refused and no seller is stored
 */
export async function wirePartner(options: PartnerWiringOptions): Promise<PartnerWiring> {
  const { client, store, logger } = options;
  const sellers = new SellerTokens({ ...options.tokens, sellers: store.sellers(client.appKey) });
  const partnerFor = (budget?: Budget) => new PartnerClient({ ...client, tokens: sellers, budget });
  const directory = new SellerDirectory({
    tokens: sellers,
    // Each seller's shops are listed with that seller's token (the call names no shop).
    listShops: (sellerId, budget) => new PartnerClient({ ...client, tokens: sellers.manager(sellerId), budget }).getAuthorizedShops(),
    forgetShops: options.forgetShops,
    logger,
  });
  await directory.bootstrap({ ...options.bootstrap, legacy: () => store.get(client.appKey) });
  return { sellers, directory, partner: partnerFor(), partnerFor };
}
