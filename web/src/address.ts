/**
 * The selection in the address bar (`?shop=…&period=7&refresh=15`, or `from`/`to` for a custom
 * window), so a view can be bookmarked or shared.
 */
import type { Controls, Selection } from './controls';

const SEARCH_KEYS = ['shop', 'period', 'from', 'to', 'refresh'] as const;

/** Puts the address bar's selection into the form (the shop is picked once shops are loaded). */
export function readAddress(controls: Controls): void {
  const params = new URLSearchParams(location.search);
  const period = params.get('period');
  const from = params.get('from');
  const to = params.get('to');
  const refresh = params.get('refresh');
  controls.write({
    period: period === 'custom' || (from && to) ? 'custom' : period ? Number(period) : undefined,
    custom: from && to ? { from, to } : undefined,
    pollSeconds: refresh === null ? undefined : Number(refresh),
  });
}

/** Records a selection in the address bar without adding a history entry. */
export function writeAddress(selection: Selection): void {
  const params = new URLSearchParams(location.search);
  for (const key of SEARCH_KEYS) params.delete(key);
  params.set('shop', selection.shopId);
  if (selection.period === 'custom') {
    params.set('from', selection.custom.from);
    params.set('to', selection.custom.to);
  } else {
    params.set('period', String(selection.period));
  }
  params.set('refresh', String(selection.pollSeconds));
  history.replaceState(null, '', `${location.pathname}?${params}`);
}
