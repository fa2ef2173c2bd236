import type { GraphQLFormattedError } from 'graphql';
import { formatError } from '../http/format-error';

/**
 * The gateway's `formatError`. An error a subgraph answered (the gateway marks it with
 * `extensions.serviceName`) is already that subgraph's public answer: it passes through with its
 * message, code and path, minus any stack trace outside development. Everything else (the
 * gateway's own refusals and failures) is formatted as ShopGraph formats its errors.
 */
export function formatGatewayError(development: boolean): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const own = formatError(development);
  return (formatted, error) => {
    if (typeof formatted.extensions?.serviceName !== 'string') return own(formatted, error);
    if (development) return formatted;
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  };
}
