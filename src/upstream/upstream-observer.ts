/** An enum value a schema did not know, with the field it came in (a bounded label). */
export interface UnknownValue {
  /** e.g. `order.status`, `return.return_type`. */
  field: string;
  value: string;
}

/** One upstream HTTP attempt, as the clients report it to telemetry (never with secrets). */
export interface UpstreamAttempt {
  api: 'partner' | 'marketing';
  /** Path template, e.g. `/order/202309/orders/search`: a bounded label. */
  path: string;
  attempt: number;
  /** TikTok's code (0 on success) when the body carried one. */
  code?: number;
  /** The failure kind when the attempt failed. */
  errorKind?: string;
  /** When the request went out (ms since epoch) and how long it took. */
  startedAt: number;
  latencyMs: number;
  /** Time spent waiting for a rate-limit slot before sending. */
  waitedMs: number;
  /** Enum values the answer held that ShopGraph does not know (kept as sent). */
  unknownValues?: readonly UnknownValue[];
  /** List rows of the answer ShopGraph could not read (returned beside the page as `rejected`). */
  rejectedRows?: number;
}

/** Receives every upstream attempt (metrics, traces). Must not throw. */
export type UpstreamObserver = (attempt: UpstreamAttempt) => void;
