import type { EmuShop } from '../../../src/emulator/data/store';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, type PartnerRequest, type TestClock } from './helpers';

type Json = Record<string, unknown>;
interface Order extends Json {
  id: string;
  status: string;
  create_time: number;
  paid_time?: number;
  is_cod?: boolean;
  payment: Json & { total_amount: string };
}

/** Written from TikTok's error list of Get Order Detail and a live shop's answer. */
const NOT_THIS_SELLERS = 'The order/package does not belong to the current seller; detail:The order/package does not belong to the current seller';

describe('emulator: orders on the wire (signed HTTP)', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let us: EmuShop;
  let id: EmuShop;

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator({ shops: 3, days: 14 }));
    token = await accessToken(emu);
    [us, , id] = emu.store.shops() as [EmuShop, EmuShop, EmuShop];
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    clock.ms += 1000;
  });

  const call = <T = Json>(shop: EmuShop, req: PartnerRequest) => partner<T>(emu, clock, { token, cipher: shop.cipher, ...req });

  async function allOrders(shop: EmuShop): Promise<Order[]> {
    const out: Order[] = [];
    let pageToken = '';
    do {
      const { body } = await call<{ orders: Order[]; next_page_token: string }>(shop, {
        path: '/order/202309/orders/search',
        query: { page_size: '100', ...(pageToken ? { page_token: pageToken } : {}) },
        body: '{}',
      });
      expect(body.code).toBe(0);
      out.push(...body.data.orders);
      pageToken = body.data.next_page_token;
    } while (pageToken);
    return out;
  }

  it('serves order detail at 202507 and still at 202309; only 202309 keeps the SEA shipping hints', async () => {
    const orders = await allOrders(id);
    const open = orders.filter((o) => o.status === 'AWAITING_SHIPMENT').slice(0, 3);
    expect(open.length).toBeGreaterThan(0);
    const ids = open.map((o) => o.id).join(',');
    const old = await call<{ orders: Order[] }>(id, { path: '/order/202309/orders', query: { ids } });
    const now = await call<{ orders: Order[] }>(id, { path: '/order/202507/orders', query: { ids } });
    expect([old.status, old.body.code, now.status, now.body.code]).toEqual([200, 0, 200, 0]);
    expect(now.body.data.orders.map((o) => o.id)).toEqual(open.map((o) => o.id));
    for (const [i, o] of now.body.data.orders.entries()) {
      const before = old.body.data.orders[i]!;
      expect(typeof before.fulfillment_priority_level).toBe('number');
      expect(typeof before.recommended_shipping_time).toBe('number');
      expect('fulfillment_priority_level' in o).toBe(false);
      expect('recommended_shipping_time' in o).toBe(false);
      const { fulfillment_priority_level: _l, recommended_shipping_time: _r, ...rest } = before;
      expect(o).toEqual(rest);
    }
    // A US order carries neither hint in either version.
    const [usOrder] = await allOrders(us);
    const usOld = await call<{ orders: Order[] }>(us, { path: '/order/202309/orders', query: { ids: usOrder!.id } });
    expect('fulfillment_priority_level' in usOld.body.data.orders[0]!).toBe(false);
  });

  it.each(['202309', '202507'])('order detail %s answers 21008111 for an id the shop does not have, alone or in a batch', async (version) => {
    const path = `/order/${version}/orders`;
    const [known] = await allOrders(us);
    const [other] = await allOrders(id);
    for (const ids of ['576499999999999999', `${known!.id},576499999999999999`, other!.id]) {
      const res = await call(us, { path, query: { ids } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: 21008111, message: NOT_THIS_SELLERS, data: null });
    }
    expect((await call(us, { path, query: { ids: known!.id } })).body.code).toBe(0);
  });

  it('answers another version of order detail with 36009014', async () => {
    const [known] = await allOrders(us);
    const res = await call(us, { path: '/order/202412/orders', query: { ids: known!.id } });
    expect(res.body.code).toBe(36009014);
  });

  it('sends cash-on-delivery orders as TikTok does: no paid_time while unpaid, even in transit', async () => {
    const orders = await allOrders(id);
    const cod = orders.filter((o) => o.is_cod === true);
    expect(cod.length).toBeGreaterThan(0);
    for (const o of cod) expect(o.payment_method_name).toBe('Cash on delivery');
    const inTransit = cod.filter((o) => o.status === 'IN_TRANSIT');
    expect(inTransit.length).toBeGreaterThan(0);
    for (const o of inTransit) {
      expect('paid_time' in o).toBe(false);
      expect(typeof o.rts_time).toBe('number');
      expect(typeof o.tracking_number).toBe('string');
    }
    // A failed delivery: cancelled by the SYSTEM after it shipped, never paid.
    const failed = cod.find((o) => o.status === 'CANCELLED' && o.collection_time !== undefined);
    expect(failed).toMatchObject({ cancellation_initiator: 'SYSTEM' });
    expect('paid_time' in failed!).toBe(false);
  });

  it('sends partial refunds and returns without refund_amount', async () => {
    const { body } = await call<{ return_orders: Json[] }>(us, { path: '/return_refund/202309/returns/search', query: { page_size: '50' }, body: '{}' });
    expect(body.code).toBe(0);
    const returns = body.data.return_orders;
    const waiting = returns.find((r) => r.return_status === 'AWAITING_BUYER_RESPONSE');
    expect(waiting).toMatchObject({
      seller_proposed_return_type: 'PARTIAL_REFUND',
      buyer_rejected_partial_refund: false,
      partial_refund: { currency: 'USD', amount: expect.stringMatching(/^\d+\.\d{2}$/) },
    });
    const unpriced = returns.filter((r) => r.refund_amount === undefined && (r.return_line_items as Json[]).length > 0);
    expect(unpriced.length).toBeGreaterThan(0);
    for (const r of unpriced) expect((r.return_line_items as Json[]).every((l) => !('refund_amount' in l))).toBe(true);
  });

  it('reports shop GMV as what buyers paid, COD orders on the day placed (checked against the wire orders)', async () => {
    const orders = await allOrders(id);
    // Asia/Jakarta is UTC+7 all year.
    const jakartaDate = (t: number): string => new Date((t + 7 * 3600) * 1000).toISOString().slice(0, 10);
    const today = jakartaDate(Math.floor(clock.ms / 1000));
    const days = [...new Set(orders.map((o) => jakartaDate(o.create_time)))].filter((d) => d < today).sort();
    const range = { start_date_ge: days[0]!, end_date_lt: today };
    const { body } = await call<{ performance: { intervals: { start_date: string; gmv: { amount: string }; orders: number }[] } }>(id, {
      path: '/analytics/202405/shop/performance',
      query: { ...range, granularity: '1D' },
    });
    expect(body.code).toBe(0);
    let codDays = 0;
    for (const day of body.data.performance.intervals) {
      const counted = orders.filter((o) => {
        const t = o.is_cod ? o.create_time : o.paid_time;
        return t !== undefined && jakartaDate(t) === day.start_date;
      });
      if (counted.some((o) => o.is_cod)) codDays++;
      expect(day.orders).toBe(counted.length);
      // IDR has no decimals: whole rupiah, added as integers.
      expect(day.gmv.amount).toBe(String(counted.reduce((n, o) => n + Number(o.payment.total_amount), 0)));
    }
    expect(codDays).toBeGreaterThan(3);
  });
});
