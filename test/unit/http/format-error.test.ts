import { GraphQLError } from 'graphql';
import { UpstreamError } from '../../../src/upstream/upstream-error';
import { formatError } from '../../../src/http/format-error';

const formatted = (message: string, code = 'INTERNAL_SERVER_ERROR') => ({ message, path: ['x'], extensions: { code, stacktrace: ['at secret/place.ts'] } });

describe('formatError', () => {
  it('masks unexpected errors outside development and keeps them in development', () => {
    const boom = new Error('db password is hunter2');
    expect(formatError(false)(formatted('db password is hunter2'), boom)).toEqual({
      message: 'Unexpected error.',
      path: ['x'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(formatError(true)(formatted('db password is hunter2'), boom).message).toBe('db password is hunter2');
  });

  it.each([
    ['rate_limited', 'UPSTREAM_RATE_LIMITED'],
    ['unavailable', 'UPSTREAM_UNAVAILABLE'],
    ['auth_expired', 'UPSTREAM_AUTH_EXPIRED'],
    ['permission', 'UPSTREAM_PERMISSION_DENIED'],
    ['signature', 'INTERNAL_SERVER_ERROR'],
  ] as const)('maps an upstream %s failure to %s with safe details only', (kind, code) => {
    const error = new UpstreamError(kind, 'sign=abc access_token=xyz', { api: 'partner', code: 1, requestId: 'r1', retryAfterMs: 1500 });
    const out = formatError(false)(formatted('x'), error);
    expect(out.extensions).toMatchObject({ code, upstream: { api: 'partner', code: 1, requestId: 'r1' } });
    expect(JSON.stringify(out)).not.toMatch(/abc|xyz|stacktrace/);
    if (kind === 'rate_limited') expect(out.extensions!.retryAfter).toBe(2);
  });

  it('keeps public GraphQL errors but drops their stack outside development', () => {
    const out = formatError(false)(formatted('shop 1 not found', 'NOT_FOUND'), new GraphQLError('shop 1 not found'));
    expect(out).toEqual({ message: 'shop 1 not found', path: ['x'], extensions: { code: 'NOT_FOUND' } });
  });
});
