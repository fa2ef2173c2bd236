import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { badUserInput, ErrorCode, notFound, publicError } from '../errors';
import { decimalIdProblem } from '../security/decimal-id';
import { SCOPE_OF_TYPE } from '../security/scopes';
import { assertShopVisible } from '../security/tenancy';
import type { GraphContext } from './context';
import { requireShop } from './context';
import { toOrder } from './map-order';
import { findCampaign, toTypedCampaign } from './campaigns';
import { toProduct, toShop } from './map-shop';
import { readable } from './rejected';

/**
 * `__resolveReference` of each entity: references from the router resolve through the request's
 * DataLoaders, so 120 order references cost 3 order-detail calls, not 120. Each checks the
 * caller's shops first: a router forwards whatever references a client asked for.
 */
export const entityResolvers = {
  Shop: async (ref: { id: string }, ctx: GraphContext) => {
    assertShopVisible(ctx.caller, ref.id);
    const shop = await ctx.loaders.shop.load(ref.id);
    return shop ? toShop(shop) : null;
  },
  Order: async (ref: { shopId: string; id: string }, ctx: GraphContext) => {
    await requireShop(ctx, ref.shopId);
    const order = await readable(ctx.loaders.order.load({ shopId: ref.shopId, id: ref.id }));
    return order ? toOrder(ref.shopId, order) : null;
  },
  Product: async (ref: { shopId: string; id: string }, ctx: GraphContext) => {
    await requireShop(ctx, ref.shopId);
    const product = await ctx.loaders.product.load({ shopId: ref.shopId, id: ref.id });
    return product ? toProduct(ref.shopId, product) : null;
  },
  Campaign: async (ref: { advertiserId: string; id: string }, ctx: GraphContext) => {
    await requireAdvertiser(ctx, ref.advertiserId);
    const [campaign, advertiser] = await Promise.all([findCampaign(ctx, ref.advertiserId, ref.id), ctx.metrics.advertiserInfo(ref.advertiserId)]);
    return campaign ? toTypedCampaign(campaign, advertiser) : null;
  },
};

/** The `@key` fields of each entity (schema.graphql): all TikTok ids. */
const ENTITY_KEYS: Readonly<Record<keyof typeof entityResolvers, readonly string[]>> = {
  Shop: ['id'],
  Order: ['shopId', 'id'],
  Product: ['shopId', 'id'],
  Campaign: ['advertiserId', 'id'],
};

/** The entity a representation names, once its shape is checked: BAD_USER_INPUT naming it otherwise. */
function entityOf(rep: unknown, at: string): keyof typeof ENTITY_KEYS {
  if (typeof rep !== 'object' || rep === null || Array.isArray(rep)) throw badUserInput(at, 'must be an object');
  const fields = rep as Record<string, unknown>;
  const typename = fields.__typename;
  if (typeof typename !== 'string' || !Object.hasOwn(ENTITY_KEYS, typename)) {
    const shown = typeof typename === 'string' ? JSON.stringify(typename.slice(0, 40)) : typeof typename;
    throw badUserInput(at, `__typename must be one of ${Object.keys(ENTITY_KEYS).join(', ')}, got ${shown}`);
  }
  const entity = typename as keyof typeof ENTITY_KEYS;
  for (const key of ENTITY_KEYS[entity]) {
    const problem = decimalIdProblem(fields[key]);
    if (problem) throw badUserInput(`${at}.${key}`, problem);
  }
  return entity;
}

/**
 * Checks every representation before any is looked up: each an object naming one of ShopGraph's
 * entities with decimal-id keys (all shapes first, so the answer does not depend on scopes), then
 * of a type the caller has the scope for. The scope is needed even when only `__typename` is
 * selected: `null` or not would tell whether an order exists.
 */
function checkRepresentations(representations: unknown, ctx: GraphContext): void {
  if (!Array.isArray(representations)) throw badUserInput('representations', 'must be a list');
  const entities = new Set(representations.map((rep: unknown, i) => entityOf(rep, `representations[${i}]`)));
  for (const entity of entities) {
    const scope = SCOPE_OF_TYPE[entity];
    if (scope && !ctx.caller.scopes.has(scope)) {
      throw publicError(ErrorCode.FORBIDDEN, `${entity} references need the ${scope} scope, which this client does not have`, {
        missingScopes: [scope],
        http: { status: 403 },
      });
    }
  }
}

/**
 * Replaces `_entities`' resolver: representations are checked first (see above), then each one
 * is resolved on its own, so a reference failing — even synchronously inside `@apollo/subgraph` —
 * fails only its own place and never leaves a sibling's lookup running with nobody awaiting it.
 * An unawaited rejected lookup is what took the process down (issue 17, finding 1).
 */
export function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) return;
  const resolve: GraphQLFieldResolver<unknown, GraphContext> = field.resolve;
  field.resolve = (source, args: { representations?: unknown }, ctx: GraphContext, info) => {
    checkRepresentations(args.representations, ctx);
    return (args.representations as unknown[]).map((rep) => {
      try {
        const [one] = resolve(source, { representations: [rep] }, ctx, info) as unknown[];
        return one;
      } catch (error) {
        return Promise.reject(error);
      }
    });
  };
}

/** NOT_FOUND unless the advertiser sells for one of the caller's shops (as for shops). */
async function requireAdvertiser(ctx: GraphContext, advertiserId: string): Promise<void> {
  const shops = ctx.caller.shops;
  if (shops === '*') return;
  const linked = await Promise.all([...shops].map((shopId) => ctx.metrics.advertisers(shopId)));
  if (!linked.flat().some((a) => a.advertiserId === advertiserId)) {
    throw notFound('advertiser', advertiserId);
  }
}
