/**
 * Test helpers: a loopback HTTP stub standing in for TikTok, a fake retry clock that never
 * sleeps, and a log capture.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../../../src/telemetry/logger';
import type { RetryEnv } from '../../../../src/upstream/retry';

/** A request as the stub saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What a handler answers: a JSON value (HTTP 200) or a raw status + text. */
export type StubReply = { json: unknown; status?: number } | { status: number; text: string; headers?: Record<string, string> };

export interface Stub {
  baseUrl: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a stub on 127.0.0.1, port 0. */
export async function startStub(handler: (request: SeenRequest) => StubReply): Promise<Stub> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      const reply = handler(seen);
      if ('json' in reply) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.json));
      } else {
        res.writeHead(reply.status, { 'content-type': 'text/html', ...reply.headers });
        res.end(reply.text);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A successful envelope. */
export function ok(data: unknown, requestId = 'req-ok'): StubReply {
  return { json: { code: 0, message: 'OK', request_id: requestId, data } };
}

/** An error envelope, HTTP 200 as TikTok sends them. */
export function tiktokError(code: number, message = 'error', requestId = 'req-err'): StubReply {
  return { json: { code, message, request_id: requestId, data: {} } };
}

/** A page block. */
export function pageInfo(page: number, totalPage: number, pageSize = 1000): unknown {
  return { page, page_size: pageSize, total_number: totalPage * pageSize, total_page: totalPage };
}

/** A retry environment whose clock only moves when the retry loop "sleeps". */
export function fakeRetryEnv(): RetryEnv & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
}

/** A real (redacting) logger writing into an array. */
export function captureLogs(): { logger: Logger; lines: string[]; entries: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
