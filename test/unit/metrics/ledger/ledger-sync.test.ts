import type { ShopInfo } from '../../../../src/datasources/shop-directory';
import type { OrderFact, RefundFact } from '../../../../src/domain/facts';
import type { BackfillPlan } from '../../../../src/metrics/ledger/coverage';
import type { FeedQuery, RefundFeed } from '../../../../src/metrics/ledger/ledger-source';
import { backfill } from '../../../../src/metrics/ledger/ledger-sync';
import { line, order, refund } from '../fixtures';
import { FakeSource } from './fake-source';

const SHOP: ShopInfo = { id: '1', name: 'Shop', code: null, region: 'US', sellerType: 'LOCAL', cipher: 'c', currency: 'USD', timezone: 'UTC' };
const T0 = 1_700_000_000;
const PLAN: BackfillPlan = { coverage: { from: '2023-11-14', to: null }, orders: [{ ge: T0, lt: null }], refunds: [{ ge: T0, lt: null }] };

/** 1,200 orders created a minute apart, paid 30 s later; every tenth one returned a day later. */
function source(): FakeSource {
  const s = new FakeSource();
  for (let i = 0; i < 1200; i++) {
    const o = order(`O${i}`, [line(`O${i}-1`, '1.00')], { createTime: T0 + i * 60, paidTime: T0 + i * 60 + 30, updateTime: T0 + i * 60 + 30 });
    s.putOrder(o);
    if (i % 10 === 0) s.putRefund('returns', refund(`R${i}`, o, [`O${i}-1`]));
  }
  return s;
}

interface Batch {
  orders: OrderFact[];
  refunds: RefundFact[];
  settledBefore: number | undefined;
}

async function run(upstream: FakeSource, onBatch: (batch: Batch, all: Batch[]) => void = () => undefined): Promise<Batch[]> {
  const batches: Batch[] = [];
  await backfill(
    {
      source: upstream,
      shop: SHOP,
      concurrency: 4,
      nowSeconds: T0 + 1200 * 60,
      batchSize: 100,
      apply: async (orders, refunds, settledBefore) => {
        batches.push({ orders, refunds, settledBefore });
        onBatch(batches.at(-1)!, batches);
      },
    },
    PLAN,
  );
  return batches;
}

describe('backfill', () => {
  it('tells each batch how far the reads have settled: no order applied later was created before that', async () => {
    const batches = await run(source());
    expect(new Set(batches.flatMap((b) => b.orders.map((o) => o.id))).size).toBe(1200);
    batches.forEach(({ settledBefore }, k) => {
      for (const later of batches.slice(k + 1)) for (const o of later.orders) expect(o.createTime).toBeGreaterThanOrEqual(settledBefore!);
    });
    // Days settle while the rest is still being read, and everything has settled at the end.
    expect(batches.slice(0, -1).filter((b) => Number.isFinite(b.settledBefore)).length).toBeGreaterThan(3);
    expect(batches.at(-1)!.settledBefore).toBe(Number.POSITIVE_INFINITY);
  });

  it('settles nothing while refunds are still being read: a refund may belong to any day', async () => {
    const upstream = source();
    let releaseRefunds!: () => void;
    const refundsHeld = new Promise<void>((resolve) => (releaseRefunds = resolve));
    const refundPage = upstream.refundPage.bind(upstream);
    upstream.refundPage = async (shop: unknown, feed: RefundFeed, q: FeedQuery) => {
      await refundsHeld;
      return refundPage(shop, feed, q);
    };
    let whileHeld = 0;
    const batches = await run(upstream, (batch, all) => {
      const ordersApplied = all.reduce((n, b) => n + b.orders.length, 0);
      if (ordersApplied < 1000) {
        whileHeld += 1;
        expect(batch.settledBefore).toBe(Number.NEGATIVE_INFINITY);
      } else {
        releaseRefunds();
      }
    });
    expect(whileHeld).toBeGreaterThan(3);
    expect(batches.flatMap((b) => b.refunds)).toHaveLength(120);
  });
});
