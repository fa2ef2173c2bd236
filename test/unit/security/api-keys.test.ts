import { apiKeySha256, matchApiKey } from '../../../src/security/api-keys';

describe('API keys', () => {
  const entries = [
    { name: 'a', apiKeySha256: apiKeySha256('key-a') },
    { name: 'b', apiKeySha256: apiKeySha256('key-b') },
  ];

  it('hashes as lowercase hex SHA-256 (what the config file holds)', () => {
    expect(apiKeySha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('finds the entry of a presented key and nothing for any other string', () => {
    expect(matchApiKey(entries, 'key-b')?.name).toBe('b');
    for (const wrong of ['', 'key-', 'key-c', 'KEY-A', entries[0]!.apiKeySha256]) expect(matchApiKey(entries, wrong)).toBeUndefined();
  });
});
