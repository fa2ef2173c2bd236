/**
 * setUnitCosts at the door (issue 17, findings 5 and 9): dates and amounts bounded, each refusal a
 * BAD_USER_INPUT naming the field; a later cost dated in the past refused, so a COGS once given
 * never changes; nothing of a refused call stored.
 */
import { localDate } from '../../../src/domain/window';
import { startStack, type Stack } from '../../helpers/stack';

const SET = 'mutation($s: ID!, $c: [UnitCostInput!]!) { setUnitCosts(shopId: $s, costs: $c) { unitCosts { skuId effectiveFrom } } }';
const READ = 'query($s: ID!, $k: [ID!]!) { shop(id: $s) { unitCosts(skuIds: $k) { skuId effectiveFrom amount { amount } } } }';

describe('setUnitCosts input', () => {
  let stack: Stack;
  let shopId: string;
  let today: string;
  beforeAll(async () => {
    stack = await startStack({ emulator: { shops: 1, days: 2, ordersPerDay: 2 } });
    const shop = stack.emulator.store.shops()[0]!;
    shopId = shop.id;
    today = localDate(Math.floor(Date.now() / 1000), shop.timezone);
  });
  afterAll(() => stack.close());

  const refusal = async (costs: unknown[]) => {
    const res = await stack.gql(SET, { s: shopId, c: costs });
    expect(res.data).toBeNull();
    return { code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.argumentName, message: res.errors?.[0]?.message };
  };

  it('refuses dates out of range and amounts of unbounded digits, naming the field', async () => {
    expect(await refusal([{ skuId: '11', amount: '1', effectiveFrom: '9999-12-31' }])).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'costs[0].effectiveFrom',
    });
    expect(await refusal([{ skuId: '11', amount: '1', effectiveFrom: '2019-12-31' }])).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'costs[0].effectiveFrom',
    });
    expect(
      await refusal([
        { skuId: '11', amount: '1' },
        { skuId: '12', amount: '9'.repeat(10_000) },
      ]),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'costs[1].amount' });
    expect(await refusal([{ skuId: '11', amount: '0.0000001' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'costs[0].amount' });
    const stored = await stack.gql<{ shop: { unitCosts: unknown[] } }>(READ, { s: shopId, k: ['11', '12'] });
    expect(stored.data!.shop.unitCosts).toEqual([]);
  });

  it("dates a SKU's first cost back, then refuses a later one dated before today", async () => {
    const first = await stack.gql(SET, { s: shopId, c: [{ skuId: '21', amount: '2.00', effectiveFrom: '2024-01-01' }] });
    expect(first.errors).toBeUndefined();
    const yesterday = localDate(Math.floor(Date.parse(`${today}T12:00:00Z`) / 1000) - 86_400, 'UTC');
    expect(await refusal([{ skuId: '21', amount: '3.00', effectiveFrom: yesterday }])).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'costs[0].effectiveFrom',
      message: expect.stringContaining(`starts on the shop's today (${today}) or after`),
    });
    const later = await stack.gql(SET, { s: shopId, c: [{ skuId: '21', amount: '3.00' }] });
    expect(later.errors).toBeUndefined();
    const stored = await stack.gql<{ shop: { unitCosts: { effectiveFrom: string }[] } }>(READ, { s: shopId, k: ['21'] });
    expect(stored.data!.shop.unitCosts.map((c) => c.effectiveFrom)).toEqual(['2024-01-01', today]);
  });
});
