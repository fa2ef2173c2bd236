/**
 * The stock & fulfilment panel: how the shop ships (late-ship and on-time delivery rates, orders
 * at risk), which orders must ship soonest, and which best sellers are running out while the
 * shop's ads keep spending. Loaded on its own beside the figures, from the public graph only:
 * `ShopMetrics` (docs/metrics.md, Fulfilment), `Shop.orders` and `Sku.inventory`.
 */
import { badge, byId, h, setText } from './dom';
import { formatCount, formatDuration, formatMetric, formatMoney } from './format';
import { DashboardOpsDocument, type DashboardOpsQuery, type DateRange } from './generated/graphql';
import { execute } from './graphql-client';
import { lowStockBestsellers, ordersAtRisk, type AtRisk, type LowSku } from './ops-rows';
import { sumDecimals } from './sum-decimals';

type OpsMetrics = NonNullable<DashboardOpsQuery['shop']>['metrics'];

const STATUS: Record<string, string> = { ON_HOLD: 'On hold', AWAITING_SHIPMENT: 'To ship', PARTIALLY_SHIPPING: 'Partly shipped' };

/** "Ad spend … of which GMV Max …": GMV Max campaigns promote the shop's products, the low ones included. */
function spendLine(metrics: OpsMetrics): string {
  const total = formatMetric(metrics.adSpend);
  const gmvMax = metrics.campaigns.filter((c) => c.campaign?.type === 'GMV_MAX' && c.spend.money);
  const currencies = new Set(gmvMax.map((c) => c.spend.money!.currency));
  const [currency] = [...currencies];
  const ofWhich =
    currencies.size === 1 && currency ? `, of which ${formatMoney(sumDecimals(gmvMax.map((c) => c.spend.money!.amount)), currency)} on GMV Max campaigns` : '';
  return `Ad spend in this window: ${total}${ofWhich}.`;
}

function rate(label: string, metric: OpsMetrics['lateShipRate'], key: string): HTMLElement {
  return h(
    'div',
    { class: 'ops-figure', 'data-metric': key, 'data-value': metric.value ?? '' },
    h('dt', {}, label),
    h('dd', { title: metric.nullReason ?? metric.formula }, formatMetric(metric), metric.stale && badge('stale')),
  );
}

function atRiskTable(rows: AtRisk[], withinHours: number): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, `No order must ship within ${withinHours} h.`);
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, `Orders to ship within ${withinHours} hours, soonest first`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Order'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Ship by'),
        h('th', { scope: 'col', class: 'num' }, 'Time left'),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-order-id': r.id, 'data-ship-by': r.shipBy },
          h('th', { scope: 'row' }, r.id),
          h('td', {}, STATUS[r.status] ?? r.status),
          h('td', {}, new Date(r.shipBy).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', hour12: false })),
          h(
            'td',
            { class: r.secondsLeft < 0 ? 'num overdue' : 'num' },
            r.secondsLeft < 0 ? `overdue by ${formatDuration(r.secondsLeft)}` : formatDuration(r.secondsLeft),
          ),
        ),
      ),
    ),
  );
}

function lowStockTable(rows: LowSku[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, 'No best seller is low on stock.');
  const head = ['Product', 'SKU', 'Available', 'Reserved', 'Days of cover', 'GMV in window'];
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, 'Best sellers low on stock, fewest units first'),
    h('thead', {}, h('tr', {}, ...head.map((label, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : undefined }, label)))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-sku-id': r.skuId, 'data-available': r.available },
          h('th', { scope: 'row' }, r.title),
          h('td', {}, r.sellerSku ?? r.skuId),
          h('td', { class: 'num' }, r.available === 0 ? 'Sold out' : formatCount(String(r.available))),
          h('td', { class: 'num' }, r.committed === null ? '—' : formatCount(String(r.committed))),
          h('td', { class: 'num' }, r.daysOfCover ?? '—'),
          h('td', { class: 'num' }, r.gmv),
        ),
      ),
    ),
  );
}

/** The panel bound to index.html's `#ops` section; `load` (re)loads it for a shop and window. */
export function createOpsPanel(): { load(shopId: string, range: DateRange, apiKey: string | undefined): Promise<void> } {
  const section = byId('ops', HTMLElement);
  const figures = byId('ops-figures', HTMLElement);
  const atRisk = byId('ops-at-risk', HTMLDivElement);
  const lowStock = byId('ops-low-stock', HTMLDivElement);
  const spend = byId('ops-spend', HTMLParagraphElement);
  const hours = byId('ops-hours', HTMLSelectElement);
  const atRiskHeading = byId('ops-at-risk-heading', HTMLHeadingElement);
  let last: { shopId: string; range: DateRange; apiKey: string | undefined } | undefined;
  let generation = 0;
  let inFlight: AbortController | undefined;

  async function load(shopId: string, range: DateRange, apiKey: string | undefined): Promise<void> {
    last = { shopId, range, apiKey };
    inFlight?.abort();
    const mine = ++generation;
    const controller = (inFlight = new AbortController());
    const withinHours = Number(hours.value);
    section.dataset.state = 'loading';
    const result = await execute(DashboardOpsDocument, { shopId, range, withinHours }, { apiKey, signal: controller.signal });
    if (mine !== generation || result.kind === 'aborted') return;
    const shop = result.kind === 'data' ? result.data.shop : null;
    if (!shop) {
      setText(spend, 'Stock and fulfilment could not be loaded; the next refresh tries again.');
      section.dataset.state = 'error';
      return;
    }
    const m = shop.metrics;
    figures.replaceChildren(
      rate('Late shipments', m.lateShipRate, 'lateShipRate'),
      rate('Delivered on time', m.onTimeDeliveryRate, 'onTimeDeliveryRate'),
      rate(`Orders at risk (${withinHours} h)`, m.ordersAtRisk, 'ordersAtRisk'),
    );
    setText(atRiskHeading, `Orders to ship within ${withinHours} h`);
    const rows = ordersAtRisk(shop.orders.nodes, Date.now(), withinHours);
    const more = (shop.orders.totalCount ?? 0) > shop.orders.nodes.length;
    atRisk.replaceChildren(atRiskTable(rows, withinHours));
    if (more) atRisk.append(h('p', { class: 'table-note' }, `Only the first ${shop.orders.nodes.length} orders to ship were checked.`));
    lowStock.replaceChildren(lowStockTable(lowStockBestsellers(m)));
    setText(spend, spendLine(m));
    section.dataset.shop = shopId;
    section.dataset.range = `${range.from}..${range.to}`;
    section.dataset.hours = String(withinHours);
    section.dataset.state = 'ready';
  }

  hours.addEventListener('change', () => {
    if (last) void load(last.shopId, last.range, last.apiKey);
  });
  return { load };
}
