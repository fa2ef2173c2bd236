import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configReference, REFERENCE_END, REFERENCE_START } from './reference';

/** The configuration page: a hand-written introduction, then the generated reference. */
export const CONFIG_DOC = join(__dirname, '..', '..', 'docs', 'configuration.md');

/** `page` with the text between the markers replaced by the current reference. */
export function withReference(page: string): string {
  const start = page.indexOf(REFERENCE_START);
  const end = page.indexOf(REFERENCE_END);
  if (start === -1 || end < start) throw new Error(`${CONFIG_DOC}: the reference markers are missing or out of order`);
  return `${page.slice(0, start + REFERENCE_START.length)}\n\n${configReference()}\n${page.slice(end)}`;
}

if (require.main === module) {
  writeFileSync(CONFIG_DOC, withReference(readFileSync(CONFIG_DOC, 'utf8')));
  process.stdout.write(`wrote ${CONFIG_DOC}\n`);
}
