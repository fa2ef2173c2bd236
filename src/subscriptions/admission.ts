/**
 * Whether a subscription may start, decided once, before anything runs, by the rules every query
 * meets (the same limits, scopes and cost model as `/graphql`): its text is bounded, parsed with
 * the token limit and validated with the shape limits; it must be a subscription (queries and
 * mutations go to `/graphql`); the caller needs the scopes of what it selects; its cost — what one
 * event of it costs, counted like a query — must fit the maximum and is taken from the caller's
 * bucket when it starts (never again per event); and the caller must have a subscription slot
 * left. Both transports (graphql-sse, graphql-ws) turn a refusal into their protocol's error.
 */
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type OperationTypeNode,
} from 'graphql';
import type { ShopData } from '../datasources/shop-data';
import { ErrorCode, publicError } from '../errors';
import type { Caller } from '../security/caller';
import { requestedCost } from '../security/cost';
import type { BucketStore } from '../security/leaky-bucket';
import { operationLimitsRule, type OperationLimits } from '../security/operation-limits';
import { missingScopes } from '../security/scopes';
import { shopCount } from '../security/use-cost-limit';
import type { Slot, SubscriptionSlots } from './slots';

/** The limits a subscription document meets (the app's `SecurityLimits`). */
export interface AdmissionLimits extends OperationLimits {
  maxTokens: number;
  maxCost: number;
  maxQueryBytes?: number;
}

/** What {@link admitSubscription} needs besides the request. */
export interface AdmissionSettings {
  schema: GraphQLSchema;
  limits: AdmissionLimits;
  buckets: BucketStore;
  slots: SubscriptionSlots;
}

/** A subscribe request's parameters as a transport received them (not yet trusted). */
export interface SubscribeParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** An admitted subscription: what to execute, what it cost, and the slot it holds. */
export interface Admitted {
  ok: true;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string;
  variables: Record<string, unknown>;
  cost: number;
  slot: Slot;
}

/** A refusal: errors and the HTTP status (and headers) it calls for. */
export interface Refused {
  ok: false;
  status: number;
  errors: GraphQLError[];
  headers?: Record<string, string>;
  /**
   * The document itself was refused (syntax, validation, no such operation, variables, not a
   * subscription): GraphQL over SSE reports these in the stream, not as an HTTP error.
   */
  document?: { operationType?: OperationTypeNode };
}

const DEFAULT_MAX_QUERY_BYTES = 65_536;

function refuse(status: number, errors: GraphQLError[], headers?: Record<string, string>): Refused {
  return { ok: false, status, errors, headers };
}

function refuseDocument(errors: GraphQLError[], operationType?: OperationTypeNode): Refused {
  return { ok: false, status: 400, errors, document: { operationType } };
}

function badRequest(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'BAD_REQUEST' } });
}

/** Decides whether `params` may start as a subscription of `caller`; takes its cost and slot when it may. */
export async function admitSubscription(
  settings: AdmissionSettings,
  params: SubscribeParams,
  caller: Caller,
  shops: { shopData: Pick<ShopData, 'shops'> },
): Promise<Admitted | Refused> {
  const { schema, limits } = settings;
  const maxQueryBytes = limits.maxQueryBytes ?? DEFAULT_MAX_QUERY_BYTES;
  if (typeof params.query !== 'string' || params.query === '') return refuse(400, [badRequest('query must be a non-empty string')]);
  if (Buffer.byteLength(params.query) > maxQueryBytes) {
    return refuse(413, [
      badRequest(`Query is larger than the limit of ${maxQueryBytes} bytes (maxQueryBytes)`, { limit: 'maxQueryBytes', maximum: maxQueryBytes }),
    ]);
  }
  const variables = params.variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return refuse(400, [badRequest('variables must be an object')]);
  if (params.operationName !== undefined && params.operationName !== null && typeof params.operationName !== 'string') {
    return refuse(400, [badRequest('operationName must be a string')]);
  }
  const operationName = params.operationName ?? undefined;

  let document: DocumentNode;
  try {
    document = parse(params.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'Syntax Error';
    return refuseDocument([new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
  }
  const invalid = validate(schema, document, [...specifiedRules, operationLimitsRule(limits)]);
  if (invalid.length > 0) {
    return refuseDocument(
      invalid.map(
        (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: e.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED' } }),
      ),
      getOperationAST(document, operationName)?.operation,
    );
  }
  const operation = getOperationAST(document, operationName);
  if (!operation)
    return refuseDocument([
      new GraphQLError('Unable to identify the operation to run: name it with operationName', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }),
    ]);
  if (operation.operation !== 'subscription') {
    return refuseDocument(
      [badRequest(`Only subscriptions are served here; send ${operation.operation === 'query' ? 'queries' : 'mutations'} to /graphql`)],
      operation.operation,
    );
  }

  const missing = missingScopes(schema, document, operation, caller.scopes);
  const first = missing[0];
  if (first) {
    return refuse(403, [
      publicError(ErrorCode.FORBIDDEN, `${first.at} needs the ${first.scope} scope, which this client does not have`, {
        missingScopes: missing.map((m) => m.scope),
      }),
    ]);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables as Record<string, unknown>);
  if (coerced.errors)
    return refuseDocument(
      coerced.errors.map((e) => publicError(ErrorCode.BAD_USER_INPUT, e.message)),
      operation.operation,
    );

  const cost = requestedCost({ schema, document, operationName, variables: coerced.coerced, shopCount: await shopCount({ caller, shopData: shops.shopData }) });
  const maximum = Math.min(limits.maxCost, caller.cost?.bucket ?? limits.maxCost);
  if (cost > maximum) {
    return refuse(400, [publicError(ErrorCode.MAX_COST_EXCEEDED, `Subscription cost ${cost} exceeds the maximum of ${maximum}`, { cost, maximum })]);
  }
  const taken = settings.slots.take(caller.name);
  if ('refused' in taken) {
    const { limit, maximum: most } = taken.refused;
    const whose = limit === 'maxPerClient' ? 'this client has' : 'this server has';
    return refuse(429, [
      publicError(ErrorCode.THROTTLED, `Too many subscriptions: ${whose} ${most} open, the most allowed (subscriptions.${limit}); end one first`, {
        limit,
        maximum: most,
      }),
    ]);
  }
  if (caller.cost) {
    const bucket = await settings.buckets.take(caller.name, cost, caller.cost).catch((error: unknown) => {
      taken.slot.release();
      throw error;
    });
    if (!bucket.ok) {
      taken.slot.release();
      const retryAfter = Math.max(1, Math.ceil((cost - bucket.available) / caller.cost.restorePerSecond));
      return refuse(
        429,
        [
          publicError(
            ErrorCode.THROTTLED,
            `Throttled: this subscription costs ${cost}, ${Math.floor(bucket.available)} is available; retry in ${retryAfter} s`,
            { cost, retryAfter },
          ),
        ],
        {
          'retry-after': String(retryAfter),
        },
      );
    }
  }
  return { ok: true, document, operation, operationName, variables: variables as Record<string, unknown>, cost, slot: taken.slot };
}
