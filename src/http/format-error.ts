import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, parse, visit, type GraphQLFormattedError } from 'graphql';
import { UpstreamError } from '../upstream/upstream-error';
import { InvalidWindowError } from '../domain/window';
import { ErrorCode, upstreamErrorCode } from '../errors';

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // Apollo Server's own request-level codes pass through unchanged.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo Server `formatError`: upstream failures become stable public codes with TikTok's code and
 * request id (never its message, which may echo parameters); anything unexpected is masked
 * outside development.
 */
export function formatError(development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof UpstreamError) {
      const code = upstreamErrorCode(original.kind);
      return {
        ...formatted,
        message: upstreamMessage(original),
        extensions: {
          code,
          upstream: { api: original.details.api, code: original.details.code, requestId: original.details.requestId },
          ...(original.details.retryAfterMs === undefined ? {} : { retryAfter: Math.ceil(original.details.retryAfterMs / 1000) }),
        },
      };
    }
    if (original instanceof InvalidWindowError) {
      return { ...formatted, message: `range: ${original.message}`, extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'range' } };
    }
    const code = String(formatted.extensions?.code ?? '');
    // A bad scalar literal fails validation; it is still the caller's input that is wrong.
    if (code === 'GRAPHQL_VALIDATION_FAILED' && /^Expected value of type/.test(formatted.message)) {
      const argumentName = original instanceof GraphQLError ? argumentAt(original) : undefined;
      return {
        ...formatted,
        message: argumentName ? `${argumentName}: ${formatted.message}` : formatted.message,
        extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) },
      };
    }
    if (PUBLIC_CODES.has(code) && (original instanceof GraphQLError || code !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      return development ? formatted : withoutStack(formatted);
    }
    if (development) return formatted;
    return { message: 'Unexpected error.', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

function upstreamMessage(e: UpstreamError): string {
  const where = e.details.api === 'marketing' ? 'TikTok Marketing API' : 'TikTok Shop API';
  switch (e.kind) {
    case 'rate_limited':
      return `${where} rate limit reached; try again shortly`;
    case 'auth_expired':
      return `${where} authorization expired; the seller must re-authorize the app`;
    case 'permission':
      return `${where} refused access (missing scope or shop not authorized)`;
    case 'not_found':
      return `${where}: not found`;
    case 'signature':
    case 'bad_request':
      return `${where} rejected the request`;
    default:
      return `${where} is unavailable`;
  }
}

/** The name of the argument whose literal a validation error points at. */
function argumentAt(error: GraphQLError): string | undefined {
  const position = error.positions?.[0];
  if (!error.source || position === undefined) return undefined;
  let name: string | undefined;
  try {
    visit(parse(error.source), {
      Argument(node) {
        if (node.loc && node.loc.start <= position && position < node.loc.end) name = node.name.value;
      },
    });
  } catch {
    return undefined;
  }
  return name;
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
