/**
 * GraphQL Code Generator config: typed documents (client preset) for the dashboard operations in
 * `operations/` and the conformance operations in `test/conformance/`, generated into
 * `test/generated/` and committed. Run `npm run codegen` after changing an operation or the schema;
 * `test/conformance/codegen.test.ts` fails while the committed output is stale.
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

/** The full print of the subgraph schema codegen reads (committed beside the output). */
export const FULL_SCHEMA_FILE = 'test/generated/full-schema.graphql';

/** What {@link FULL_SCHEMA_FILE} must contain for a given subgraph schema. */
export function fullSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(schema).trim()}\n`;
}

/** The codegen config, without hooks, so tests can regenerate in memory and compare. */
export function codegenConfig(): CodegenConfig {
  return {
    overwrite: true,
    schema: FULL_SCHEMA_FILE,
    documents: DOCUMENTS,
    ignoreNoDocuments: false,
    generates: {
      [OUTPUT_DIR]: {
        preset: 'client',
        // Tests read fragment fields straight off results; masking is for UI components.
        presetConfig: { fragmentMasking: false },
        config: {
          // An unmapped custom scalar fails codegen instead of becoming `any`.
          strictScalars: true,
          scalars: {
            Date: 'string',
            DateTime: 'string',
            Decimal: 'string',
            _Any: '{ __typename: string; [field: string]: unknown }',
            federation__FieldSet: 'string',
            link__Import: 'string',
          },
          enumsAsTypes: true,
          useTypeImports: true,
        },
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
