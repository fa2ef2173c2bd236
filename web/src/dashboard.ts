/**
 * The dashboard's loop: load the shops, then for the selected shop and window load the figures
 * and the previous period's tiles, render them, and poll again after the chosen interval (never
 * while a request is in flight, never while the tab is hidden). A newer selection aborts older
 * requests, and an answer that arrives late for an old selection is dropped.
 */
import { readAddress, writeAddress } from './address';
import { loadApiKey, saveApiKey } from './api-key';
import { Controls, type Selection, type Shop } from './controls';
import { addDays, granularityFor, lastDays, lengthInDays, previousPeriod, rangeProblem, todayIn } from './date-range';
import { formatClock } from './format';
import { DashboardOverviewDocument, DashboardPreviousPeriodDocument, DashboardShopsDocument, type DateRange } from './generated/graphql';
import { execute, type ApiError } from './graphql-client';
import { followFigures, type LiveFeed } from './live';
import { readingNotice } from './coverage-notice';
import { createOpsPanel } from './ops-panel';
import type { Notice } from './status';
import { TILES } from './tiles';
import type { View } from './view';

/** Starts the dashboard on the page's elements. */
export function startDashboard(view: View): void {
  let apiKey = loadApiKey();
  let shops: Shop[] = [];
  let generation = 0;
  let inFlight: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shownAt: string | undefined;
  let shown = '';
  let live: { target: string; feed: LiveFeed } | undefined;
  /** Why live updates are off for the window on screen (polling instead), if they are. */
  let liveProblem: { target: string; why: string } | undefined;

  const ops = createOpsPanel();

  const controls = new Controls(
    (what) => {
      writeAddress(controls.read());
      void (what === 'poll' ? schedule() : refresh());
    },
    (key) => {
      apiKey = saveApiKey(key);
      controls.showApiKeyState(apiKey);
      // The stream was opened with the old key.
      live?.feed.stop();
      live = undefined;
      liveProblem = undefined;
      void (shops.length ? refresh() : loadShops());
    },
  );
  controls.showApiKeyState(apiKey);

  function requestOptions(signal?: AbortSignal) {
    return { apiKey, signal };
  }

  function askForKey(message: string): void {
    controls.showApiKeyState(apiKey, true);
    view.notices([
      {
        tone: 'error',
        text: apiKey
          ? `The API key was refused (${message}). Enter another under “API key”.`
          : 'This ShopGraph requires an API key: enter it under “API key” above.',
      },
    ]);
    view.setState('error');
  }

  async function loadShops(): Promise<void> {
    const result = await execute(DashboardShopsDocument, {}, requestOptions());
    if (result.kind === 'unauthenticated') return askForKey(result.message);
    if (result.kind !== 'data') {
      view.notices([{ tone: 'error', text: `Could not load the shops: ${describeErrors(result.kind === 'failed' ? result.errors : [])}. Trying again…` }]);
      view.setState('error');
      timer = setTimeout(() => void loadShops(), Math.max(5, controls.read().pollSeconds) * 1000);
      return;
    }
    shops = result.data.shops;
    if (shops.length === 0) {
      view.notices([{ tone: 'info', text: 'No shop is visible to this ShopGraph: authorize a shop, then reload.' }]);
      return view.setState('error');
    }
    const wanted = new URLSearchParams(location.search).get('shop');
    controls.setShops(shops, shops.some((s) => s.id === wanted) ? (wanted as string) : shops[0]!.id);
    await refresh();
  }

  /** The window to show: a preset rolls with the shop's calendar, so each poll re-evaluates it. */
  function currentRange(selection: Selection, shop: Shop): DateRange {
    const today = todayIn(shop.timezone);
    if (selection.period === 'custom') return selection.custom;
    const range = lastDays(selection.period, today);
    controls.showRange(range, today);
    return range;
  }

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    inFlight?.abort();
    const selection = controls.read();
    const shop = shops.find((s) => s.id === selection.shopId);
    if (!shop) return;
    const range = currentRange(selection, shop);
    const problem = rangeProblem(range);
    controls.showRangeProblem(problem);
    if (problem) return;

    const mine = ++generation;
    const controller = (inFlight = new AbortController());
    const target = `${shop.id} ${range.from}..${range.to}`;
    if (target !== shown) view.setState('loading');
    const granularity = granularityFor(range);
    const variables = { shopId: shop.id, range, granularity };
    // A window that reaches the shop's today holds a partial day: the change is taken over the
    // complete days only, against as many days just before them (like for like).
    const today = todayIn(shop.timezone);
    const partial = range.to >= today && range.from < today ? { complete: { from: range.from, to: addDays(today, -1) }, today } : undefined;
    const compared = partial ? partial.complete : range;
    const [current, previous, completeDays] = await Promise.all([
      execute(DashboardOverviewDocument, variables, requestOptions(controller.signal)),
      execute(DashboardPreviousPeriodDocument, { shopId: shop.id, range: previousPeriod(compared) }, requestOptions(controller.signal)),
      partial ? execute(DashboardPreviousPeriodDocument, { shopId: shop.id, range: compared }, requestOptions(controller.signal)) : Promise.resolve(undefined),
    ]);
    if (mine !== generation || current.kind === 'aborted') return;
    inFlight = undefined;

    if (current.kind === 'unauthenticated') return askForKey(current.message);
    const metrics = current.kind === 'data' ? current.data.shop?.metrics : undefined;
    if (current.kind !== 'data' || !metrics) {
      const errors = current.kind === 'data' || current.kind === 'failed' ? current.errors : [];
      const kept = shownAt && target === shown ? ` Still showing the numbers as of ${formatClock(shownAt)}.` : '';
      view.notices([{ tone: 'error', text: `Could not load ${shop.name}: ${describeErrors(errors)}.${kept}` }]);
      if (target !== shown) view.setState('error');
      return schedule();
    }

    const before = previous.kind === 'data' ? (previous.data.shop?.metrics ?? null) : null;
    const comparedNow = completeDays === undefined ? metrics : completeDays.kind === 'data' ? (completeDays.data.shop?.metrics ?? null) : null;
    view.render({
      shop,
      range: { from: metrics.from, to: metrics.to },
      metrics,
      advertisers: current.data.shop?.advertisers ?? [],
      previous: before,
      comparedDays: lengthInDays(compared),
      previousRange: previousPeriod(compared),
      compared: comparedNow,
      partialDay: partial?.today ?? null,
      comparedRange: compared,
      granularity,
    });
    shown = target;
    // The stock & fulfilment panel loads on its own: the figures do not wait for it.
    void ops.load(shop.id, range, apiKey);
    follow(shop, range, target);
    shownAt = TILES.map((t) => metrics[t.key].asOf).sort()[0];
    const previousErrors = previous.kind === 'data' || previous.kind === 'failed' ? previous.errors : [];
    const notices = noticesFor(
      current.errors,
      previousErrors,
      TILES.some((t) => metrics[t.key].stale),
      shownAt,
    );
    // A shop whose history is still being read: its order figures follow as the backfill goes on.
    if (!metrics.coverage.complete) notices.unshift(readingNotice(shop.name, metrics.coverage, lengthInDays(range)));
    if (liveProblem?.target === target)
      notices.push({ tone: 'info', text: `Live updates are off (${liveProblem.why}): refreshing every ${controls.read().pollSeconds || 15} s instead.` });
    view.notices(notices);
    view.setState('ready');
    schedule();
  }

  /**
   * Live updates for the window on screen (one subscription at a time); while they flow the page
   * does not poll. A failed stream is not retried for that window: polling takes over.
   */
  function follow(shop: Shop, range: DateRange, target: string): void {
    if (live?.target === target || liveProblem?.target === target) return;
    live?.feed.stop();
    live = undefined;
    const feed = followFigures(shop.id, range, apiKey, {
      moved: () => {
        if (live?.feed === feed) void refresh();
      },
      failed: (why) => {
        if (live?.feed !== feed) return;
        feed.stop();
        live = undefined;
        liveProblem = { target, why };
        view.setLive(false);
        void refresh();
      },
    });
    live = { target, feed };
    view.setLive(true);
  }

  /** Polls again after the chosen interval, unless live updates flow, polling is off or the tab is hidden. */
  function schedule(): void {
    clearTimeout(timer);
    if (live && live.target === shown) return;
    // Without live updates the page still refreshes, every 15 s when polling was off.
    const seconds = controls.read().pollSeconds || (liveProblem?.target === shown ? 15 : 0);
    if (seconds > 0 && document.visibilityState === 'visible' && !inFlight) timer = setTimeout(() => void refresh(), seconds * 1000);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && shops.length && controls.read().pollSeconds > 0) void refresh();
    else clearTimeout(timer);
  });

  readAddress(controls);
  void loadShops();
}

/** Upstream trouble ShopGraph reports per field (src/errors.ts, `ErrorCode`). */
const UPSTREAM_CODES = new Set(['UPSTREAM_RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']);
/** ShopGraph refusing this page's own pace or size. */
const THROTTLE_CODES = new Set(['THROTTLED', 'MAX_COST_EXCEEDED']);

/** Notices for a shown answer: stale numbers, and fields that failed (throttled upstream…). */
function noticesFor(errors: ApiError[], previousErrors: ApiError[], stale: boolean, asOf: string | undefined): Notice[] {
  const notices: Notice[] = [];
  const all = [...errors, ...previousErrors];
  if (stale || all.some((e) => e.code && UPSTREAM_CODES.has(e.code))) {
    notices.push({
      tone: 'warning',
      text: `TikTok is throttling or failing, so ShopGraph is showing stale data${asOf ? ` as of ${formatClock(asOf)}` : ''}. The numbers catch up by themselves when it recovers.`,
    });
  }
  if (all.some((e) => e.code && THROTTLE_CODES.has(e.code))) {
    notices.push({ tone: 'warning', text: 'ShopGraph is throttling this page: some figures were not refreshed. A slower refresh helps.' });
  }
  const other = errors.filter((e) => !e.code || (!UPSTREAM_CODES.has(e.code) && !THROTTLE_CODES.has(e.code)));
  if (other.length) notices.push({ tone: 'warning', text: `Some figures could not be loaded: ${describeErrors(other)}.` });
  if (previousErrors.length && other.length === 0)
    notices.push({ tone: 'info', text: 'Figures of the previous period are missing, so some tiles show no change.' });
  return notices;
}

function describeErrors(errors: ApiError[]): string {
  if (errors.length === 0) return 'no answer';
  const unique = [...new Set(errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)))];
  return unique.slice(0, 3).join('; ');
}
