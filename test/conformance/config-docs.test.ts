import { readFileSync } from 'node:fs';
import { CONFIG_DOC, withReference } from '../../src/config/emit-reference';

// docs/configuration.md is where operators look a setting up: it must say exactly what the
// schemas accept, or a documented key would be refused at start-up (or a real one undocumented).
describe('docs/configuration.md', () => {
  it('holds the reference the config schemas generate', () => {
    const committed = readFileSync(CONFIG_DOC, 'utf8');
    const built = withReference(committed);
    if (committed !== built) {
      throw new Error(`docs/configuration.md is stale: run \`npm run docs:config\` and commit the result.\n${firstDifference(committed, built)}`);
    }
  });
});

/** The first line that differs, so the failure says where without dumping both pages. */
function firstDifference(committed: string, built: string): string {
  const a = committed.split('\n');
  const b = built.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `first difference at line ${at + 1}:\n  committed: ${JSON.stringify(a[at])}\n  generated: ${JSON.stringify(b[at])}`;
}
