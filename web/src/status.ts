/**
 * What the page says about its numbers: how fresh they are ("as of 12:03:10, 4 s old", stale and
 * provisional badges), and notices when it cannot show the latest (throttled or failing upstream,
 * a request that failed, an API key needed).
 */
import { badge, h, setText } from './dom';
import { formatAge, formatClock } from './format';
import type { MetricSource } from './generated/graphql';

/** The freshness fields every metric carries. */
export interface Freshness {
  source: MetricSource;
  asOf: string;
  stale: boolean;
  provisional: boolean;
}

const SOURCE_LABELS: Record<MetricSource, string> = { ORDERS: 'Orders', REPORTS: 'Ad reports', ANALYTICS: 'TikTok analytics' };

/**
 * Fills the freshness line from the metrics on screen; ages then tick every second. Each source
 * is as fresh as its oldest number, and sources are cached apart (ad reports far longer than
 * orders), so when they differ each gets its own "as of".
 */
export function createFreshness(line: HTMLElement, badges: HTMLElement): (metrics: Freshness[]) => void {
  let ages: { element: HTMLElement; asOf: string }[] = [];
  const tick = () => {
    for (const { element, asOf } of ages) setText(element, formatAge((Date.now() - Date.parse(asOf)) / 1000));
  };
  setInterval(tick, 1000);
  return (metrics) => {
    const oldest = new Map<MetricSource, string>();
    for (const m of metrics) {
      const known = oldest.get(m.source);
      if (!known || m.asOf < known) oldest.set(m.source, m.asOf);
    }
    const times = [...oldest.entries()];
    const instants = times.map(([, asOf]) => Date.parse(asOf));
    const together = Math.max(...instants) - Math.min(...instants) < 5000;
    const parts = together
      ? [['', times.map(([, asOf]) => asOf).sort()[0] ?? ''] as const]
      : times.map(([source, asOf]) => [`${SOURCE_LABELS[source]} `, asOf] as const);
    ages = [];
    const children: (Node | string)[] = [];
    for (const [label, asOf] of parts) {
      if (!asOf) continue;
      const age = h('span');
      ages.push({ element: age, asOf });
      if (children.length) children.push(' · ');
      children.push(`${label ? `${label}as of` : 'As of'} `, h('time', { datetime: asOf }, formatClock(asOf)), ', ', age);
    }
    line.replaceChildren(...children);
    tick();
    const stale = metrics.some((m) => m.stale);
    const provisional = metrics.some((m) => m.provisional);
    badges.replaceChildren(...(stale ? [badge('stale')] : []), ...(provisional ? [badge('provisional')] : []));
  };
}

/** A message above the figures. */
export interface Notice {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

/** Shows notices, touching the live region only when they change so it is not re-announced. */
export function createNotices(container: HTMLElement): (notices: Notice[]) => void {
  let shown = '';
  return (notices) => {
    const key = JSON.stringify(notices);
    if (key === shown) return;
    shown = key;
    container.replaceChildren(
      ...notices.map((n) =>
        h(
          'p',
          { class: `notice notice-${n.tone}`, role: n.tone === 'error' ? 'alert' : undefined },
          h('strong', {}, n.tone === 'error' ? 'Error: ' : n.tone === 'warning' ? 'Warning: ' : 'Note: '),
          n.text,
        ),
      ),
    );
  };
}
