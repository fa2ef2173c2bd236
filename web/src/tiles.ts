/**
 * The headline tiles: one number each, its change against the previous period of equal length,
 * and what the API says about it (why it is missing, how it is computed, stale, provisional).
 * Tiles are built once and updated in place, so polling moves numbers without re-creating the
 * elements a keyboard user may be on.
 */
import { badge, h, setText } from './dom';
import { describeChange, formatMetric, type Better } from './format';
import type { DashboardMetricFragment, DashboardTilesFragment } from './generated/graphql';

/** The tile metrics, by their field in `DashboardTiles`. */
export type TileKey = Exclude<keyof DashboardTilesFragment, 'from' | 'to' | 'currency'>;

interface TileSpec {
  key: TileKey;
  label: string;
  better: Better;
}

/** The tiles in reading order. */
export const TILES: readonly TileSpec[] = [
  { key: 'gmv', label: 'GMV', better: 'up' },
  { key: 'orders', label: 'Orders', better: 'up' },
  { key: 'aov', label: 'Average order value', better: 'up' },
  { key: 'refundRate', label: 'Refund rate', better: 'down' },
  { key: 'adSpend', label: 'Ad spend', better: 'neither' },
  { key: 'roas', label: 'ROAS', better: 'up' },
  { key: 'blendedRoas', label: 'Blended ROAS', better: 'up' },
];

interface TileElements {
  root: HTMLLIElement;
  value: HTMLElement;
  change: HTMLElement;
  note: HTMLElement;
  badges: HTMLElement;
  formula: HTMLElement;
}

/** Builds the tiles into `list` and returns the function that fills them. */
export function createTiles(
  list: HTMLElement,
): (shown: DashboardTilesFragment, current: DashboardTilesFragment | null, previous: DashboardTilesFragment | null, comparedDays: number) => void {
  const tiles = new Map<TileKey, TileElements>();
  for (const spec of TILES) {
    const elements: TileElements = {
      root: h('li', { class: 'tile', 'data-metric': spec.key }),
      value: h('p', { class: 'tile-value' }, '…'),
      change: h('p', { class: 'tile-change' }),
      note: h('p', { class: 'tile-note' }),
      badges: h('p', { class: 'tile-badges' }),
      formula: h('p'),
    };
    elements.root.append(
      h('h3', { class: 'tile-label' }, spec.label),
      elements.value,
      elements.change,
      elements.note,
      elements.badges,
      h('details', { class: 'tile-formula' }, h('summary', {}, 'How it is computed'), elements.formula),
    );
    tiles.set(spec.key, elements);
    list.append(elements.root);
  }

  // `shown` is the window's figure; the change is `current` (its complete days) against `previous`.
  return (shown, current, previous, comparedDays) => {
    for (const spec of TILES) {
      const el = tiles.get(spec.key);
      if (!el) continue;
      const metric: DashboardMetricFragment = shown[spec.key];
      const text = formatMetric(metric);
      setText(el.value, text);
      // Read by the stylesheet: the font shrinks with the figure's length so it stays on one line.
      el.value.style.setProperty('--chars', String(Math.max(8, text.length)));
      el.value.dataset.value = metric.value ?? '';
      const change = describeChange(metric.name, current?.[spec.key].value ?? null, previous?.[spec.key].value ?? null, spec.better);
      el.change.dataset.direction = change.direction;
      el.change.dataset.tone = change.tone;
      el.change.replaceChildren(
        h('span', { 'aria-hidden': 'true' }, `${arrow(change.direction)} ${change.text} `, h('span', { class: 'tile-vs' }, `vs previous ${comparedDays} d`)),
        h('span', { class: 'visually-hidden' }, previous && current ? change.description : 'no comparison: the previous period did not load'),
      );
      setText(el.note, metric.nullReason ?? '');
      el.note.hidden = !metric.nullReason;
      el.badges.replaceChildren(...(metric.stale ? [badge('stale')] : []), ...(metric.provisional ? [badge('provisional')] : []));
      el.badges.hidden = !metric.stale && !metric.provisional;
      setText(el.formula, `${metric.formula} (source: ${metric.source.toLowerCase()})`);
    }
  };
}

function arrow(direction: string): string {
  return direction === 'up' ? '▲' : direction === 'down' ? '▼' : direction === 'flat' ? '=' : '·';
}
