import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `settings` as a config file in a fresh temporary directory; returns its path (for SHOPGRAPH_CONFIG). */
export function configFile(settings: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sg-config-')), 'config.json');
  writeFileSync(path, JSON.stringify(settings));
  return path;
}
