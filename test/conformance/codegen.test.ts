import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kind, validate, type DocumentNode } from 'graphql';
import { codegenConfig, FULL_SCHEMA_FILE, fullSchemaSdl, OUTPUT_DIR } from '../../codegen';
import { buildShopGraphSchema } from '../../src/schema/build-schema';
import * as generated from '../generated/graphql';

const ROOT = join(__dirname, '..', '..');
const STALE = 'Run `npm run codegen` and commit test/generated/.';

// The typed documents in test/generated are committed; these checks fail when they no longer
// match the operations or the schema, instead of letting tests type-check against stale types.
describe('generated typed documents', () => {
  it('were generated from the current schema', () => {
    const committed = readFileSync(join(ROOT, FULL_SCHEMA_FILE), 'utf8');
    if (committed !== fullSchemaSdl(buildShopGraphSchema())) {
      throw new Error(`${FULL_SCHEMA_FILE} differs from the schema the code builds. ${STALE}`);
    }
  });

  it('match what codegen generates from the current operations', async () => {
    const outputs = await generateInChild();
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      const path = resolve(ROOT, filename);
      const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (committed !== content) throw new Error(`${relative(ROOT, path)} is stale. ${STALE}`);
    }
    const outputDir = resolve(ROOT, OUTPUT_DIR);
    const expected = [...outputs.map((o) => resolve(ROOT, o.filename)), resolve(ROOT, FULL_SCHEMA_FILE)].map((path) => relative(outputDir, path));
    const leftovers = readdirSync(outputDir).filter((name) => !expected.includes(name));
    if (leftovers.length > 0) throw new Error(`${OUTPUT_DIR} holds files codegen no longer writes: ${leftovers.join(', ')}. Delete them.`);
  });

  it('are valid operations against the schema the server runs', () => {
    const schema = buildShopGraphSchema();
    // Fragment documents alone are not executable ("never used"); operations embed the ones they spread.
    const documents = Object.entries(generated as Record<string, unknown>).filter((entry): entry is [string, DocumentNode] => isOperation(entry[1]));
    expect(documents.map(([name]) => name)).toEqual(
      expect.arrayContaining(['ShopOverviewDocument', 'OrderListDocument', 'CampaignPerformanceDocument', 'MetricsSeriesDocument', 'EntitiesDocument']),
    );
    for (const [name, document] of documents) {
      expect({ name, errors: validate(schema, document).map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});

/** One file codegen would write (its `Types.FileOutput`, reduced to what the check compares). */
interface GeneratedFile {
  filename: string;
  content: string;
}

/**
 * Runs codegen's `generate` (without writing) in a child Node process: the CommonJS build of
 * @graphql-codegen/cli requires the ESM-only yargs 18, which jest cannot load on Node 20.
 */
async function generateInChild(): Promise<GeneratedFile[]> {
  const script = `
    import { generate } from '@graphql-codegen/cli';
    const config = JSON.parse(process.env.SHOPGRAPH_CODEGEN_CONFIG);
    const outputs = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
    process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content }))));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: ROOT,
    env: { ...process.env, SHOPGRAPH_CODEGEN_CONFIG: JSON.stringify(codegenConfig()) },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as GeneratedFile[];
}

function isOperation(value: unknown): value is DocumentNode {
  if (typeof value !== 'object' || value === null || (value as DocumentNode).kind !== Kind.DOCUMENT) return false;
  return (value as DocumentNode).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
}
