import { EmulatorRejection } from '../../../../src/emulator/codes';
import { MarketingTokens, PartnerTokens } from '../../../../src/emulator/tokens';

function rejectionOf(fn: () => unknown): EmulatorRejection {
  try {
    fn();
  } catch (error) {
    if (error instanceof EmulatorRejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('PartnerTokens', () => {
  let nowMs = 1_700_000_000_000;
  const make = () =>
    new PartnerTokens({
      authCode: 'demo',
      accessTtlSeconds: 100,
      refreshTtlSeconds: 1000,
      shopIds: ['1', '2'],
      sellerName: 'S',
      region: 'US',
      now: () => nowMs,
    });

  beforeEach(() => {
    nowMs = 1_700_000_000_000;
  });

  it('exchanges the configured code once, with absolute expiry times', () => {
    const tokens = make();
    const grant = tokens.exchange('demo');
    expect(grant.access_token_expire_in).toBe(1_700_000_000 + 100);
    expect(grant.refresh_token_expire_in).toBe(1_700_000_000 + 1000);
    expect([...tokens.check(grant.access_token)]).toEqual(['1', '2']);
    expect(rejectionOf(() => tokens.exchange('demo')).code).toBe(36004005);
    expect(rejectionOf(() => tokens.exchange('other')).code).toBe(36004005);
  });

  it('expires access tokens with 105002 / HTTP 401 and refuses unknown ones with 36009004', () => {
    const tokens = make();
    const grant = tokens.exchange('demo');
    nowMs += 100_000;
    expect(rejectionOf(() => tokens.check(grant.access_token))).toMatchObject({ code: 105002, httpStatus: 401 });
    expect(rejectionOf(() => tokens.check('nope'))).toMatchObject({ code: 36009004, httpStatus: 401 });
    expect(rejectionOf(() => tokens.check(undefined)).message).toMatch(/missing/);
  });

  it('rotates refresh tokens: the old one stops working', () => {
    const tokens = make();
    const first = tokens.exchange('demo');
    nowMs += 50_000;
    const second = tokens.refresh(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token_expire_in).toBe(1_700_000_050 + 100);
    expect(rejectionOf(() => tokens.refresh(first.refresh_token)).code).toBe(36004005);
    expect(tokens.check(second.access_token).size).toBe(2);
  });

  it('refuses an expired refresh token', () => {
    const tokens = make();
    const grant = tokens.exchange('demo');
    nowMs += 1_000_000;
    expect(rejectionOf(() => tokens.refresh(grant.refresh_token)).code).toBe(36004001);
  });

  it('mints further single-use codes that expire after 30 minutes', () => {
    const tokens = make();
    const code = tokens.mintAuthCode();
    expect(tokens.exchange(code).access_token).toMatch(/^ROW_/);
    const late = tokens.mintAuthCode();
    nowMs += 31 * 60_000;
    expect(rejectionOf(() => tokens.exchange(late)).code).toBe(36004005);
  });
});

describe('MarketingTokens', () => {
  it('accepts the configured token and issues one more per single-use auth code', () => {
    const tokens = new MarketingTokens('ads', 'demo');
    expect(tokens.isValid('ads')).toBe(true);
    expect(tokens.isValid('x')).toBe(false);
    expect(tokens.exchange('wrong')).toBeUndefined();
    const issued = tokens.exchange('demo');
    expect(issued && tokens.isValid(issued)).toBe(true);
    expect(tokens.exchange('demo')).toBeUndefined();
  });
});
