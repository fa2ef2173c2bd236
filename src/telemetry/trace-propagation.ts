/**
 * W3C trace context on every outgoing `fetch` (TikTok's APIs, the gateway's subgraphs): the
 * current span's `traceparent` (and `tracestate`) as the registered propagator writes them, so
 * whoever ShopGraph calls can join the caller's trace. It listens on undici's diagnostics channel
 * (Node's `fetch` is undici), so no client has to pass headers along, and costs nothing when no
 * span is active.
 * @see https://www.w3.org/TR/trace-context/
 * @see https://nodejs.org/api/diagnostics_channel.html
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { context, propagation, trace } from '@opentelemetry/api';

/** What undici publishes on `undici:request:create`: the request it is about to send. */
interface UndiciRequestCreate {
  request: { headers: string | string[] | Record<string, string>; addHeader(name: string, value: string): unknown };
}

const CHANNEL = 'undici:request:create';

/** Whether the request already names a trace (a caller set its own `traceparent`). */
function hasTraceparent(headers: UndiciRequestCreate['request']['headers']): boolean {
  if (typeof headers === 'string') return /(^|\r\n)traceparent:/i.test(headers);
  if (Array.isArray(headers)) return headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'traceparent');
  return Object.keys(headers).some((h) => h.toLowerCase() === 'traceparent');
}

/**
 * Starts writing trace context on outgoing fetches.
 * @returns stops it
 */
export function propagateOnFetch(): () => void {
  const onCreate = (message: unknown) => {
    const { request } = message as UndiciRequestCreate;
    const active = context.active();
    if (!trace.getSpanContext(active) || hasTraceparent(request.headers)) return;
    propagation.inject(active, request, { set: (carrier, name, value) => carrier.addHeader(name, value) });
  };
  subscribe(CHANNEL, onCreate);
  return () => {
    unsubscribe(CHANNEL, onCreate);
  };
}
