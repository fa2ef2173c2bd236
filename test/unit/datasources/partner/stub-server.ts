/**
 * A tiny TikTok stand-in on 127.0.0.1 (port 0) for the Partner client tests: records every request,
 * checks the signature of API-host calls with signPartnerRequest exactly as TikTok would (106001 on
 * a mismatch), and answers with whatever the test's handler returns.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signPartnerRequest, signaturesEqual } from '../../../../src/datasources/partner/signing';

export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  signatureOk: boolean | undefined;
}

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent verbatim (for raw or broken bodies). */
  body: unknown;
}

/** `'hang'` never answers (for timeouts). */
export type StubHandler = (request: StubRequest, index: number) => StubReply | 'hang' | Promise<StubReply | 'hang'>;

export interface Stub {
  url: string;
  requests: StubRequest[];
  /** Requests to the API host only (not the token host). */
  apiRequests(): StubRequest[];
  close(): Promise<void>;
}

export const APP_KEY = 'test_app_key';
export const APP_SECRET = 'test_app_secret_value';

/** Success envelope. */
export const ok = (data: unknown, requestId = 'req-ok'): StubReply => ({
  body: { code: 0, message: 'Success', request_id: requestId, data },
});

/** Error envelope with TikTok's code and an HTTP status. */
export const fail = (status: number, code: number, message = 'error', headers?: Record<string, string>): StubReply => ({
  status,
  headers,
  body: { code, message, request_id: `req-${code}`, data: null },
});

export async function startStub(handler: StubHandler): Promise<Stub> {
  const requests: StubRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams);
      const body = Buffer.concat(chunks).toString('utf8');
      const isTokenHost = url.pathname.startsWith('/api/v2/token/');
      const { sign, ...unsigned } = query;
      const signatureOk = isTokenHost
        ? undefined
        : sign !== undefined &&
          signaturesEqual(
            signPartnerRequest({
              path: url.pathname,
              query: unsigned,
              body,
              contentType: req.headers['content-type'],
              appSecret: APP_SECRET,
            }),
            sign,
          );
      const request: StubRequest = { method: req.method ?? '', path: url.pathname, query, headers: req.headers, body, signatureOk };
      requests.push(request);
      void Promise.resolve(signatureOk === false ? fail(401, 106001, 'Invalid sign') : handler(request, requests.length - 1)).then((reply) => {
        if (reply === 'hang') {
          hanging.push(res);
          return;
        }
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apiRequests: () => requests.filter((r) => !r.path.startsWith('/api/v2/token/')),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
