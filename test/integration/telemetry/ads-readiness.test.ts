/**
 * Issue 19: `/readyz`'s `ads` check is real. A Marketing token TikTok refuses makes it fail, with
 * the reason, and the server `degraded` (order figures stand); a good one passes; either way the
 * check spends at most one Marketing call a minute, and none while ShopGraph's own calls answer it.
 */
import { startStack, type Stack } from '../../helpers/stack';

type Ready = { status: string; checks: Record<string, { ok: boolean; detail?: string }> };
const MARKETING = /^GET \/open_api\/v1\.3\//;

describe('/readyz: the Marketing API', () => {
  const stacks: Stack[] = [];
  afterAll(() => Promise.all(stacks.map((s) => s.close())));
  const start = async (env: Record<string, string> = {}) => {
    const stack = await startStack({ emulator: { shops: 1, days: 3, ordersPerDay: 3 }, env });
    stacks.push(stack);
    return stack;
  };
  const readyz = async (stack: Stack) => (await (await fetch(stack.server.url.replace('/graphql', '/readyz'))).json()) as Ready;
  const marketingCalls = async (stack: Stack) =>
    Object.entries(await stack.calls())
      .filter(([path]) => MARKETING.test(path))
      .reduce((n, [, count]) => n + count, 0);

  it('fails with the reason when TikTok refuses the token, and says the server is degraded', async () => {
    const stack = await start({ TT_ADS_ACCESS_TOKEN: 'not-the-token' });
    const ready = await readyz(stack);
    expect(ready.checks.partner).toMatchObject({ ok: true });
    expect(ready.checks.ads).toMatchObject({ ok: false, detail: expect.stringMatching(/^failing: /) });
    expect(ready.checks.ads!.detail).not.toContain('not-the-token');
    expect(ready.status).toBe('degraded');
  });

  it('passes with a good token, probing once for repeated checks', async () => {
    const stack = await start();
    await stack.resetCalls();
    const [first, second] = [await readyz(stack), await readyz(stack)];
    expect(first).toMatchObject({ status: 'ready', checks: { ads: { ok: true, detail: expect.stringMatching(/advertiser/) } } });
    expect(second).toEqual(first);
    expect(await marketingCalls(stack)).toBe(1);
  });
});
