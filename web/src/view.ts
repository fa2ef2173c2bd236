/**
 * The figures part of the page: window line, freshness, tiles, chart, tables. It renders what it
 * is given and keeps the last answer so the chart can be redrawn when its box is resized.
 */
import type { Shop } from './controls';
import { describeRange } from './date-range';
import { byId, setText } from './dom';
import type { DashboardOverviewQuery, DashboardTilesFragment, DateRange, Granularity } from './generated/graphql';
import { renderChart, renderChartTable, renderLegend, type SeriesPoint } from './series-chart';
import { createFreshness, createNotices, type Notice } from './status';
import { campaignsTable, productsTable, reconciliationTable } from './tables';
import { createTiles, TILES } from './tiles';

/** One answer, ready to show. */
export interface Figures {
  shop: Shop;
  range: DateRange;
  metrics: NonNullable<DashboardOverviewQuery['shop']>['metrics'];
  previous: DashboardTilesFragment | null;
  comparedDays: number;
  previousRange: DateRange;
  /** The shop's ad accounts, naming each campaign's. */
  advertisers: { id: string; name: string }[];
  /** The tiles the change is taken from: the window's complete days when today is partial. */
  compared: DashboardTilesFragment | null;
  comparedRange: DateRange;
  /** The shop's today when the window holds it (a partial day), else null. */
  partialDay: string | null;
  granularity: Granularity;
}

/** What the dashboard loop drives. */
export interface View {
  render(figures: Figures): void;
  /** `loading` while a new shop or window loads; `ready` once its figures are on screen. */
  setState(state: 'loading' | 'ready' | 'error'): void;
  notices(notices: Notice[]): void;
  /** Whether live updates flow for the figures on screen. */
  setLive(on: boolean): void;
}

const BUCKETS: Record<Granularity, string> = { DAY: 'Daily', WEEK: 'Weekly', MONTH: 'Monthly' };

/** Binds the view to index.html's elements. */
export function createView(): View {
  const main = byId('figures', HTMLElement);
  const windowLine = byId('window-line', HTMLParagraphElement);
  const chart = byId('chart', HTMLDivElement);
  const chartTable = byId('chart-table', HTMLDivElement);
  const products = byId('products', HTMLDivElement);
  const campaigns = byId('campaigns', HTMLDivElement);
  const reconciliation = byId('reconciliation', HTMLDivElement);
  const updateTiles = createTiles(byId('tiles', HTMLUListElement));
  const freshnessLine = byId('freshness', HTMLSpanElement);
  const updateFreshness = createFreshness(freshnessLine, byId('badges', HTMLSpanElement));
  const notices = createNotices(byId('notices', HTMLDivElement));
  const chartHeading = byId('chart-heading', HTMLHeadingElement);
  const comparison = byId('comparison-note', HTMLParagraphElement);
  const liveBadge = byId('live', HTMLSpanElement);
  byId('chart-legend', HTMLElement).replaceChildren(...renderLegend());

  let chartData: { series: SeriesPoint[]; currency: string; partialFrom: string | null } | undefined;
  let chartWidth = 0;
  const drawChart = () => {
    if (!chartData) return;
    chartWidth = chart.clientWidth;
    chart.replaceChildren(renderChart(chartData.series, chartData.currency, chartWidth, chartData.partialFrom));
  };
  new ResizeObserver(() => {
    if (Math.abs(chart.clientWidth - chartWidth) > 1) drawChart();
  }).observe(chart);

  let renders = 0;
  return {
    render({ shop, range, metrics, advertisers, previous, comparedDays, previousRange, compared, comparedRange, partialDay, granularity }) {
      setText(
        windowLine,
        `${shop.name} · ${describeRange(range)}${partialDay ? ` (${partialDay} so far)` : ''} (days in ${metrics.timezone}, ${metrics.currency}) · compared with ${describeRange(previousRange)}`,
      );
      setText(
        comparison,
        partialDay
          ? `Today (${partialDay}) is not over, so each change compares the ${comparedDays} complete day${comparedDays === 1 ? '' : 's'} ${describeRange(comparedRange)} with the ${comparedDays} day${comparedDays === 1 ? '' : 's'} before (${describeRange(previousRange)}); the tiles include today so far.`
          : '',
      );
      comparison.hidden = !partialDay;
      updateTiles(metrics, compared, previous, comparedDays);
      updateFreshness(TILES.map((t) => metrics[t.key]));
      setText(chartHeading, `${BUCKETS[granularity]} GMV, ad spend and ROAS`);
      chartData = { series: metrics.series, currency: metrics.currency, partialFrom: partialDay };
      drawChart();
      chartTable.replaceChildren(renderChartTable(metrics.series, metrics.currency));
      products.replaceChildren(productsTable(metrics.topProducts));
      campaigns.replaceChildren(campaignsTable(metrics.campaigns, advertisers));
      reconciliation.replaceChildren(reconciliationTable(metrics.reconciliation));
      main.dataset.shop = shop.id;
      main.dataset.range = `${range.from}..${range.to}`;
      main.dataset.renders = String(++renders);
    },
    setState(state) {
      if (state === 'error' && renders === 0) {
        setText(windowLine, 'No figures yet: see the message above.');
        setText(freshnessLine, '');
      }
      main.dataset.state = state;
      main.setAttribute('aria-busy', String(state === 'loading'));
    },
    notices,
    setLive(on) {
      liveBadge.hidden = !on;
      main.dataset.live = String(on);
    },
  };
}
