/**
 * The figures part of the page: window line, freshness, tiles, chart, tables. It renders what it
 * is given and keeps the last answer so the chart can be redrawn when its box is resized.
 */
import type { Shop } from './controls';
import { describeRange } from './date-range';
import { byId, setText } from './dom';
import type { DashboardOverviewQuery, DashboardTilesFragment, DateRange } from './generated/graphql';
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
}

/** What the dashboard loop drives. */
export interface View {
  render(figures: Figures): void;
  /** `loading` while a new shop or window loads; `ready` once its figures are on screen. */
  setState(state: 'loading' | 'ready' | 'error'): void;
  notices(notices: Notice[]): void;
}

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
  byId('chart-legend', HTMLElement).replaceChildren(...renderLegend());

  let chartData: { series: SeriesPoint[]; currency: string } | undefined;
  let chartWidth = 0;
  const drawChart = () => {
    if (!chartData) return;
    chartWidth = chart.clientWidth;
    chart.replaceChildren(renderChart(chartData.series, chartData.currency, chartWidth));
  };
  new ResizeObserver(() => {
    if (Math.abs(chart.clientWidth - chartWidth) > 1) drawChart();
  }).observe(chart);

  let renders = 0;
  return {
    render({ shop, range, metrics, previous, comparedDays, previousRange }) {
      setText(windowLine, `${shop.name} · ${describeRange(range)} (days in ${metrics.timezone}, ${metrics.currency}) · compared with ${describeRange(previousRange)}`);
      updateTiles(metrics, previous, comparedDays);
      updateFreshness(TILES.map((t) => metrics[t.key]));
      chartData = { series: metrics.series, currency: metrics.currency };
      drawChart();
      chartTable.replaceChildren(renderChartTable(metrics.series, metrics.currency));
      products.replaceChildren(productsTable(metrics.topProducts));
      campaigns.replaceChildren(campaignsTable(metrics.campaigns));
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
  };
}
