import { readFileSync } from 'node:fs';
import { SCHEMA_FILE, subgraphSdl } from '../../src/schema/emit-schema';

// `schema.graphql` is what a router composes and what schema checks diff: it must be exactly the
// SDL the code serves, or a composition would pass against a schema ShopGraph does not run.
describe('schema.graphql', () => {
  it('matches the subgraph SDL the code builds', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const built = subgraphSdl();
    if (committed !== built) {
      throw new Error(
        `schema.graphql is stale: it differs from subgraphSdl(). Run \`npm run build && npm run schema\` and commit the result.\n${firstDifference(committed, built)}`,
      );
    }
  });
});

/** The first line that differs, so the failure says where without dumping both schemas. */
function firstDifference(committed: string, built: string): string {
  const a = committed.split('\n');
  const b = built.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `first difference at line ${at + 1}:\n  schema.graphql: ${JSON.stringify(a[at])}\n  subgraphSdl():  ${JSON.stringify(b[at])}`;
}
