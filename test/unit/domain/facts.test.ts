import { isSuccessfulRefund, lineItemGross } from '../../../src/domain/facts';
import { InvalidDecimalError } from '../../../src/domain/money';
import { line, order, refund } from '../metrics/fixtures';

describe('lineItemGross', () => {
  it('is sale_price + platform_discount (metrics.md worked example: 15.00 + 3.00)', () => {
    expect(lineItemGross('15.00', '3.00')).toBe('18');
    expect(lineItemGross('0.1', '0.2')).toBe('0.3');
  });

  it('rejects malformed prices', () => {
    expect(() => lineItemGross('1e2', '0')).toThrow(InvalidDecimalError);
  });
});

describe('isSuccessfulRefund', () => {
  const paid = order('O1', [line('L1', '10.00')], { paidTime: 1_000 });

  it.each(['RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE', 'REPLACEMENT_REQUEST_REFUND_SUCCESS'])(
    'counts a return with status %s',
    (status) => {
      expect(isSuccessfulRefund(refund('R', paid, ['L1'], { status }), paid)).toBe(true);
    },
  );

  it.each(['RETURN_OR_REFUND_REQUEST_PENDING', 'RETURN_OR_REFUND_REQUEST_REJECT', 'REPLACEMENT_REQUEST_COMPLETE'])(
    'does not count a return with status %s',
    (status) => {
      expect(isSuccessfulRefund(refund('R', paid, ['L1'], { status }), paid)).toBe(false);
    },
  );

  it.each(['CANCELLATION_REQUEST_SUCCESS', 'CANCELLATION_REQUEST_COMPLETE'])('counts a cancellation %s made at or after payment', (status) => {
    const atPayment = refund('C', paid, [], { kind: 'CANCELLATION', status, createTime: 1_000 });
    const after = refund('C', paid, [], { kind: 'CANCELLATION', status, createTime: 5_000 });
    expect(isSuccessfulRefund(atPayment, paid)).toBe(true);
    expect(isSuccessfulRefund(after, paid)).toBe(true);
  });

  it('does not count a cancellation made before payment, nor one of an unpaid order', () => {
    const before = refund('C', paid, [], { kind: 'CANCELLATION', status: 'CANCELLATION_REQUEST_COMPLETE', createTime: 999 });
    expect(isSuccessfulRefund(before, paid)).toBe(false);
    const unpaid = order('O2', [line('L1', '10.00')], { paidTime: null, createTime: 500 });
    const cancel = refund('C', unpaid, [], { kind: 'CANCELLATION', status: 'CANCELLATION_REQUEST_SUCCESS', createTime: 600 });
    expect(isSuccessfulRefund(cancel, unpaid)).toBe(false);
  });

  it('does not count a cancellation with a pending status or a return status', () => {
    const pending = refund('C', paid, [], { kind: 'CANCELLATION', status: 'CANCELLATION_REQUEST_PENDING', createTime: 2_000 });
    const odd = refund('C', paid, [], { kind: 'CANCELLATION', status: 'RETURN_OR_REFUND_REQUEST_SUCCESS', createTime: 2_000 });
    expect(isSuccessfulRefund(pending, paid)).toBe(false);
    expect(isSuccessfulRefund(odd, paid)).toBe(false);
  });

  it('never counts a refund against another order', () => {
    const other = order('O9', [line('L1', '10.00')]);
    expect(isSuccessfulRefund(refund('R', other, ['L1']), paid)).toBe(false);
  });
});
