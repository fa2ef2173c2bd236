/**
 * Live mode: `metricsChanged` for the shop and window on screen over GraphQL over SSE
 * (docs/real-time.md), through graphql-sse's client — it streams over `fetch`, so the API key goes
 * as a header, which the browser's EventSource cannot send. The first push is the figures as they
 * are (already on screen); each later one means they moved. When the stream fails or is refused,
 * the page is told, and polls instead.
 */
import { createClient, type Client } from 'graphql-sse';
import { DashboardLiveDocument, type DateRange } from './generated/graphql';

/** Where the dashboard hears about a live subscription. */
export interface LiveHandlers {
  /** The figures moved: reload them. */
  moved(): void;
  /** The stream ended or was refused (`why` in words): poll instead. */
  failed(why: string): void;
}

/** One live subscription; `stop` ends it quietly. */
export interface LiveFeed {
  stop(): void;
}

/** The SSE endpoint next to the page's `/graphql`. */
export const STREAM_PATH = '/graphql/stream';

/** Subscribes to the figures of `shopId` over `range`. */
export function followFigures(shopId: string, range: DateRange, apiKey: string | undefined, handlers: LiveHandlers): LiveFeed {
  let stopped = false;
  const client: Client = createClient({
    url: new URL(STREAM_PATH, location.href).toString(),
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    // One attempt: on failure the page polls, and the next window change tries the stream again.
    retryAttempts: 0,
    credentials: 'same-origin',
  });
  let pushes = 0;
  const unsubscribe = client.subscribe(
    { query: DashboardLiveDocument.toString(), variables: { shopId, range } },
    {
      next: (result) => {
        if (stopped) return;
        if (result.errors?.length) {
          handlers.failed(result.errors.map((e) => e.message).join('; '));
          return;
        }
        if (++pushes > 1) handlers.moved();
      },
      error: (error: unknown) => {
        if (!stopped) handlers.failed(describe(error));
      },
      complete: () => {
        if (!stopped) handlers.failed('the stream ended');
      },
    },
  );
  return {
    stop() {
      stopped = true;
      unsubscribe();
      client.dispose();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error instanceof Response) return `HTTP ${error.status}`;
  if (Array.isArray(error)) return error.map((e: { message?: unknown }) => String(e.message)).join('; ');
  return 'the stream failed';
}
