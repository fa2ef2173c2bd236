import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';

/**
 * The architecture rule in eslint.config.js, run through ESLint's Node API on small sources placed
 * (virtually) at paths under src/: it must report an import into src/emulator from the product and
 * one out of src/emulator into the product, and leave legal imports alone, so `npm run check:lint`
 * is able to fail on either.
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
        'src/http/lint-probe.ts',
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
