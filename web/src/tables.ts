/** The top-products and campaigns tables. */
import { badge, h, type Child } from './dom';
import { formatCount, formatMetric, formatMoney } from './format';
import type { DashboardOverviewQuery } from './generated/graphql';

type Metrics = NonNullable<DashboardOverviewQuery['shop']>['metrics'];
type ProductRow = Metrics['topProducts'][number];
type CampaignRow = Metrics['campaigns'][number];
type ReconciliationRow = NonNullable<Metrics['reconciliation']>[number];

interface Column<Row> {
  label: string;
  numeric?: boolean;
  cell: (row: Row) => Child | Child[];
}

function table<Row>(caption: string, columns: Column<Row>[], rows: Row[], empty: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.label)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          ...columns.map((c, i) => {
            const content = c.cell(row);
            const children = Array.isArray(content) ? content : [content];
            return i === 0 ? h('th', { scope: 'row' }, ...children) : h('td', { class: c.numeric ? 'num' : undefined }, ...children);
          }),
        ),
      ),
    ),
  );
}

const PROVISIONAL_NOTE = 'provisional: still inside the ad attribution window, it will move';

// A badge per cell would drown the table: a provisional number gets a dagger, explained below it.
const flags = (metric: { stale: boolean; provisional: boolean }): Child[] => [
  metric.stale && badge('stale'),
  metric.provisional &&
    h(
      'span',
      { class: 'mark', title: PROVISIONAL_NOTE },
      h('span', { 'aria-hidden': 'true' }, '†'),
      h('span', { class: 'visually-hidden' }, ` (${PROVISIONAL_NOTE})`),
    ),
];

/** Products by GMV in the window, highest first (the API's order). */
export function productsTable(products: ProductRow[]): HTMLElement {
  return table<ProductRow>(
    'Top products by GMV in the window',
    [
      { label: 'Product', cell: (p) => p.product?.title ?? `Product ${p.productId} (no longer listed)` },
      { label: 'GMV', numeric: true, cell: (p) => formatMetric(p.gmv) },
      { label: 'Units', numeric: true, cell: (p) => (p.unitsSold.value === null ? '—' : formatCount(p.unitsSold.value)) },
      { label: 'Orders', numeric: true, cell: (p) => (p.orders.value === null ? '—' : formatCount(p.orders.value)) },
    ],
    products,
    'No product sold in this window.',
  );
}

const STATUS: Record<string, string> = {
  CAMPAIGN_STATUS_ENABLE: 'Active',
  CAMPAIGN_STATUS_DISABLE: 'Paused',
  CAMPAIGN_STATUS_DELETE: 'Deleted',
};

/** Campaigns that spent in the window, biggest spend first. */
export function campaignsTable(campaigns: CampaignRow[], advertisers: { id: string; name: string }[] = []): HTMLElement {
  const accountName = new Map(advertisers.map((a) => [a.id, a.name]));
  const rows = [...campaigns].sort((a, b) => Number(b.spend.value ?? 0) - Number(a.spend.value ?? 0));
  const provisional = rows.some((c) => c.spend.provisional || c.roas.provisional);
  const content = table<CampaignRow>(
    'Campaigns with spend in the window',
    [
      { label: 'Campaign', cell: (c) => c.campaign?.name ?? `Campaign ${c.campaignId}` },
      // Two ad accounts may name campaigns alike: the account tells them apart.
      {
        label: 'Ad account',
        cell: (c) =>
          c.campaign ? [accountName.get(c.campaign.advertiserId) ?? 'Unknown account', h('span', { class: 'account-id' }, ` ${c.campaign.advertiserId}`)] : '—',
      },
      { label: 'Status', cell: (c) => (c.campaign ? (STATUS[c.campaign.status] ?? c.campaign.status) : 'Unknown') },
      { label: 'Spend', numeric: true, cell: (c) => [formatMetric(c.spend), ...flags(c.spend)] },
      { label: 'Attributed revenue', numeric: true, cell: (c) => formatMetric(c.attributedRevenue) },
      { label: 'ROAS', numeric: true, cell: (c) => [formatMetric(c.roas), ...flags(c.roas)] },
    ],
    rows,
    'No campaign spent in this window.',
  );
  return h('div', {}, content, provisional && h('p', { class: 'table-note', 'aria-hidden': 'true' }, `† ${PROVISIONAL_NOTE}.`));
}

/**
 * ShopGraph's GMV and orders beside TikTok's analytics per day, newest first, like for like: TikTok
 * counts what buyers paid, so ShopGraph's GMV goes through the bridge (platform discount out;
 * shipping, tax and fees in) before the difference is taken.
 */
export function reconciliationTable(days: ReconciliationRow[] | null): HTMLElement {
  // Null when TikTok's analytics could not be read: ShopGraph's own figures stand without them.
  const rows = [...(days ?? [])].reverse();
  const money = (m: { amount: string; currency: string } | null) => (m ? formatMoney(m.amount, m.currency) : '—');
  const negative = (m: { amount: string; currency: string } | null) => (m ? `−${formatMoney(m.amount, m.currency)}` : '—');
  return table<ReconciliationRow>(
    "ShopGraph GMV on TikTok's definition beside TikTok analytics, per day",
    [
      { label: 'Day', cell: (d) => d.date },
      { label: 'ShopGraph GMV', numeric: true, cell: (d) => money(d.shopGraphGmv) },
      { label: 'Platform discount', numeric: true, cell: (d) => negative(d.platformDiscount) },
      { label: 'Shipping', numeric: true, cell: (d) => money(d.shipping) },
      { label: 'Tax', numeric: true, cell: (d) => money(d.tax) },
      { label: 'Other fees', numeric: true, cell: (d) => money(d.otherFees) },
      {
        label: "On TikTok's basis",
        numeric: true,
        cell: (d) => (d.shopGraphGmvTikTokBasis ? money(d.shopGraphGmvTikTokBasis) : h('span', { title: d.bridgeNullReason ?? '' }, '—')),
      },
      { label: 'TikTok GMV', numeric: true, cell: (d) => (d.published ? money(d.tiktokGmv) : [h('span', {}, '— '), badge('provisional')]) },
      { label: 'Unexplained', numeric: true, cell: (d) => money(d.unexplainedGmvDifference) },
      { label: 'ShopGraph orders', numeric: true, cell: (d) => formatCount(String(d.shopGraphOrders)) },
      { label: 'TikTok orders', numeric: true, cell: (d) => (d.tiktokOrders === null ? '—' : formatCount(String(d.tiktokOrders))) },
      { label: 'Difference', numeric: true, cell: (d) => (d.ordersDifference === null ? '—' : String(d.ordersDifference)) },
    ],
    rows,
    days === null ? "TikTok's analytics could not be read for this window; try again shortly." : 'No days in this window.',
  );
}
