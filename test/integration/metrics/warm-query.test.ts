/**
 * Issue 4's budget: once the ledger is built, a window query costs at most one delta-sync search
 * per feed (orders, returns, cancellations), and nothing at all while the ledger is fresh.
 */
import { startStack, type Stack } from '../../helpers/stack';

const FEEDS = ['POST /order/202309/orders/search', 'POST /return_refund/202309/returns/search', 'POST /return_refund/202309/cancellations/search'];
const METRICS = `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { gmv { value stale asOf } orders { value } refundedGmv { value } } } }`;

type Answer = { shop: { metrics: { gmv: { value: string; stale: boolean; asOf: string }; orders: { value: string } } } };

async function firstShop(stack: Stack): Promise<string> {
  const res = await stack.gql<{ shops: { id: string }[] }>('{ shops { id } }');
  return res.data!.shops[0]!.id;
}

function orderCalls(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([k]) => k.includes('/order/') || k.includes('/return_refund/')));
}

describe('a warm metrics query', () => {
  it('costs at most one delta-sync search per feed when the ledger is stale', async () => {
    const stack = await startStack({ file: { metrics: { maxStalenessSeconds: 0.001 } }, emulator: { shops: 1, days: 30, ordersPerDay: 40 } });
    try {
      const shopId = await firstShop(stack);
      const today = new Date().toISOString().slice(0, 10);
      const window = { from: new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10), to: today };
      const cold = await stack.gql<Answer>(METRICS, { s: shopId, r: window });
      expect(cold.errors).toBeUndefined();
      expect(Number(cold.data!.shop.metrics.orders.value)).toBeGreaterThan(500);

      await stack.resetCalls();
      const warm = await stack.gql<Answer>(METRICS, { s: shopId, r: window });
      expect(warm.data).toEqual({ shop: { metrics: { ...cold.data!.shop.metrics, gmv: { ...cold.data!.shop.metrics.gmv, asOf: expect.any(String) } } } });
      const calls = orderCalls(await stack.calls());
      for (const feed of FEEDS) expect(calls[feed]).toBe(1);
      expect(Object.keys(calls).sort()).toEqual([...FEEDS].sort());
    } finally {
      await stack.close();
    }
  });

  it('costs no upstream order call while the ledger is fresh', async () => {
    const stack = await startStack();
    try {
      const shopId = await firstShop(stack);
      const window = { from: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
      const cold = await stack.gql<Answer>(METRICS, { s: shopId, r: window });
      expect(cold.errors).toBeUndefined();
      await stack.resetCalls();
      const warm = await stack.gql<Answer>(METRICS, { s: shopId, r: window });
      expect(warm).toEqual(cold);
      expect(orderCalls(await stack.calls())).toEqual({});
    } finally {
      await stack.close();
    }
  });
});
