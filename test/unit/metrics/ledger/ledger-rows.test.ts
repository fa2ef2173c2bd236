/** Stored order rows read back (src/metrics/ledger/ledger-rows.ts): what the ledger wrote comes back equal; anything else is refused by name. */
import { decodeRow, encodeRow } from '../../../../src/metrics/ledger/ledger-rows';
import { LedgerCorruptError } from '../../../../src/metrics/ledger/ledger-errors';
import { at, LA, line, order } from '../fixtures';

const paid = order('A', [line('A-1', '10.00')], {
  paidTime: at('2024-03-02T10:00', LA),
  fulfilment: { shipBy: 1_709_500_000, shippedAt: null, deliverBy: null, deliveredAt: null },
});

describe('stored order rows', () => {
  it('reads back what it wrote, fulfilment times included', () => {
    const row = { day: '2024-03-02', order: paid, refunds: [] };
    expect(decodeRow('k', encodeRow(row))).toEqual(row);
  });

  it.each([
    [
      'fulfilment times that are not four times',
      '["2024-03-02",["A","AWAITING_SHIPMENT",1,2,3,0,"USD",0,[],["soon",null,null,null]],[]]',
      'order: fulfilment times',
    ],
    ['a fulfilment list cut short', '["2024-03-02",["A","AWAITING_SHIPMENT",1,2,3,0,"USD",0,[],[1]],[]]', 'order: fulfilment times'],
    ['an order cut short', '["2024-03-02",["A"],[]]', 'order: not an order'],
    ['a day without an order', '["2024-03-02",0,[]]', 'day: set without an order'],
  ])('refuses %s, naming the key', (_what, text, problem) => {
    expect(() => decodeRow('ledger:test:o:A', text)).toThrow(LedgerCorruptError);
    expect(() => decodeRow('ledger:test:o:A', text)).toThrow(expect.objectContaining({ key: 'ledger:test:o:A', problem }));
  });
});
