/**
 * Which pages may open a subscription. A browser attaches `Origin` to a WebSocket handshake and to
 * cross-origin requests, and lets any page open a WebSocket or an EventSource to any address: a
 * page on another site could otherwise subscribe as whoever this machine is to ShopGraph (with
 * authentication off on loopback, the local caller; cross-site WebSocket hijacking). So a request
 * with an `Origin` is served only when that origin is ShopGraph's own or a configured CORS origin;
 * requests without one (servers, routers, CLI tools) are not browsers' and pass to authentication.
 * Except one: a page's no-cors request (an `<img>` or `<script>` pointed at the stream) carries no
 * `Origin`, but a browser marks it `Sec-Fetch-Site: cross-site` or `same-site` (another port of
 * localhost is the same site). Such a request cannot read the stream, yet would hold one of the
 * caller's subscription slots open; a page's own fetch or EventSource to another origin always
 * sends `Origin`, so refusing these costs no legitimate client anything.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Why a request's origin may not subscribe, or null when it may. */
export function originProblem(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): string | null {
  const origin = headers.origin;
  if (origin === undefined) {
    const site = headers['sec-fetch-site'];
    return site === 'cross-site' || site === 'same-site' ? `A ${site} request without an Origin (a page's no-cors request) may not subscribe` : null;
  }
  if (allowed.has(origin)) return null;
  const host = headers.host;
  try {
    if (host !== undefined && new URL(origin).host === host.toLowerCase()) return null;
  } catch {
    // not a URL: refused below
  }
  return `Subscriptions from ${JSON.stringify(origin.slice(0, 100))} are not allowed (cors.origins in the config file)`;
}
