/**
 * GraphQL Code Generator config: typed documents (client preset) for the dashboard operations in
 * `operations/` and the conformance operations in `test/conformance/`, generated into
 * `test/generated/`, and the `operations/` ones again as plain strings for the web dashboard in
 * `web/src/generated/`; both committed. Run `npm run codegen` after changing an operation or the
 * schema; `test/conformance/codegen.test.ts` fails while the committed output is stale.
 *
 * Codegen types against a FULL print of the subgraph schema (federation directives, `_Any`,
 * `_entities`, `_service` included), not `schema.graphql`: the router-facing print hides
 * `_entities`, which the conformance tests send.
 * @see https://the-guild.dev/graphql/codegen/plugins/presets/preset-client
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';

/** Operation documents codegen types, relative to the repository root. */
export const DOCUMENTS = ['operations/*.graphql', 'test/conformance/*.graphql'];

/** Where the client preset writes `graphql.ts`, `gql.ts` and `index.ts`. */
export const OUTPUT_DIR = 'test/generated/';

/** Operation documents the web dashboard may send: the public ones only. */
export const WEB_DOCUMENTS = ['operations/*.graphql'];

/** Where the client preset writes the web dashboard's typed documents. */
export const WEB_OUTPUT_DIR = 'web/src/generated/';

/** The full print of the subgraph schema codegen reads (committed beside the output). */
export const FULL_SCHEMA_FILE = 'test/generated/full-schema.graphql';

/** What {@link FULL_SCHEMA_FILE} must contain for a given subgraph schema. */
export function fullSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(schema).trim()}\n`;
}

/** The codegen config, without hooks, so tests can regenerate in memory and compare. */
export function codegenConfig(): CodegenConfig {
  const config = {
    // An unmapped custom scalar fails codegen instead of becoming `any`.
    strictScalars: true,
    scalars: {
      Date: 'string',
      DateTime: 'string',
      Decimal: 'string',
      _Any: '{ __typename: string; [field: string]: unknown }',
      federation__FieldSet: 'string',
      // Federation 2.9's own scalars (@requiresScopes, @policy, @fromContext); no operation uses them.
      federation__Scope: 'string',
      federation__Policy: 'string',
      federation__ContextFieldValue: 'unknown',
      link__Import: 'string',
    },
    enumsAsTypes: true,
    useTypeImports: true,
  };
  return {
    overwrite: true,
    schema: FULL_SCHEMA_FILE,
    // Documents are per output: codegen adds root documents to every output's own.
    ignoreNoDocuments: false,
    generates: {
      [OUTPUT_DIR]: {
        documents: DOCUMENTS,
        preset: 'client',
        // Tests read fragment fields straight off results; masking is for UI components.
        presetConfig: { fragmentMasking: false },
        config,
      },
      [WEB_OUTPUT_DIR]: {
        documents: WEB_DOCUMENTS,
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        // Strings, not ASTs: the page POSTs them as they are, without bundling graphql-js to print them.
        config: { ...config, documentMode: 'string' },
      },
    },
  };
}

/**
 * Rewrites {@link FULL_SCHEMA_FILE} from the tsc build before codegen loads it. The build is used
 * because codegen's TypeScript loader (jiti, a Babel transform) cannot load `src/`: it rejects
 * type-graphql's `field!: T` class fields, and type-graphql needs tsc's decorator metadata.
 */
function writeFullSchemaFromBuild(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- the build only exists after `npm run build` */
  require('reflect-metadata');
  const built = require(join(__dirname, 'dist', 'schema', 'build-schema.js')) as typeof import('./src/schema/build-schema');
  /* eslint-enable @typescript-eslint/no-require-imports */
  writeFileSync(join(__dirname, FULL_SCHEMA_FILE), fullSchemaSdl(built.buildShopGraphSchema()));
}

const config: CodegenConfig = { ...codegenConfig(), hooks: { afterStart: [writeFullSchemaFromBuild] } };

export default config;
