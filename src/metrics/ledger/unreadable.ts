/**
 * Rows TikTok sent that the ledger could not read (an order without a line's `sale_price`, a return
 * without its id...). They are never dropped in silence: each is remembered in the ledger's state
 * until a later read of the same row succeeds, and every window it may belong to says so — the
 * order metrics are then null with the reason (docs/metrics.md, "Rows TikTok sent unreadable").
 */
import type { UnreadableFact } from '../../domain/facts';
import { localDate } from '../../domain/window';
import type { LedgerFeed } from './ledger-source';

/** Rows remembered one by one; past this many, only that there were more (and then every window is affected). */
export const MAX_UNREADABLE = 1_000;

/** A row a search or order detail answered that could not be read into a fact. */
export interface UnreadableRow {
  feed: LedgerFeed;
  /** the row's own id (order id, return id, cancel id), when readable */
  id: string | null;
  /** the order it belongs to, when readable */
  orderId: string | null;
  /** its `create_time` (unix s), when readable */
  createTime: number | null;
  /** where and what, e.g. `orders[3].line_items[0].sale_price: Required` */
  detail: string;
}

/** What a ledger's state keeps of unreadable rows. */
export interface UnreadableState {
  rows: UnreadableRow[];
  /** whether rows beyond {@link MAX_UNREADABLE} were dropped: then no window can be sure */
  overflow: boolean;
}

const keyOf = (row: Pick<UnreadableRow, 'feed' | 'id' | 'orderId' | 'detail'>): string => `${row.feed}:${row.id ?? `?${row.orderId ?? ''}:${row.detail}`}`;

/**
 * Collects, during one sync, which remembered rows were read well since and which rows were read
 * unreadable, then applies that to the state as it is when the sync saves it.
 */
export class UnreadableTracker {
  /** key → the row read unreadable, or null: read well since */
  private readonly events = new Map<string, UnreadableRow | null>();
  private readonly known: Set<string>;

  /** @param previous - the state when the sync started: only its rows (and rows noted since) can be read well */
  constructor(previous: UnreadableState | undefined) {
    this.known = new Set((previous?.rows ?? []).map(keyOf));
  }

  /** Rows of `feed` read well: an earlier unreadable version of any of them is forgotten. */
  read(feed: LedgerFeed, ids: Iterable<string>): void {
    if (this.known.size === 0) return;
    for (const id of ids) {
      const key = `${feed}:${id}`;
      if (this.known.has(key)) this.events.set(key, null);
    }
  }

  unreadable(rows: readonly UnreadableRow[]): void {
    for (const row of rows) {
      const key = keyOf(row);
      this.known.add(key);
      this.events.set(key, row);
    }
  }

  /** Whether the sync found anything to record. */
  get changed(): boolean {
    return this.events.size > 0;
  }

  /** `latest` with this sync's findings applied; bounded to {@link MAX_UNREADABLE} rows. */
  applyTo(latest: UnreadableState | undefined): UnreadableState {
    const rows = new Map((latest?.rows ?? []).map((row) => [keyOf(row), row]));
    let overflow = latest?.overflow ?? false;
    for (const [key, row] of this.events) {
      if (row === null) rows.delete(key);
      else if (rows.has(key) || rows.size < MAX_UNREADABLE) rows.set(key, row);
      else overflow = true;
    }
    return { rows: [...rows.values()], overflow };
  }
}

/**
 * The unreadable rows as facts dated in the shop's days they may count on: an order from its
 * creation day through `lookbackDays` after (the ledger's own assumption of how late an order is
 * paid); a return or cancellation on its order's day when the ledger holds the order, else on any
 * day up to its own creation; unknown times, any day.
 *
 * @param filedOn - the day the ledger files an order under, or null when it holds none
 */
export async function unreadableFacts(
  state: UnreadableState | undefined,
  timeZone: string,
  lookbackDays: number,
  filedOn: (orderId: string) => Promise<string | null>,
): Promise<UnreadableFact[]> {
  const facts: UnreadableFact[] = [];
  for (const row of state?.rows ?? []) {
    if (row.feed === 'orders') {
      const name = row.id ?? 'without a readable id';
      const from = row.createTime === null ? null : localDate(row.createTime, timeZone);
      const to = row.createTime === null ? null : localDate(row.createTime + lookbackDays * 86_400, timeZone);
      facts.push({ kind: 'order', from, to, detail: `order ${name}: ${row.detail}` });
      continue;
    }
    const filed = row.orderId === null ? null : await filedOn(row.orderId);
    if (row.orderId !== null && filed === null) continue; // its order counts in no window the ledger holds
    const to = filed ?? (row.createTime === null ? null : localDate(row.createTime, timeZone));
    const kind = row.feed === 'returns' ? 'return' : 'cancellation';
    const name = row.id !== null ? `${kind} ${row.id}` : row.orderId !== null ? `a ${kind} of order ${row.orderId}` : `a ${kind} without a readable id`;
    facts.push({ kind: 'refund', from: filed, to, detail: `${name}: ${row.detail}` });
  }
  if (state?.overflow) facts.push({ kind: 'order', from: null, to: null, detail: `more than ${MAX_UNREADABLE} rows TikTok sent could not be read` });
  return facts;
}
