import { GraphQLError } from 'graphql';

/**
 * The public error codes: every GraphQL error ShopGraph returns carries one of these in
 * `extensions.code`. Clients branch on them; they never change meaning.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  THROTTLED = 'THROTTLED',
  MAX_COST_EXCEEDED = 'MAX_COST_EXCEEDED',
  UPSTREAM_RATE_LIMITED = 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_AUTH_EXPIRED = 'UPSTREAM_AUTH_EXPIRED',
  UPSTREAM_PERMISSION_DENIED = 'UPSTREAM_PERMISSION_DENIED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A GraphQL error with a public code and optional safe extensions. */
export function publicError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Bad input naming the argument (`argumentName`) that was wrong. */
export function badUserInput(argumentName: string, message: string): GraphQLError {
  return publicError(ErrorCode.BAD_USER_INPUT, `${argumentName}: ${message}`, { argumentName });
}

export function notFound(what: string, id: string): GraphQLError {
  return publicError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
}

/** Public code and safe extensions for a failed upstream call, by what the caller can do. */
export function upstreamErrorCode(kind: string): ErrorCode {
  switch (kind) {
    case 'rate_limited':
      return ErrorCode.UPSTREAM_RATE_LIMITED;
    case 'auth_expired':
      return ErrorCode.UPSTREAM_AUTH_EXPIRED;
    case 'permission':
      return ErrorCode.UPSTREAM_PERMISSION_DENIED;
    case 'not_found':
      return ErrorCode.NOT_FOUND;
    case 'signature':
    case 'bad_request':
      // Our request was wrong (a bug or a wrong app secret): not the caller's fault.
      return ErrorCode.INTERNAL_SERVER_ERROR;
    default:
      return ErrorCode.UPSTREAM_UNAVAILABLE;
  }
}
