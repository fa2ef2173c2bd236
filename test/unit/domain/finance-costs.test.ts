import Database from 'better-sqlite3';
import { configEntries, UnitCostBook, UnitCostRejected, UnitCostStore } from '../../../src/domain/finance-costs';
import { fileSchema } from '../../../src/config/schema';
import { SqliteUnitCosts } from '../../../src/store/sqlite-unit-costs';

/** Costs set through the API in the embedded store's engine, in memory. */
const records = () => new SqliteUnitCosts(new Database(':memory:'), 'app');

const shop = { id: '7494000000000000001', currency: 'USD' };

describe('unit costs', () => {
  it("reads the config file's three shapes: a plain amount (shop currency, since always), an entry, a history", () => {
    const costs = fileSchema.parse({
      costs: {
        '1': '12.30',
        '2': { amount: '5', currency: 'EUR', from: '2026-01-01' },
        '3': [{ amount: '1.00' }, { amount: '1.50', from: '2026-06-01' }],
      },
    }).costs;
    const book = new UnitCostBook(configEntries(costs, shop.currency));
    expect(book.at('1', '1999-01-01')).toMatchObject({ amount: '12.30', currency: 'USD', from: null, source: 'CONFIG' });
    expect(book.at('2', '2025-12-31')).toBeUndefined();
    expect(book.at('2', '2026-01-01')).toMatchObject({ amount: '5', currency: 'EUR' });
    expect(book.at('3', '2026-05-31')?.amount).toBe('1.00');
    expect(book.at('3', '2026-06-01')?.amount).toBe('1.50');
    expect(book.at('4', '2026-06-01')).toBeUndefined();
  });

  it('refuses malformed config costs', () => {
    for (const costs of [
      { x: '1' },
      { '1': '-1' },
      { '1': '1e3' },
      { '1': { amount: '1', from: '2026-02-30' } },
      { '1': { amount: '1', extra: 1 } },
      {
        '1': [
          { amount: '1', from: '2026-01-01' },
          { amount: '2', from: '2026-01-01' },
        ],
      },
    ]) {
      expect(fileSchema.safeParse({ costs }).success).toBe(false);
    }
  });

  it("appends to a SKU's history and never rewrites it: a new cost starts after the last one", async () => {
    let now = 1_000;
    const store = new UnitCostStore(records(), { config: { '9': [{ amount: '3', from: '2026-01-01' }] }, now: () => now });
    const added = await store.add(
      shop,
      [
        { skuId: '7', amount: '2.50' },
        { skuId: '7', amount: '2.75', from: '2026-03-01' },
      ],
      '2026-02-10',
    );
    expect(added).toEqual([
      { skuId: '7', amount: '2.50', currency: 'USD', from: '2026-02-10', source: 'API', setAt: 1_000 },
      { skuId: '7', amount: '2.75', currency: 'USD', from: '2026-03-01', source: 'API', setAt: 1_000 },
    ]);
    now = 2_000;
    await expect(store.add(shop, [{ skuId: '7', amount: '9', from: '2026-03-01' }], '2026-02-11')).rejects.toThrow(UnitCostRejected);
    await expect(store.add(shop, [{ skuId: '9', amount: '9', from: '2025-12-31' }], '2026-02-11')).rejects.toThrow(/has a cost from 2026-01-01/);
    await expect(store.add(shop, [{ skuId: '8', amount: '-1' }], '2026-02-11')).rejects.toThrow(/cannot be negative/);
    // A refused call adds nothing, not even its valid costs.
    await expect(
      store.add(
        shop,
        [
          { skuId: '8', amount: '1' },
          { skuId: '7', amount: '1', from: '2026-01-01' },
        ],
        '2026-02-11',
      ),
    ).rejects.toThrow(UnitCostRejected);
    const book = await store.book(shop);
    expect(book.history(['8'])).toEqual([]);
    expect(book.at('7', '2026-02-09')).toBeUndefined();
    expect(book.at('7', '2026-02-28')?.amount).toBe('2.50');
    expect(book.at('7', '2026-12-31')?.amount).toBe('2.75');
    expect(book.history(['7', '9']).map((e) => `${e.skuId}@${e.from}`)).toEqual(['7@2026-02-10', '7@2026-03-01', '9@2026-01-01']);
  });

  it("keeps each shop's costs apart and serializes concurrent writes of one shop", async () => {
    const store = new UnitCostStore(records(), { config: {} });
    await Promise.all([1, 2, 3, 4, 5].map((d) => store.add(shop, [{ skuId: `${d}`, amount: `${d}` }], '2026-01-01')));
    expect((await store.book(shop)).history(['1', '2', '3', '4', '5']).map((e) => e.skuId)).toEqual(['1', '2', '3', '4', '5']);
    expect((await store.book({ id: '7494000000000000002', currency: 'GBP' })).history(['1', '2', '3', '4', '5'])).toEqual([]);
  });
});

describe('unit costs: a COGS figure once given never changes (issue 17, finding 5)', () => {
  it("refuses a later cost dated in the past, and lets a SKU's first cost fill the days before today", async () => {
    const store = new UnitCostStore(records(), { config: { '9': '3.00' } });
    await store.add(shop, [{ skuId: '7', amount: '2.00', from: '2026-01-15' }], '2026-01-15');
    // 1 February is past on 10 February: the COGS of 1–9 February was given with 2.00 and stays so.
    await expect(store.add(shop, [{ skuId: '7', amount: '9.00', from: '2026-02-01' }], '2026-02-10')).rejects.toThrow(
      /later cost starts on the shop's today \(2026-02-10\) or after/,
    );
    // A config cost "since always" counts as the SKU's first.
    await expect(store.add(shop, [{ skuId: '9', amount: '4.00', from: '2026-02-09' }], '2026-02-10')).rejects.toThrow(/has a cost since always/);
    // From today on is fine, and so is a SKU's first cost dated back (its COGS was null before).
    await store.add(
      shop,
      [
        { skuId: '7', amount: '2.50', from: '2026-02-10' },
        { skuId: '8', amount: '1.00', from: '2025-06-01' },
      ],
      '2026-02-10',
    );
    const book = await store.book(shop);
    expect(book.at('7', '2026-02-05')?.amount).toBe('2.00');
    expect(book.at('7', '2026-02-10')?.amount).toBe('2.50');
    expect(book.at('8', '2025-06-01')?.amount).toBe('1.00');
  });

  it('bounds dates and amounts at the door, naming the field', async () => {
    const store = new UnitCostStore(records(), { config: {} });
    const refused = async (input: { skuId: string; amount: string; from?: string; currency?: string }) => {
      const error = await store.add(shop, [{ skuId: '1', amount: '1' }, input], '2026-02-10').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnitCostRejected);
      return error as UnitCostRejected;
    };
    expect(await refused({ skuId: '2', amount: '1', from: '9999-12-31' })).toMatchObject({
      field: 'costs[1].effectiveFrom',
      message: expect.stringContaining('2020-01-01 to 2027-02-11'),
    });
    expect((await refused({ skuId: '2', amount: '1', from: '2019-12-31' })).field).toBe('costs[1].effectiveFrom');
    expect(await refused({ skuId: '2', amount: '1'.repeat(10_000) })).toMatchObject({
      field: 'costs[1].amount',
      message: expect.stringContaining('10000 characters'),
    });
    expect((await refused({ skuId: '2', amount: '1.1234567' })).field).toBe('costs[1].amount');
    expect((await refused({ skuId: '2', amount: '-1' })).message).toMatch(/cannot be negative/);
    expect((await refused({ skuId: 'x', amount: '1' })).field).toBe('costs[1].skuId');
    expect((await refused({ skuId: '2', amount: '1', currency: 'usd' })).field).toBe('costs[1].currency');
    // Nothing of a refused call was written; the widest accepted amount and the last accepted day are.
    expect((await store.book(shop)).history(['1', '2'])).toEqual([]);
    await store.add(
      shop,
      [
        { skuId: '2', amount: '999999999999.999999', from: '2027-02-11' },
        { skuId: '3', amount: '0', from: '2020-01-01' },
      ],
      '2026-02-10',
    );
    expect((await store.book(shop)).history(['2', '3']).map((e) => e.amount)).toEqual(['999999999999.999999', '0']);
  });
});
