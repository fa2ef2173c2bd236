import { isUtf8 } from 'node:buffer';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ErrorCode } from '../errors';

/** HSTS: a year, subdomains included; sent only over HTTPS (browsers ignore it on plain HTTP). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The usual security headers on every response. The Content-Security-Policy locks down JSON
 * answers only: the Sandbox landing page (HTML) loads Apollo's scripts.
 */
export function addSecurityHeaders(app: FastifyInstance, https: boolean): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    }
    if (https) reply.header('strict-transport-security', HSTS);
    return payload;
  });
}

/**
 * JSON bodies must be valid UTF-8 (RFC 8259 §8.1): the default parser would turn bad bytes into
 * U+FFFD silently and run a query nobody sent. Prototype poisoning stays refused.
 */
export function useStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(Object.assign(new Error('Request body is not valid UTF-8'), { statusCode: 400, code: 'INVALID_UTF8' }), undefined);
      return;
    }
    parseJson(request, bytes.toString('utf8'), done);
  });
}

/**
 * Answers refusals outside GraphQL (body too large, malformed JSON, bad media type) as GraphQL
 * errors with a 4xx that names what was wrong; anything else is a masked 500.
 */
export function useErrorAnswers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ errors: [{ message: 'Unexpected error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
    }
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `Request body is larger than the limit of ${bodyLimit} bytes (bodyLimit)`
        : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
          ? 'Request body is not valid JSON'
          : error.message;
    return reply
      .code(status)
      .send({ errors: [{ message, extensions: { code: 'BAD_REQUEST', ...(status === 413 ? { limit: 'bodyLimit', maximum: bodyLimit } : {}) } }] });
  });
}

/** The operation texts of a GraphQL request: the body's `query` (each one of a batch), or GET's. */
function queryTexts(body: unknown, querystring: unknown): string[] {
  const texts: string[] = [];
  for (const part of [...(Array.isArray(body) ? body : [body]), querystring]) {
    const text = (part as { query?: unknown } | null | undefined)?.query;
    if (typeof text === 'string') texts.push(text);
  }
  return texts;
}

/**
 * Refuses an operation whose text is over `maxQueryBytes` before it is parsed or persisted:
 * whitespace and comments cost no token, so the token limit alone let 900 KB queries through —
 * and into the persisted-query store (issue 17, finding 4). HTTP 413 naming the limit.
 */
export function useQuerySizeLimit(app: FastifyInstance, path: string, maxQueryBytes: number): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== path) return;
    const over = queryTexts(request.body, request.query).find((text) => Buffer.byteLength(text) > maxQueryBytes);
    if (over === undefined) return;
    return reply.code(413).send({
      errors: [
        {
          message: `Query is larger than the limit of ${maxQueryBytes} bytes (maxQueryBytes)`,
          extensions: { code: 'BAD_REQUEST', limit: 'maxQueryBytes', maximum: maxQueryBytes },
        },
      ],
    });
  });
}
