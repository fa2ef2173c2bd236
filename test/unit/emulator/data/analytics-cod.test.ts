import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorStore } from '../../../../src/emulator/data/store';

/**
 * TikTok's shop GMV over hand-written orders of a Vietnamese shop (UTC+7): what buyers paid
 * (`total_amount`), counted the day paid, or placed for cash on delivery; cancellations included.
 */
const SHOP = '7494726673780148803';
/** 2025-11-24T16:00:00Z = 23:00 in Ho Chi Minh City. */
const NOW = 1764000000;
/** Unix seconds of a Ho Chi Minh City wall-clock time in November 2025. */
const ict = (day: number, hh: number, mm = 0): number => Date.UTC(2025, 10, day, hh - 7, mm) / 1000;

const line = (id: string, sale: string, platform = '0', seller = '0') => ({
  id,
  product_id: '1733000000000000001',
  sku_id: `17339000000000000${id.slice(-2)}`,
  currency: 'VND',
  original_price: String(Number(sale) + Number(platform) + Number(seller)),
  sale_price: sale,
  seller_discount: seller,
  platform_discount: platform,
  display_status: 'IN_TRANSIT',
});
const pay = (sub: string, ship: string, total: string, platform = '0') => ({
  currency: 'VND',
  original_total_product_price: String(Number(sub) + Number(platform)),
  platform_discount: platform,
  sub_total: sub,
  shipping_fee: ship,
  total_amount: total,
});

const ORDERS = [
  // A: COD placed 11-20 10:00, in transit, unpaid → counts on 11-20: 159000 + 15000 shipping.
  {
    id: '584700000000000101',
    status: 'IN_TRANSIT',
    is_cod: true,
    create_time: ict(20, 10),
    update_time: ict(21, 9),
    user_id: '1',
    payment: pay('159000', '15000', '174000'),
    line_items: [line('584720000000000101', '159000')],
  },
  // B: COD placed 11-20 22:00, cash collected at delivery on 11-22 → still counts on 11-20.
  {
    id: '584700000000000102',
    status: 'DELIVERED',
    is_cod: true,
    create_time: ict(20, 22),
    paid_time: ict(22, 15),
    update_time: ict(22, 15),
    user_id: '2',
    payment: pay('89000', '18000', '107000'),
    line_items: [{ ...line('584720000000000102', '89000'), display_status: 'DELIVERED' }],
  },
  // C: prepaid, placed 11-20 23:50, paid 11-21 00:05 → counts on 11-21; the platform's 30000 is not what the buyer paid.
  {
    id: '584700000000000103',
    status: 'AWAITING_SHIPMENT',
    is_cod: false,
    create_time: ict(20, 23, 50),
    paid_time: ict(21, 0, 5),
    update_time: ict(21, 0, 5),
    user_id: '3',
    payment: pay('299000', '0', '299000', '30000'),
    line_items: [{ ...line('584720000000000103', '299000', '30000'), display_status: 'AWAITING_SHIPMENT' }],
  },
  // D: COD placed 11-21, cancelled after a failed delivery → still counts on 11-21.
  {
    id: '584700000000000104',
    status: 'CANCELLED',
    is_cod: true,
    create_time: ict(21, 11),
    cancel_time: ict(24, 9),
    update_time: ict(24, 9),
    user_id: '4',
    payment: pay('300000', '25000', '325000'),
    line_items: [{ ...line('584720000000000104', '300000'), display_status: 'CANCELLED' }],
  },
  // E: prepaid, placed 11-21, never paid → never counts.
  {
    id: '584700000000000105',
    status: 'UNPAID',
    is_cod: false,
    create_time: ict(21, 12),
    update_time: ict(21, 12),
    user_id: '5',
    payment: pay('89000', '18000', '107000'),
    line_items: [{ ...line('584720000000000105', '89000'), display_status: 'UNPAID' }],
  },
  // F: two lines, prepaid on 11-22: 100000 + 50000 + shipping 15000 = 165000.
  {
    id: '584700000000000106',
    status: 'AWAITING_SHIPMENT',
    is_cod: false,
    create_time: ict(22, 9),
    paid_time: ict(22, 9, 1),
    update_time: ict(22, 9, 1),
    user_id: '1',
    payment: pay('150000', '15000', '165000'),
    line_items: [
      { ...line('584720000000000161', '100000'), display_status: 'AWAITING_SHIPMENT' },
      { ...line('584720000000000162', '50000'), display_status: 'AWAITING_SHIPMENT' },
    ],
  },
];

async function fixtures(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'analytics-cod-'));
  await writeFile(
    join(dir, 'shops.json'),
    JSON.stringify({ shops: [{ id: SHOP, name: 'Nhà Mộc Studio', region: 'VN', seller_type: 'LOCAL', cipher: 'ROW_vnfixture', code: 'VNLCFIX001' }] }),
  );
  await mkdir(join(dir, 'shops', SHOP), { recursive: true });
  await writeFile(join(dir, 'shops', SHOP, 'orders.json'), JSON.stringify({ orders: ORDERS }));
  return dir;
}

describe("analytics by TikTok's definition (docs/tiktok-api.md, Analytics)", () => {
  it('counts COD orders on the day placed, prepaid ones on the day paid, at what the buyer paid', async () => {
    const store = await EmulatorStore.fromFixtures(await fixtures(), NOW);
    const perf = store.shopPerformance(SHOP, { start_date_ge: '2025-11-20', end_date_lt: '2025-11-25', granularity: '1D' });
    // Yesterday in Ho Chi Minh City is the latest day published.
    expect(perf.latest_available_date).toBe('2025-11-23');
    expect(perf.performance.intervals.map((d) => [d.start_date, d.gmv.amount, d.orders, d.units_sold, d.avg_order_value.amount])).toEqual([
      ['2025-11-20', '281000', 2, 2, '140500'], // A 174000 + B 107000
      ['2025-11-21', '624000', 2, 2, '312000'], // C 299000 + D 325000
      ['2025-11-22', '165000', 1, 2, '165000'], // F
      ['2025-11-23', '0', 0, 0, '0'],
    ]);
    const [all] = store.shopPerformance(SHOP, { start_date_ge: '2025-11-20', end_date_lt: '2025-11-24', granularity: 'ALL' }).performance.intervals;
    expect(all).toMatchObject({ gmv: { amount: '1070000', currency: 'VND' }, orders: 5, units_sold: 6, buyers: 4 });
  });

  it("splits each order's total over its lines for product and SKU rows, which add up to the shop", async () => {
    const store = await EmulatorStore.fromFixtures(await fixtures(), NOW);
    const skus = store.skuPerformance(SHOP, { start_date_ge: '2025-11-22', end_date_lt: '2025-11-23', sortField: 'gmv', sortOrder: 'DESC', pageSize: 10 });
    // F: 165000 split 100000 : 50000 → 110000 and 55000.
    expect(skus.items.map((s) => [s.id, s.gmv.amount, s.units_sold])).toEqual([
      ['1733900000000000061', '110000', 1],
      ['1733900000000000062', '55000', 1],
    ]);
    const products = store.productPerformance(SHOP, {
      start_date_ge: '2025-11-20',
      end_date_lt: '2025-11-24',
      sortField: 'gmv',
      sortOrder: 'DESC',
      pageSize: 10,
    });
    expect(products.items).toEqual([
      expect.objectContaining({ id: '1733000000000000001', gmv: { amount: '1070000', currency: 'VND' }, orders: 5, units_sold: 6 }),
    ]);
  });
});
