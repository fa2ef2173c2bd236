// Declared with the config, which refuses to let the gateway forward it (a client must not choose its own identity).
/**
 * The header in which the gateway tells ShopGraph's subgraph who the caller is:
 * `base64url(canonical JSON).base64url(HMAC-SHA256)`. The subgraph trusts nothing else about a
 * gateway request, so a subgraph reachable by mistake still enforces tenancy.
 */
export const IDENTITY_HEADER = 'x-shopgraph-identity';
