import { z } from 'zod';
import { MOVED_TO_FILE, RETIRED } from '../../../src/config/moved-variables';
import { envSchema, fileSchema } from '../../../src/config/schema';

/** The object schema at `path` in `schema`, through optional, default and refinement wrappers. */
function keyExists(schema: z.ZodType, path: string[]): boolean {
  let current: z.ZodType = schema;
  for (const part of path) {
    current = unwrap(current);
    if (!(current instanceof z.ZodObject)) return false;
    const next = (current.shape as Record<string, z.ZodType | undefined>)[part];
    if (next === undefined) return false;
    current = next;
  }
  return true;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

describe('variables that moved to the config file', () => {
  it('each names a key the config file really has', () => {
    const missing = Object.entries(MOVED_TO_FILE).filter(([, key]) => !keyExists(fileSchema, key.split('.')));
    expect(missing).toEqual([]);
  });

  it('are no longer read from the environment (else both would be settable, and the refusal wrong)', () => {
    const names = Object.keys(envSchema.shape);
    expect(Object.keys(MOVED_TO_FILE).filter((n) => names.includes(n))).toEqual([]);
    expect(Object.keys(RETIRED).filter((n) => names.includes(n))).toEqual([]);
  });

  // A new variable is a decision, made here: a secret, or where and how this deployment runs.
  // Tuning goes into a section of the config file.
  it('leave the environment to deployment and secrets', () => {
    expect(
      Object.keys(envSchema.shape)
        .filter((n) => !n.startsWith('OTEL_'))
        .sort(),
    ).toEqual([
      'APOLLO_GRAPH_REF',
      'APOLLO_KEY',
      'HOST',
      'LOG_LEVEL',
      'METRICS_TOKEN',
      'NODE_ENV',
      'PORT',
      'REDIS_URL',
      'SHOPGRAPH_ALERT_WEBHOOK_SECRET',
      'SHOPGRAPH_CONFIG',
      'SHOPGRAPH_DATA_DIR',
      'SHOPGRAPH_ENCRYPTION_KEY',
      'SHOPGRAPH_IDENTITY_SECRET',
      'TTS_API_BASE_URL',
      'TTS_APP_KEY',
      'TTS_APP_SECRET',
      'TTS_AUTHORIZE_URL',
      'TTS_AUTH_BASE_URL',
      'TTS_AUTH_CODE',
      'TTS_REFRESH_TOKEN',
      'TT_ADS_ACCESS_TOKEN',
      'TT_ADS_APP_ID',
      'TT_ADS_BASE_URL',
      'TT_ADS_SECRET',
      'TT_EVENTS_ACCESS_TOKEN',
    ]);
  });
});
