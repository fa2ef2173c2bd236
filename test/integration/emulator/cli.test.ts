import { runEmulatorCli } from '../../../src/emulator/cli';

async function runUntilBanner(argv: string[]): Promise<{ lines: string[]; stop(): Promise<void> }> {
  const lines: string[] = [];
  const controller = new AbortController();
  let bannerDone: () => void = () => undefined;
  const banner = new Promise<void>((resolve) => (bannerDone = resolve));
  const run = runEmulatorCli(argv, {
    out: (line) => {
      lines.push(line);
      if (line.includes('/__emulator/stats')) bannerDone();
    },
    signal: controller.signal,
  });
  await Promise.race([banner, run]);
  return {
    lines,
    stop: async () => {
      controller.abort();
      await run;
    },
  };
}

describe('emulator CLI', () => {
  it('prints the URL, app key, demo secret, auth code, ads token and shops, and serves', async () => {
    const { lines, stop } = await runUntilBanner(['--port', '0', '--shops', '2', '--days', '2', '--orders-per-day', '2', '--seed', 'cli']);
    try {
      const text = lines.join('\n');
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
      expect(url).toBeDefined();
      expect(text).toMatch(/app key: +demo-app-key/);
      expect(text).toMatch(/app secret: +demo-app-secret/);
      expect(text).toMatch(/auth code: +demo/);
      expect(text).toMatch(/ads token: +demo-ads-token/);
      expect(lines.filter((l) => / cipher /.test(l))).toHaveLength(2);
      const res = await fetch(`${url}/__emulator/stats`);
      expect(res.status).toBe(200);
    } finally {
      await stop();
    }
    expect(lines.at(-1)).toMatch(/stopped/);
  });

  it('never prints a non-demo app secret', async () => {
    const { lines, stop } = await runUntilBanner(['--port', '0', '--shops', '1', '--days', '1', '--orders-per-day', '1', '--app-secret', 's3cr3t-value']);
    await stop();
    expect(lines.join('\n')).not.toContain('s3cr3t-value');
    expect(lines.join('\n')).not.toMatch(/app secret/);
  });

  it('rejects a bad value naming the flag', async () => {
    await expect(runEmulatorCli(['--port', 'eighty'], { out: () => undefined })).rejects.toThrow(/--port/);
  });

  it('prints usage for --help', async () => {
    const lines: string[] = [];
    await runEmulatorCli(['--help'], { out: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/--orders-per-day/);
  });
});
