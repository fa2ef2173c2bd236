/**
 * Cached, single-flight access to TikTok's finance API for one app: daily statements, payments,
 * each statement's transactions and each order's settlement, plus the unit costs COGS needs.
 * Keys carry the app key and shop id like every other cached answer, so no tenant's entry answers
 * another's. Resolvers reach a shop only through `requireShop` before calling here.
 *
 * A statement never changes once generated, but its payment status does for a few days (TikTok
 * pays it out later), so lists reaching into the last days are cached briefly and older ones long.
 * @see docs/tiktok-api.md (the finance rows)
 */
import type { Fetcher } from '../cache/cached-fetch';
import type { SettlementFact } from './finance-facts';
import { settlementFacts } from './finance-facts';
import { orderCountedTime } from './partner-facts';
import type { UnitCostStore } from '../domain/finance-costs';
import { windowBounds, type DateWindow } from '../domain/window';
import type { PartnerClient } from './partner/partner-client';
import type { FinancePayment, OrderStatementTransactions, PartnerOrder, PartnerStatement, StatementTransaction } from './partner/schemas';
import type { RejectedRow } from './lenient';
import type { ShopData, UpstreamPage } from './shop-data';
import type { ShopInfo } from './shop-directory';
import { UpstreamError } from '../upstream/upstream-error';
import { CACHE_VERSION, walkFetchedPages, type Fetched, type FetchedPage, type OpenClosedTtls } from './fetched';

/** The finance calls this reads (a subset of the Partner client). */
export type FinanceReader = Pick<PartnerClient, 'getStatements' | 'getPayments' | 'getStatementTransactions' | 'getOrderStatementTransactions'>;

/** A finance answer and how fresh our copy is. */
export type FinanceAnswer<T> = Fetched<T>;

/** One page of a finance list, with its freshness. */
export type FinancePage<T> = FetchedPage<T>;

/** How long finance answers stay fresh (ms): statements older than a few days are final. */
export type FinanceTtls = OpenClosedTtls;

export const DEFAULT_FINANCE_TTLS: FinanceTtls = { closed: 12 * 3_600_000, open: 10 * 60_000 };
/** TikTok's maximum page size of the finance lists. */
export const FINANCE_PAGE_SIZE = 100;
/**
 * How long after a window ShopGraph looks for the statements settling its orders: TikTok settles
 * an order some days after delivery, and delivery itself can take weeks.
 */
export const SETTLEMENT_HORIZON_DAYS = 90;
/** Orders are searched by creation time; this reaches back for orders paid days after creation (as the ledger does). */
const LOOKBACK_DAYS = 7;
/** Days a statement's payment status may still change. */
const OPEN_DAYS = 4;
const DAY = 86_400;

/** A range of instants, Unix seconds, end exclusive. */
export interface TimeRange {
  ge: number;
  lt: number;
}

/** The settlements of a window's orders, from the statements generated since it began. */
export interface WindowSettlements {
  statements: PartnerStatement[];
  byOrder: Map<string, SettlementFact>;
}

/** Cached reads of TikTok's finance API, per shop. */
export class FinanceData {
  constructor(
    private readonly reader: FinanceReader,
    private readonly fetcher: Fetcher,
    private readonly shopData: ShopData,
    /** Unit costs: the config file's and those set through `setUnitCosts`. */
    readonly costs: UnitCostStore,
    private readonly options: { appKey: string; now?: () => number; ttls?: FinanceTtls },
  ) {}

  /** One page of the statements generated in `range`, newest first. */
  statementPage(shop: ShopInfo, range: TimeRange, pageToken: string): Promise<FinancePage<PartnerStatement>> {
    return this.page(shop, ['statements', range.ge, range.lt, pageToken], this.listTtl(range.lt), async () => {
      const d = await this.reader.getStatements(shop, {
        filters: { statement_time_ge: range.ge, statement_time_lt: range.lt },
        pageSize: FINANCE_PAGE_SIZE,
        pageToken: pageToken || undefined,
        sortOrder: 'DESC',
      });
      return { items: d.statements, rejected: d.rejected, nextPageToken: d.next_page_token, totalCount: d.total_count ?? null };
    });
  }

  /** One page of the payments created in `range`, newest first. */
  paymentPage(shop: ShopInfo, range: TimeRange, pageToken: string): Promise<FinancePage<FinancePayment>> {
    return this.page(shop, ['payments', range.ge, range.lt, pageToken], this.listTtl(range.lt), async () => {
      const d = await this.reader.getPayments(shop, {
        filters: { create_time_ge: range.ge, create_time_lt: range.lt },
        pageSize: FINANCE_PAGE_SIZE,
        pageToken: pageToken || undefined,
        sortOrder: 'DESC',
      });
      return { items: d.payments, rejected: d.rejected, nextPageToken: d.next_page_token, totalCount: d.total_count ?? null };
    });
  }

  /** Every transaction of one statement (final once generated: cached long). */
  statementTransactions(shop: ShopInfo, statementId: string): Promise<FinanceAnswer<StatementTransaction[]>> {
    return this.all((token) =>
      this.page(shop, ['statement-transactions', statementId, token], this.ttls.closed, async () => {
        const d = await this.reader.getStatementTransactions(shop, statementId, {
          pageSize: FINANCE_PAGE_SIZE,
          pageToken: token || undefined,
          sortOrder: 'ASC',
        });
        return { items: d.transactions, rejected: [], nextPageToken: d.next_page_token, totalCount: d.total_count ?? null };
      }),
    );
  }

  /** An order's settlement per SKU; null while TikTok has not settled it (not found, or no SKU lines yet). */
  async orderSettlement(shop: ShopInfo, orderId: string): Promise<FinanceAnswer<OrderStatementTransactions | null>> {
    const key = this.key(shop, ['order-settlement', orderId]);
    const load = async (): Promise<OrderStatementTransactions | null> => {
      try {
        const tx = await this.reader.getOrderStatementTransactions(shop, orderId);
        return tx.sku_transactions.length > 0 ? tx : null;
      } catch (error) {
        if (error instanceof UpstreamError && error.kind === 'not_found') return null;
        throw error;
      }
    };
    const cached = await this.fetcher.fetch(key, { ttlMs: this.ttls.open, staleIfErrorMs: this.ttls.closed }, load);
    return { value: cached.value, fetchedAt: cached.fetchedAt, stale: cached.stale };
  }

  /**
   * The settlement of every order TikTok settled in a statement generated from the start of the
   * window until {@link SETTLEMENT_HORIZON_DAYS} after its end, by order id.
   */
  async settlements(shop: ShopInfo, window: DateWindow): Promise<FinanceAnswer<WindowSettlements>> {
    const { start, end } = windowBounds(window, shop.timezone);
    // Never past the next 00:00 UTC, when the next statement appears: TikTok documents no future
    // bounds, and the key (so the cache) stays the same all day.
    const nextStatement = (Math.floor(this.nowSeconds() / DAY) + 1) * DAY;
    const range = { ge: start, lt: Math.min(end + SETTLEMENT_HORIZON_DAYS * DAY, nextStatement) };
    const statements =
      range.lt > range.ge
        ? await this.all((token) => this.statementPage(shop, range, token))
        : { value: [], fetchedAt: this.nowSeconds() * 1000, stale: false };
    const parts = await Promise.all(statements.value.map(async (s) => ({ s, txs: await this.statementTransactions(shop, s.id) })));
    return {
      value: {
        statements: statements.value,
        byOrder: settlementFacts(
          parts.map(({ s, txs }) => ({ statement: { id: s.id, statementTime: s.statement_time, currency: s.currency }, transactions: txs.value })),
        ),
      },
      fetchedAt: Math.min(statements.fetchedAt, ...parts.map((p) => p.txs.fetchedAt)),
      stale: statements.stale || parts.some((p) => p.txs.stale),
    };
  }

  /**
   * The orders counted in the window (docs/metrics.md: by `paid_time`; cash on delivery by
   * `create_time`), and the orders of the search TikTok sent unreadable (whether they count in it is unknown).
   */
  async countedOrders(shop: ShopInfo, window: DateWindow): Promise<FinanceAnswer<PartnerOrder[]> & { rejected: RejectedRow[] }> {
    const { start, end } = windowBounds(window, shop.timezone);
    const found = await this.shopData.allOrders(shop, {
      filters: { create_time_ge: start - LOOKBACK_DAYS * DAY, create_time_lt: end },
      sortField: 'create_time',
      sortOrder: 'ASC',
    });
    const orders = found.orders.filter((o) => {
      const counted = orderCountedTime(o);
      return counted !== null && counted >= start && counted < end;
    });
    return { value: orders, rejected: found.rejected, fetchedAt: found.fetchedAt, stale: found.stale };
  }

  private get ttls(): FinanceTtls {
    return this.options.ttls ?? DEFAULT_FINANCE_TTLS;
  }

  private nowSeconds(): number {
    return Math.floor((this.options.now ?? Date.now)() / 1000);
  }

  private listTtl(lt: number): number {
    return lt > this.nowSeconds() - OPEN_DAYS * DAY ? this.ttls.open : this.ttls.closed;
  }

  private key(shop: ShopInfo, what: (string | number)[]): string {
    return [CACHE_VERSION, this.options.appKey, 'shop', shop.id, 'finance', ...what].join(':');
  }

  private async page<T>(shop: ShopInfo, what: (string | number)[], ttlMs: number, load: () => Promise<UpstreamPage<T>>): Promise<FinancePage<T>> {
    const cached = await this.fetcher.fetch(this.key(shop, what), { ttlMs, staleIfErrorMs: this.ttls.closed }, load);
    return { ...cached.value, fetchedAt: cached.fetchedAt, stale: cached.stale };
  }

  private async all<T>(page: (token: string) => Promise<FinancePage<T>>): Promise<FinanceAnswer<T[]>> {
    const { value, fetchedAt, stale } = await walkFetchedPages<T, FinancePage<T>>(page, 'finance list');
    return { value, fetchedAt, stale };
  }
}
