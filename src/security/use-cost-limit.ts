import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { getVariableValues } from 'graphql';
import type { ShopData } from '../datasources/shop-data';
import { ErrorCode, publicError } from '../errors';
import type { Caller } from './caller';
import { actualCost, requestedCost, type CostInput } from './cost';
import type { BucketStore } from './leaky-bucket';

/** Options of {@link useCostLimit}. */
export interface CostLimitOptions {
  /** Largest cost one operation may request. @default 1000 */
  maxCost: number;
  buckets: BucketStore;
}

/** What every response reports in `extensions.cost` (Shopify's shape). */
export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number;
  /** Null for the local caller, which is not throttled. */
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null;
}

type CostContext = { caller: Caller; shopData: Pick<ShopData, 'shops'> };

/** What admission decided about one operation. */
interface Admission {
  input?: CostInput;
  requested: number;
  /** Taken from the caller's bucket (0 for the unthrottled local caller). */
  charged: number;
  /** Allowed to execute as far as cost goes. */
  admitted: boolean;
}

/**
 * Cost analysis and per-client throttling: before execution the operation's cost is computed,
 * refused over the maximum (`MAX_COST_EXCEEDED`) and taken from the caller's leaky bucket
 * (`THROTTLED`, HTTP 429 with `Retry-After`, when it holds too little); after execution what was
 * requested but not used goes back into the bucket.
 */
export function useCostLimit<TContext extends CostContext>(options: CostLimitOptions): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const state: Admission = { requested: 0, charged: 0, admitted: false };
      // Apollo runs every plugin's didResolveOperation at once and answers at the first refusal
      // (a missing scope, say): the response must wait for this admission's bucket accounting.
      let admission: Promise<void> | undefined;
      return {
        didResolveOperation(requestContext) {
          admission = admit(requestContext, state, options);
          return admission;
        },
        async willSendResponse({ response, contextValue: { caller } }) {
          await admission?.catch(() => undefined);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const actual = state.admitted && state.input ? Math.min(state.requested, actualCost(state.input, result.data)) : 0;
          let throttleStatus: CostExtension['throttleStatus'] = null;
          if (caller.cost) {
            const bucket = await options.buckets.refund(caller.name, state.charged - Math.min(actual, state.charged), caller.cost);
            throttleStatus = {
              maximumAvailable: caller.cost.bucket,
              currentlyAvailable: Math.floor(bucket.available),
              restoreRate: caller.cost.restorePerSecond,
            };
          }
          const cost: CostExtension = { requestedQueryCost: state.requested, actualQueryCost: actual, throttleStatus };
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}

async function admit<TContext extends CostContext>(
  { schema, document, operation, operationName, request, contextValue }: GraphQLRequestContextDidResolveOperation<TContext>,
  state: Admission,
  options: CostLimitOptions,
): Promise<void> {
  if (!operation) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) return; // execution refuses the variables before any resolver runs
  const { caller } = contextValue;
  state.input = { schema, document, operationName, variables: coerced.coerced, shopCount: await shopCount(contextValue) };
  state.requested = requestedCost(state.input);
  const bucket = caller.cost;
  const maximum = Math.min(options.maxCost, bucket?.bucket ?? options.maxCost);
  if (state.requested > maximum) {
    throw publicError(ErrorCode.MAX_COST_EXCEEDED, `Query cost ${state.requested} exceeds the maximum of ${maximum}`, {
      cost: state.requested,
      maximum,
      http: { status: 400 },
    });
  }
  if (bucket) {
    const taken = await options.buckets.take(caller.name, state.requested, bucket);
    if (!taken.ok) {
      const retryAfter = Math.max(1, Math.ceil((state.requested - taken.available) / bucket.restorePerSecond));
      throw publicError(
        ErrorCode.THROTTLED,
        `Throttled: this query costs ${state.requested}, ${Math.floor(taken.available)} is available; retry in ${retryAfter} s`,
        {
          cost: state.requested,
          retryAfter,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
        },
      );
    }
    state.charged = state.requested;
  }
  state.admitted = true;
}

/** Shops the caller sees: its list, or the app's authorized shops (cached) for `*`. Subscriptions count them the same way. */
export async function shopCount(ctx: CostContext): Promise<number> {
  if (ctx.caller.shops !== '*') return ctx.caller.shops.size;
  try {
    return (await ctx.shopData.shops()).value.length;
  } catch {
    return 1; // the shop list is failing: so will every field that would have listed shops
  }
}
