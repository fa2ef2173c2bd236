import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildShopGraphSchema } from './build-schema';

/** The subgraph SDL a router composes: what `schema.graphql` must contain. */
export function subgraphSdl(): string {
  return `${printSubgraphSchema(buildShopGraphSchema()).trim()}\n`;
}

/** Where the committed schema lives (the repository root). */
export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, subgraphSdl());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
