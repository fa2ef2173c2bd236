/**
 * How numbers read on the page. Values arrive as exact decimal strings (schema.graphql,
 * `Decimal`); Intl formats those strings without going through a float, so what a tile shows is
 * the API's number, only grouped and rounded for display.
 */
import type { MetricName, MetricUnit } from './generated/graphql';

type Numeric = `${number}`;

/** The parts of a metric every formatter needs. */
export interface MetricValue {
  name: MetricName;
  unit: MetricUnit;
  value: string | null;
  money?: { amount: string; currency: string } | null;
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, options);
    cache.set(key, format);
  }
  return format;
}

/** An amount in its currency, exact to the minor unit: `$11,436.56`. */
export function formatMoney(amount: string, currency: string): string {
  return numberFormat(`money:${currency}`, { style: 'currency', currency }).format(amount as Numeric);
}

/** A short money label for chart axes: `$12K`. */
export function formatMoneyCompact(amount: number, currency: string): string {
  return numberFormat(`compact:${currency}`, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

/** A count: `1,204`. */
export function formatCount(value: string): string {
  return numberFormat('count', { maximumFractionDigits: 0 }).format(value as Numeric);
}

/** A return on ad spend: `1.35×`. */
export function formatRoas(value: string | number): string {
  return `${numberFormat('roas', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value as Numeric)}×`;
}

/** A share: `8.86%`. */
export function formatPercent(value: string): string {
  return numberFormat('percent', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value as Numeric);
}

/** Ratios that read as shares of orders (a percentage), not as a return (`1.35×`). */
const PERCENT_RATIOS: ReadonlySet<MetricName> = new Set(['REFUND_RATE', 'LATE_SHIP_RATE', 'ON_TIME_DELIVERY_RATE']);

/** A metric as a tile or table shows it; `—` when it has no value (its nullReason says why). */
export function formatMetric(metric: MetricValue): string {
  if (metric.value === null) return '—';
  switch (metric.unit) {
    case 'MONEY':
      return metric.money ? formatMoney(metric.money.amount, metric.money.currency) : metric.value;
    case 'COUNT':
      return formatCount(metric.value);
    case 'RATIO':
      return PERCENT_RATIOS.has(metric.name) ? formatPercent(metric.value) : formatRoas(metric.value);
  }
}

/** Which way a change is good for the business; ad spend going up is neither. */
export type Better = 'up' | 'down' | 'neither';

/** A tile's change against the previous period. */
export interface Change {
  /** `+12.3%`, `−0.41 pp`, or `—` when there is nothing to compare. */
  text: string;
  direction: 'up' | 'down' | 'flat' | 'none';
  /** Whether the change is good news, bad news, or neither (drives the colour, never alone). */
  tone: 'good' | 'bad' | 'neutral';
  /** The change in words, for screen readers. */
  description: string;
}

const signed = (n: number, digits: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;

/**
 * The change from `previous` to `current`: relative for money, counts and ROAS; in percentage
 * points for the refund rate, where a relative change of a rate misleads.
 */
export function describeChange(name: MetricName, current: string | null, previous: string | null, better: Better): Change {
  if (current === null || previous === null) {
    return { text: '—', direction: 'none', tone: 'neutral', description: 'no comparison: a period has no value' };
  }
  const now = Number(current);
  const before = Number(previous);
  let text: string;
  let delta: number;
  if (name === 'REFUND_RATE') {
    delta = (now - before) * 100;
    text = `${signed(delta, 2)} pp`;
  } else if (before === 0) {
    return now === 0
      ? { text: '±0%', direction: 'flat', tone: 'neutral', description: 'unchanged, zero in both periods' }
      : { text: 'new', direction: 'up', tone: 'neutral', description: 'none in the previous period' };
  } else {
    delta = ((now - before) / Math.abs(before)) * 100;
    text = `${signed(delta, 1)}%`;
  }
  const rounded = Number(delta.toFixed(name === 'REFUND_RATE' ? 2 : 1));
  const direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const tone = direction === 'flat' || better === 'neither' ? 'neutral' : direction === better ? 'good' : 'bad';
  const words = direction === 'flat' ? 'unchanged' : `${direction} ${text.replace(/^[+−]/, '')}`;
  return { text, direction, tone, description: `${words} against the previous period` };
}

/** `4 s old`, `3 min old`, `2 h old`. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s old`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min old`;
  return `${Math.round(s / 3600)} h old`;
}

/** A time left (or past) as the ops panel says it: `3 h 12 min`, `45 min`. */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(Math.abs(seconds) / 60);
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

/** The viewer's wall-clock time of an instant: `12:03:10`. */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
