import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';

/**
 * The architecture rules in eslint.config.js, run through ESLint's Node API on small sources placed
 * (virtually) at paths under src/: it must report an import into src/emulator from the product and
 * one out of src/emulator into the product, any import from a layer into a layer above it, and
 * leave legal imports alone, so `npm run check:lint` is able to fail on each.
 */
const ROOT = join(__dirname, '../..');
// The project's own config, handed over as an object: ESLint loads config files with a dynamic
// import, which jest's module system does not run.
const config = createRequire(__filename)(join(ROOT, 'eslint.config.js')) as Linter.Config[];
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('lint: the emulator and the product stay apart', () => {
  it('reports src/http importing src/emulator', async () => {
    const errors = await boundaryErrors('src/http/lint-probe.ts', "import { startEmulator } from '../emulator/server';\nexport const probe = startEmulator;\n");
    expect(errors).toEqual([expect.stringMatching(/must not import src\/emulator/)]);
  });

  it('reports a file at the top of src/ importing src/emulator', async () => {
    const errors = await boundaryErrors('src/lint-probe.ts', "export { runEmulatorCli } from './emulator/cli';\n");
    expect(errors).toHaveLength(1);
  });

  it('reports src/emulator importing src/datasources (and src/telemetry)', async () => {
    const errors = await boundaryErrors(
      'src/emulator/data/lint-probe.ts',
      "import { partnerId } from '../../datasources/partner/schema-primitives';\nimport type { Logger } from '../../telemetry/logger';\nexport const probe: [unknown, Logger | undefined] = [partnerId, undefined];\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/src\/emulator is an independent witness/),
      expect.stringMatching(/src\/emulator is an independent witness/),
    ]);
  });

  it('allows imports within each side and of npm packages', async () => {
    expect(
      await boundaryErrors(
        'src/emulator/lint-probe.ts',
        "import { z } from 'zod';\nimport { silentLogger } from './log';\nimport type { WireOrder } from './wire';\nexport const probe: [unknown, unknown, WireOrder | undefined] = [z, silentLogger, undefined];\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'src/app/lint-probe.ts',
        "import { emulatorProcess } from './demo-emulator';\nimport { loadConfig } from '../config/load-config';\nexport const probe = [emulatorProcess, loadConfig];\n",
      ),
    ).toEqual([]);
  });

  it('leaves tests free to import both sides', async () => {
    expect(
      await boundaryErrors(
        'test/integration/lint-probe.ts',
        "import { startEmulator } from '../../src/emulator/server';\nimport { startServer } from '../../src/app/start-server';\nexport const probe = [startEmulator, startServer];\n",
      ),
    ).toEqual([]);
  });
});

describe('lint: layers run one way (docs/architecture.md)', () => {
  const UPWARD = /^upward import \(layers rule/;

  it('reports src/security importing a resolver helper (product → graph)', async () => {
    const errors = await boundaryErrors(
      'src/security/lint-probe.ts',
      "import { checkFirst } from '../resolvers/connection';\nexport const probe = checkFirst;\n",
    );
    expect(errors).toEqual([expect.stringMatching(UPWARD)]);
    expect(errors[0]).toContain('the product layer must not import the graph layer (../resolvers/connection)');
  });

  it('reports a type-only import and a re-export from src/config into a feature (base → product)', async () => {
    const errors = await boundaryErrors(
      'src/config/lint-probe.ts',
      "import type { Caller } from '../security/caller';\nexport { SCOPE_OF_TYPE } from '../security/scopes';\nexport type Probe = Caller;\n",
    );
    expect(errors).toEqual([expect.stringMatching(UPWARD), expect.stringMatching(UPWARD)]);
  });

  it('reports the transport importing the composition root, and a store importing metrics with import()', async () => {
    expect(
      await boundaryErrors('src/gateway/lint-probe.ts', "import { startServer } from '../app/start-server';\nexport const probe = startServer;\n"),
    ).toEqual([expect.stringContaining('the transport layer must not import the app layer')]);
    expect(await boundaryErrors('src/store/lint-probe.ts', "export const probe = import('../metrics/metrics-service');\n")).toEqual([
      expect.stringContaining('the infrastructure layer must not import the product layer'),
    ]);
  });

  it('reports errors.ts (the base layer) importing a layer above it', async () => {
    expect(await boundaryErrors('src/errors.ts', "import { UpstreamError } from './upstream/upstream-error';\nexport const probe = UpstreamError;\n")).toEqual([
      expect.stringContaining('the base layer must not import the infrastructure layer'),
    ]);
  });

  it('ranks every folder of src/ (a folder no layer lists would be "unlayered")', () => {
    const elements = config.flatMap((c) => (c.settings?.['boundaries/elements'] as { type: string; pattern: string }[] | undefined) ?? []);
    const ranked = new Set(elements.filter((e) => e.type !== 'unlayered').map((e) => e.pattern));
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `src/${d.name}`);
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((f) => !ranked.has(f))).toEqual([]);
  });

  it('allows imports down the layers and between the folders of one layer', async () => {
    expect(
      await boundaryErrors(
        'src/resolvers/lint-probe.ts',
        "import { MAX_FIRST } from '../security/cost';\nimport { ShopData } from '../datasources/shop-data';\nimport type { ShopEvents } from '../events/shop-events';\nimport { badUserInput } from '../errors';\nimport type { LiveServices } from '../subscriptions/live-services';\nexport const probe: [unknown, unknown, unknown, ShopEvents | LiveServices | undefined] = [MAX_FIRST, ShopData, badUserInput, undefined];\n",
      ),
    ).toEqual([]);
  });
});
