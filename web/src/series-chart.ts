/**
 * The daily chart, drawn as inline SVG (no chart library, nothing fetched): GMV and ad spend as
 * bars on the money axis (left), ROAS as a line on its own axis (right). Provisional days are
 * hatched. The same numbers are offered as a table for screen readers and keyboard users.
 */
import { h, s } from './dom';
import { formatMoney, formatMoneyCompact, formatRoas } from './format';
import type { MetricName } from './generated/graphql';

/** One bucket of `ShopMetrics.series(names: [GMV, AD_SPEND, ROAS])`. */
export interface SeriesPoint {
  from: string;
  metrics: { name: MetricName; value: string | null; provisional: boolean }[];
}

interface Day {
  date: string;
  gmv: number;
  spend: number;
  roas: number | null;
  raw: Partial<Record<MetricName, string | null>>;
  provisional: Partial<Record<MetricName, boolean>>;
}

const HEIGHT = 260;
const PAD = { top: 14, right: 48, bottom: 30, left: 60 };

function toDays(points: SeriesPoint[]): Day[] {
  return points.map((point) => {
    const raw: Day['raw'] = {};
    const provisional: Day['provisional'] = {};
    for (const m of point.metrics) {
      raw[m.name] = m.value;
      provisional[m.name] = m.provisional;
    }
    return {
      date: point.from,
      gmv: Number(raw.GMV ?? 0),
      spend: Number(raw.AD_SPEND ?? 0),
      roas: raw.ROAS == null ? null : Number(raw.ROAS),
      raw,
      provisional,
    };
  });
}

function isProvisional(day: Day): boolean {
  return Object.values(day.provisional).some(Boolean);
}

/** A diagonal hatch in a series' colours, for its provisional bars (CSS picks the colours). */
function hatch(series: 'gmv' | 'spend'): SVGPatternElement {
  return s(
    'pattern',
    { id: `hatch-${series}`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    s('rect', { width: 6, height: 6, class: `hatch-bg-${series}` }),
    s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: `hatch-line-${series}` }),
  );
}

/** A round step at least `rough`: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 2.5, 5, 10].find((f) => f * magnitude >= rough) ?? 10) * magnitude;
}

/** The chart for `width` CSS pixels, with its title and description for assistive technology. */
export function renderChart(points: SeriesPoint[], currency: string, width: number, partialDay: string | null = null): SVGSVGElement {
  const days = toDays(points);
  const w = Math.max(280, Math.floor(width));
  const plotW = w - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  // Both axes get the same number of round ticks, so the gridlines serve both.
  const moneyPeak = Math.max(0, ...days.map((d) => Math.max(d.gmv, d.spend)));
  const moneyStep = niceStep(moneyPeak / 4);
  const ticks = Math.max(1, Math.ceil(moneyPeak / moneyStep));
  const moneyMax = moneyStep * ticks;
  const roasMax = niceStep(Math.max(0, ...days.map((d) => d.roas ?? 0)) / ticks) * ticks;
  const y = (v: number) => PAD.top + plotH - (v / moneyMax) * plotH;
  const yRoas = (v: number) => PAD.top + plotH - (v / roasMax) * plotH;
  const band = plotW / Math.max(1, days.length);
  const bar = Math.max(1, Math.min(28, band * 0.36));
  const x = (i: number) => PAD.left + band * i + band / 2;

  const svg = s('svg', {
    width: w,
    height: HEIGHT,
    viewBox: `0 0 ${w} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
    class: 'chart-svg',
  });
  const first = days[0]?.date ?? '';
  const last = days.at(-1)?.date ?? '';
  const totalGmv = days.reduce((sum, d) => sum + d.gmv, 0);
  svg.append(
    s('title', { id: 'chart-title' }, 'GMV and ad spend (bars) with ROAS (line)'),
    s(
      'desc',
      { id: 'chart-desc' },
      `${days.length} days from ${first} to ${last}; GMV totals ${formatMoneyCompact(totalGmv, currency)}. The numbers are in the table below the chart.`,
    ),
    s('defs', {}, hatch('gmv'), hatch('spend')),
  );

  const axes = s('g', { class: 'axes' });
  for (let i = 0; i <= ticks; i++) {
    const value = moneyStep * i;
    const yy = y(value);
    axes.append(
      s('line', { x1: PAD.left, x2: w - PAD.right, y1: yy, y2: yy, class: i === 0 ? 'baseline' : 'gridline' }),
      s('text', { x: PAD.left - 6, y: yy + 4, 'text-anchor': 'end' }, formatMoneyCompact(value, currency)),
      s('text', { x: w - PAD.right + 6, y: yy + 4, 'text-anchor': 'start', class: 'roas-tick' }, formatRoas((roasMax * i) / ticks)),
    );
  }
  // Day labels count back from the last day, which is always labelled.
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotW / 56))));
  days.forEach((d, i) => {
    if ((days.length - 1 - i) % every === 0) {
      axes.append(s('text', { x: x(i), y: HEIGHT - PAD.bottom + 18, 'text-anchor': 'middle' }, d.date.slice(5)));
    }
  });
  svg.append(axes);

  const bars = s('g', { class: 'bars' });
  // The bucket holding today (the last one to start on or before it) is not over: marked "so far".
  const partialIndex = partialDay === null ? -1 : days.reduce((found, d, i) => (d.date <= partialDay ? i : found), -1);
  days.forEach((d, i) => {
    const partial = i === partialIndex;
    const tip = `${d.date}${partial ? ' (so far)' : ''}${isProvisional(d) ? ' (provisional)' : ''}: GMV ${formatMoney(d.raw.GMV ?? '0', currency)}, ad spend ${formatMoney(d.raw.AD_SPEND ?? '0', currency)}, ROAS ${d.roas === null ? '—' : formatRoas(d.roas)}`;
    const rect = (value: number, dx: number, cls: string, provisional: boolean | undefined) =>
      s(
        'rect',
        {
          x: x(i) + dx,
          y: y(value),
          width: bar,
          height: Math.max(0, y(0) - y(value)),
          class: `${cls}${provisional ? ' provisional' : ''}${partial ? ' partial' : ''}`,
        },
        s('title', {}, tip),
      );
    bars.append(rect(d.gmv, -bar - 1, 'bar-gmv', d.provisional.GMV), rect(d.spend, 1, 'bar-spend', d.provisional.AD_SPEND));
  });
  svg.append(bars);

  // ROAS is undefined on days without spend: the line breaks there instead of dropping to zero.
  const line = s('g', { class: 'roas' });
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) line.append(s('polyline', { points: run.join(' '), class: 'roas-line' }));
    run = [];
  };
  days.forEach((d, i) => {
    if (d.roas === null) return flush();
    run.push(`${x(i).toFixed(1)},${yRoas(d.roas).toFixed(1)}`);
    line.append(
      s(
        'circle',
        { cx: x(i), cy: yRoas(d.roas), r: 3.5, class: d.provisional.ROAS ? 'roas-dot provisional' : 'roas-dot' },
        s('title', {}, `${d.date}: ROAS ${formatRoas(d.roas)}`),
      ),
    );
  });
  flush();
  svg.append(line);
  return svg;
}

/** The chart's key, as HTML under the chart. */
export function renderLegend(): HTMLElement[] {
  const key = (cls: string, text: string) => h('span', { class: 'legend-item' }, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  return [
    key('swatch-gmv', 'GMV (left axis)'),
    key('swatch-spend', 'Ad spend (left axis)'),
    key('swatch-roas', 'ROAS (right axis)'),
    key('swatch-provisional', 'Hatched: provisional'),
  ];
}

/** The chart's numbers as a table. */
export function renderChartTable(points: SeriesPoint[], currency: string): HTMLTableElement {
  const rows = toDays(points).map((d) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, d.date, isProvisional(d) ? ' (provisional)' : ''),
      h('td', { class: 'num' }, formatMoney(d.raw.GMV ?? '0', currency)),
      h('td', { class: 'num' }, formatMoney(d.raw.AD_SPEND ?? '0', currency)),
      h('td', { class: 'num' }, d.raw.ROAS ? formatRoas(d.raw.ROAS) : '—'),
    ),
  );
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, 'GMV, ad spend and ROAS per day'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Day'),
        h('th', { scope: 'col', class: 'num' }, 'GMV'),
        h('th', { scope: 'col', class: 'num' }, 'Ad spend'),
        h('th', { scope: 'col', class: 'num' }, 'ROAS'),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}
