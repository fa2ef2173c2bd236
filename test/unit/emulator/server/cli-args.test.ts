import { parseEmulatorArgs } from '../../../../src/emulator/cli';

describe('parseEmulatorArgs', () => {
  it('maps every flag', () => {
    expect(
      parseEmulatorArgs([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--seed',
        's',
        '--shops',
        '2',
        '--days',
        '3',
        '--orders-per-day',
        '4',
        '--app-key',
        'k',
        '--app-secret',
        'x',
        '--auth-code',
        'c',
        '--ads-token',
        't',
        '--token-ttl',
        '60',
        '--live',
        '--webhook-url',
        'http://127.0.0.1:9/hook',
        '--fixtures',
        'dir',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      seed: 's',
      shops: 2,
      days: 3,
      ordersPerDay: 4,
      fixtures: 'dir',
      appKey: 'k',
      appSecret: 'x',
      authCode: 'c',
      adsToken: 't',
      tokenTtlSeconds: 60,
      live: true,
      webhookUrl: 'http://127.0.0.1:9/hook',
    });
  });

  it('takes --product-search-cap, the test knob for the 10,000-result cap, within 1–10000', () => {
    expect(parseEmulatorArgs(['--product-search-cap', '25'])).toMatchObject({ productSearchCap: 25 });
    expect(parseEmulatorArgs([])).toMatchObject({ productSearchCap: undefined });
    expect(() => parseEmulatorArgs(['--product-search-cap', '0'])).toThrow(/--product-search-cap/);
    expect(() => parseEmulatorArgs(['--product-search-cap', '10001'])).toThrow(/--product-search-cap/);
  });

  it('leaves defaults to startEmulator', () => {
    expect(parseEmulatorArgs([])).toMatchObject({ port: undefined, live: false, authCode: undefined });
    expect(parseEmulatorArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '70000'], /--port/],
    [['--shops', '0'], /--shops/],
    [['--days', '-1'], /--days/],
    [['--orders-per-day', '1.5'], /--orders-per-day/],
    [['--token-ttl', 'x'], /--token-ttl/],
    [['--webhook-url', 'ftp://x'], /--webhook-url must be an http\(s\) URL/],
    [['--webhook-url', 'not a url'], /--webhook-url/],
    [['--seed', ''], /--seed must not be empty/],
    [['--nope'], /--nope/],
    [['--port'], /--port/],
  ])('rejects %j naming the flag', (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });
});
