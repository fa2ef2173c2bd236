/**
 * What a client may do. `finance:read` guards the finance fields (statements, payouts,
 * settlements, unit costs, profit metrics); `finance:write` the one write, `setUnitCosts`.
 * `alerts:write` registers and deletes the client's own alert rules (docs/alerts.md).
 * `operator` is for whoever runs ShopGraph, not for tenants: `/metrics` (every tenant's operation
 * names and shop ids) and `/readyz`'s details (addresses, upstream errors); it reads no graph data.
 */
export const SCOPES = [
  'shops:read',
  'orders:read',
  'products:read',
  'ads:read',
  'finance:read',
  'metrics:read',
  'finance:write',
  'alerts:write',
  'operator',
] as const;
export type Scope = (typeof SCOPES)[number];
