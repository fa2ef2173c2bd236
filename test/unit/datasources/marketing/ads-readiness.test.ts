import { AdsReadiness, marketingProbe } from '../../../../src/datasources/marketing/ads-readiness';
import type { UpstreamAttempt } from '../../../../src/upstream/upstream-observer';

const attempt = (over: Partial<UpstreamAttempt>): UpstreamAttempt => ({
  api: 'marketing',
  path: '/open_api/v1.3/report/integrated/get/',
  attempt: 1,
  startedAt: 0,
  latencyMs: 1,
  waitedMs: 0,
  ...over,
});

describe('the ads readiness check', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('probes once for any number of concurrent checks, then answers from that for a minute', async () => {
    let probes = 0;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const readiness = new AdsReadiness(
      async () => {
        probes += 1;
        await answered;
        return '2 advertiser(s) authorized';
      },
      { now: clock },
    );
    const checks = [readiness.check(), readiness.check(), readiness.check()];
    release();
    expect(await Promise.all(checks)).toEqual(checks.map(() => ({ ok: true, detail: '2 advertiser(s) authorized' })));
    now += 59_999;
    await readiness.check();
    expect(probes).toBe(1);
    now += 1;
    await readiness.check();
    expect(probes).toBe(2);
  });

  it('takes the calls ShopGraph makes anyway as evidence, and probes only without any', async () => {
    let probes = 0;
    const readiness = new AdsReadiness(
      async () => {
        probes += 1;
        return 'probed';
      },
      { now: clock },
    );
    readiness.observe(attempt({}));
    expect(await readiness.check()).toEqual({ ok: true, detail: 'answered /open_api/v1.3/report/integrated/get/' });
    readiness.observe(attempt({ errorKind: 'auth_expired' }));
    expect(await readiness.check()).toEqual({ ok: false, detail: '/open_api/v1.3/report/integrated/get/ failed: auth_expired' });
    // A throttled call and a Partner API failure say nothing about the Marketing API being up.
    readiness.observe(attempt({ errorKind: 'rate_limited' }));
    readiness.observe(attempt({ api: 'partner', errorKind: 'unavailable' }));
    expect((await readiness.check()).ok).toBe(false);
    expect(probes).toBe(0);
    now += 60_000;
    expect(await readiness.check()).toEqual({ ok: true, detail: 'probed' });
    expect(probes).toBe(1);
  });

  it('reports a failing probe with its reason', async () => {
    const readiness = new AdsReadiness(
      async () => {
        throw new Error('Marketing API /open_api/v1.3/advertiser/info/: HTTP 401');
      },
      { now: clock },
    );
    expect(await readiness.check()).toEqual({ ok: false, detail: 'failing: Marketing API /open_api/v1.3/advertiser/info/: HTTP 401' });
  });
});

describe('the Marketing probe', () => {
  const client = (advertisers: string[]) => ({
    getAuthorizedAdvertisers: jest.fn(async () => advertisers.map((advertiserId) => ({ advertiserId, advertiserName: advertiserId }))),
    getAdvertiserInfo: jest.fn(async (ids: readonly string[]) => ids.filter((id) => advertisers.includes(id)).map((advertiserId) => ({ advertiserId }))),
  });

  it('lists the authorized advertisers with the app credentials, else reads the first linked one', async () => {
    const both = client(['1', '2']);
    await expect(marketingProbe(both as never, { canList: true, linked: [] })()).resolves.toBe('2 advertiser(s) authorized');
    expect(both.getAdvertiserInfo).not.toHaveBeenCalled();
    const linked = client(['2']);
    await expect(marketingProbe(linked as never, { canList: false, linked: ['2', '3'] })()).resolves.toBe('advertiser 2 readable');
    expect(linked.getAdvertiserInfo).toHaveBeenCalledWith(['2']);
    expect(linked.getAuthorizedAdvertisers).not.toHaveBeenCalled();
  });

  it('fails, saying why, when nothing can be read', async () => {
    await expect(marketingProbe(client([]) as never, { canList: false, linked: [] })()).rejects.toThrow(/no advertiser is linked in the config file/);
    await expect(marketingProbe(client([]) as never, { canList: false, linked: ['9'] })()).rejects.toThrow(/advertiser 9 .* is not readable/);
  });
});
