import { EmulatorRejection, errorEnvelope, newRequestId, successEnvelope } from '../../../../src/emulator/codes';

describe('envelopes', () => {
  const now = Date.UTC(2024, 6, 10, 17, 3, 28);

  it('makes TikTok-looking request ids, fresh every time', () => {
    const id = newRequestId(now);
    expect(id).toMatch(/^20240710170328[0-9A-F]{20}$/);
    expect(newRequestId(now)).not.toBe(id);
  });

  it('uses each API success message and error data shape', () => {
    expect(successEnvelope('partner', { a: 1 }, now)).toMatchObject({ code: 0, message: 'Success', data: { a: 1 } });
    expect(successEnvelope('marketing', {}, now).message).toBe('OK');
    const rejection = new EmulatorRejection(106001, 'Invalid sign', 401);
    expect(errorEnvelope('partner', rejection, now)).toMatchObject({ code: 106001, message: 'Invalid sign', data: null });
    expect(errorEnvelope('marketing', new EmulatorRejection(40100, 'slow down', 200), now).data).toEqual({});
  });
});
