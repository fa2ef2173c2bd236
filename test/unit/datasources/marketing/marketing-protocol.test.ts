import { classifyHttpStatus, classifyMarketingCode, encodeQuery, jsonPath } from '../../../../src/datasources/marketing/marketing-protocol';

describe('classifyMarketingCode', () => {
  it.each([
    [40100, 'rate_limited'],
    [40132, 'rate_limited'],
    [40001, 'permission'],
    [40130, 'permission'],
    [40002, 'bad_request'],
    [40102, 'auth_expired'],
    [40104, 'auth_expired'],
    [40105, 'auth_expired'],
    [40067, 'query_too_large'],
    [50000, 'unavailable'],
    [50002, 'unavailable'],
    [60001, 'unavailable'],
    [40999, 'bad_request'],
    [51234, 'unavailable'],
  ] as const)('code %i is %s', (code, kind) => {
    expect(classifyMarketingCode(code)).toBe(kind);
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [429, 'rate_limited'],
    [401, 'auth_expired'],
    [403, 'permission'],
    [404, 'bad_request'],
    [502, 'unavailable'],
    [504, 'unavailable'],
  ] as const)('HTTP %i is %s', (status, kind) => {
    expect(classifyHttpStatus(status)).toBe(kind);
  });
});

describe('encodeQuery', () => {
  it('JSON-encodes arrays and objects and leaves scalars alone', () => {
    const query = encodeQuery({
      advertiser_ids: ['123'],
      filtering: { campaign_ids: ['1', '2'] },
      page: 2,
      flag: true,
      name: 'a b',
      skipped: undefined,
    });
    const params = new URLSearchParams(query.slice(1));
    expect(params.get('advertiser_ids')).toBe('["123"]');
    expect(params.get('filtering')).toBe('{"campaign_ids":["1","2"]}');
    expect(params.get('page')).toBe('2');
    expect(params.get('flag')).toBe('true');
    expect(params.get('name')).toBe('a b');
    expect(params.has('skipped')).toBe(false);
  });

  it('is empty without parameters', () => {
    expect(encodeQuery({})).toBe('');
  });
});

describe('jsonPath', () => {
  it('names object keys and array indexes', () => {
    expect(jsonPath('data', ['list', 3, 'campaign_id'])).toBe('data.list[3].campaign_id');
    expect(jsonPath('', ['code'])).toBe('code');
    expect(jsonPath('', [])).toBe('(root)');
  });
});
