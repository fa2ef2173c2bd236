import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/load-config';

/** What start-up refuses in the config file rather than fail later, request by request (issue 17). */
function withFile(file: unknown) {
  const path = join(mkdtempSync(join(tmpdir(), 'sg-config-')), 'config.json');
  writeFileSync(path, JSON.stringify(file));
  return () => loadConfig({ SHOPGRAPH_CONFIG: path });
}

describe('config start-up checks', () => {
  it.each(['Mars/Olympus_Mons', 'America/New York', 'UTC+7', 'GMT+25', 'europe/london '])(
    'refuses the time zone %j, naming the shop and the value (finding 9: it failed every metrics query of that shop)',
    (zone) => {
      const load = withFile({ shops: { '7494726673780148744': { timezone: zone } } });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(`shops.7494726673780148744.timezone: not an IANA time zone: ${JSON.stringify(zone)}`);
    },
  );

  it('accepts IANA zones', () => {
    for (const zone of ['Asia/Jakarta', 'America/Los_Angeles', 'UTC', 'Etc/GMT-7']) {
      expect(withFile({ shops: { '1': { timezone: zone } } })().file.shops['1']?.timezone).toBe(zone);
    }
  });

  it('bounds query text and persisted queries by bytes, with defaults', () => {
    expect(loadConfig({}).file.limits).toMatchObject({ maxQueryBytes: 65_536, persistedQueryBytes: 16_777_216 });
    expect(withFile({ limits: { maxQueryBytes: 8192, persistedQueryBytes: 1_048_576 } })().file.limits).toMatchObject({
      maxQueryBytes: 8192,
      persistedQueryBytes: 1_048_576,
    });
    expect(withFile({ limits: { maxQueryBytes: 0 } })).toThrow(/limits\.maxQueryBytes/);
    expect(withFile({ limits: { maxQueryBytes: 4_000_000 } })).toThrow(/limits\.maxQueryBytes: .*bodyLimit/);
  });
});
