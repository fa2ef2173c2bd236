import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { execute, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { ShopGraphService } from '../http/shop-graph-service';
import type { GraphContext } from '../resolvers/context';
import type { GatewayContext } from './context';
import type { SubgraphResponse } from './fetch-failure';
import { GATEWAY_CALLER } from '../security/identity';

/**
 * ShopGraph's subgraph in the gateway's process: fetches execute against its schema with the
 * request's {@link GraphContext} (built for the caller the gateway authenticated, so tenancy
 * holds on every root field and `_entities` reference), and its errors are formatted exactly as
 * its HTTP server formats them.
 */
export class InProcessShopGraph implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly service: Pick<ShopGraphService, 'schema' | 'context'>,
    private readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    let document: DocumentNode;
    let contextValue: GraphContext;
    if ('incomingRequestContext' in options && options.context.shopGraph) {
      // The query planner's fetches are valid against the subgraph by construction: no re-validation.
      document = options.document ?? parse(options.request.query ?? '');
      contextValue = options.context.shopGraph;
    } else {
      document = parse(options.request.query ?? '');
      contextValue = await this.service.context(GATEWAY_CALLER);
    }
    const result = await execute({
      schema: this.service.schema,
      document,
      variableValues: options.request.variables,
      operationName: options.request.operationName,
      contextValue,
    });
    return { data: result.data, errors: result.errors?.map((error) => this.formatError(error.toJSON(), error)) };
  }
}
