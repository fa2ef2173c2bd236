import { Writable } from 'node:stream';
import { createLogger } from '../../../src/telemetry/logger';
import { outageLog, useUsageReporting } from '../../../src/telemetry/usage-reporting';

const KEY = 'service:shopgraph-unit:0123456789abcdef';
const ENDPOINT = 'https://user:secret@ingress.example.com/base';

function logLines() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return {
    logger: createLogger({ level: 'debug', destination }),
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string; endpoint?: string }),
  };
}

/** Apollo Server's own marks on its built-in plugins: which feature, and whether it is the "disabled" one. */
const identify = (plugin: object) => {
  const p = plugin as { __internal_plugin_id__?: string; __is_disabled_plugin__?: boolean };
  return { id: p.__internal_plugin_id__, disabled: p.__is_disabled_plugin__ };
};

describe('outageLog', () => {
  it('warns once per outage, says when reports get through again, and never writes the key', () => {
    const logs = logLines();
    const outage = outageLog(logs.logger, { key: KEY, endpoint: ENDPOINT });
    outage.delivered(); // nothing to say while all is well
    outage.failed(new Error(`HTTP status 401, invalid key ${KEY}`));
    outage.failed(new Error('fetch failed: connect ECONNREFUSED 127.0.0.1:9'));
    outage.delivered();
    outage.delivered();
    outage.failed(new Error('The operation was aborted due to timeout'));
    expect(logs.lines().map((l) => [l.level, l.reason ?? null])).toEqual([
      [40, 'HTTP status 401, invalid key [redacted]'],
      [20, 'fetch failed: connect ECONNREFUSED 127.0.0.1:9'],
      [30, null],
      [40, 'The operation was aborted due to timeout'],
    ]);
    expect(logs.lines()[0]!.endpoint).toBe('https://ingress.example.com');
    expect(logs.text()).not.toContain(KEY);
    expect(logs.text()).not.toContain('secret');
  });
});

describe('useUsageReporting', () => {
  it('turns usage and schema reporting off explicitly, and gives Apollo Server no key, when disabled', () => {
    const setup = useUsageReporting({ enabled: false }, logLines().logger);
    expect(setup.apollo).toBeUndefined();
    expect(setup.plugins.map(identify)).toEqual([
      { id: 'UsageReporting', disabled: true },
      { id: 'SchemaReporting', disabled: true },
    ]);
  });

  it('hands Apollo Server the key and graph ref and installs usage reporting, schema reporting still off', () => {
    const setup = useUsageReporting({ enabled: true, key: KEY, graphRef: 'g@v', endpoint: ENDPOINT }, logLines().logger);
    expect(setup.apollo).toEqual({ key: KEY, graphRef: 'g@v' });
    expect(setup.plugins.map(identify)).toEqual([
      { id: 'UsageReporting', disabled: false },
      { id: 'SchemaReporting', disabled: true },
    ]);
  });
});
