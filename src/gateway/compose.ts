import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode, type GraphQLError } from 'graphql';
import { ConfigError, loadConfig } from '../config/load-config';
import { subgraphSdl } from '../schema/emit-schema';
import { silentLogger } from '../telemetry/logger';
import { GatewayConfigError, gatewayPlan, SHOPGRAPH_SUBGRAPH } from './plan';
import { RemoteSubgraphSource } from './remote-subgraph';

/** Usage text of `shopgraph compose`. */
export const COMPOSE_USAGE = `Usage: shopgraph compose [--out FILE]
  Fetches every subgraph's schema (supergraph.subgraphs in SHOPGRAPH_CONFIG, and ShopGraph's own),
  composes the supergraph and writes it; lists the composition errors and exits 1 when it does not compose.
  ShopGraph's own subgraph is written with its URL (supergraph.shopGraphUrl, else http://HOST:PORT/graphql),
  so Apollo Router, Hive Gateway or @apollo/gateway can serve the file as well as \`shopgraph gateway\`.
  --out FILE   where to write it (default: supergraph.file, else ./supergraph.graphql)
  --help       show this text`;

/** Where `shopgraph compose` writes; tests capture both. */
export interface ComposeIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** @default process.env */
  environment?: NodeJS.ProcessEnv;
}

interface SubgraphSchema {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/**
 * `shopgraph compose`: the production path to a supergraph. Composition happens here, ahead of
 * time, where its errors can stop a deploy; `shopgraph gateway` then serves the file as is.
 * @returns the exit code: 0 written, 1 not composed (every reason listed on stderr)
 */
export async function runCompose(argv: string[], io: ComposeIo): Promise<number> {
  let out: string | undefined;
  try {
    const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { out: { type: 'string' }, help: { type: 'boolean' } } });
    if (values.help) {
      io.stdout(`${COMPOSE_USAGE}\n`);
      return 0;
    }
    out = values.out;
  } catch (error) {
    io.stderr(`shopgraph compose: ${(error as Error).message}\n${COMPOSE_USAGE}\n`);
    return 1;
  }
  let plan;
  try {
    plan = gatewayPlan(loadConfig(io.environment), 'compose');
  } catch (error) {
    if (error instanceof ConfigError || error instanceof GatewayConfigError) {
      io.stderr(`shopgraph compose: configuration error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const target = resolve(out ?? (plan.supergraph.kind === 'file' ? plan.supergraph.path : 'supergraph.graphql'));

  const failures: string[] = [];
  const schemas: SubgraphSchema[] = [];
  // Its real URL, not this gateway's in-process source: any router can serve the file.
  if (plan.shopGraph === 'in-process') schemas.push({ name: SHOPGRAPH_SUBGRAPH, url: plan.shopGraphUrl ?? '', typeDefs: parse(subgraphSdl()) });
  const fetched = await Promise.all(
    plan.remotes.map(async (subgraph) => {
      const source = new RemoteSubgraphSource(subgraph, { identitySecret: plan.identitySecret, logger: silentLogger });
      try {
        const { _service } = await source.ask<{ _service: { sdl: string } }>('{ _service { sdl } }');
        return { name: subgraph.name, url: subgraph.url, typeDefs: parse(_service.sdl) };
      } catch (error) {
        failures.push(`${subgraph.name} (${subgraph.url}): its schema could not be fetched: ${(error as Error).message}`);
        return undefined;
      }
    }),
  );
  for (const schema of fetched) if (schema) schemas.push(schema);
  if (failures.length > 0) {
    io.stderr(`shopgraph compose: not composed: ${failures.length} subgraph schema(s) could not be fetched:\n${listed(failures)}`);
    return 1;
  }

  const result = composeServices(schemas);
  const names = schemas.map((s) => `${s.name} (${s.url})`).join(', ');
  if (result.errors) {
    io.stderr(`shopgraph compose: composition failed with ${result.errors.length} error(s) between ${names}:\n${listed(result.errors.map(describe))}`);
    return 1;
  }
  mkdirSync(dirname(target), { recursive: true });
  // Written whole or not at all: a gateway starting meanwhile never reads half a supergraph.
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, `${result.supergraphSdl.trim()}\n`);
  renameSync(partial, target);
  io.stdout(`wrote ${target}: the supergraph of ${names}\n`);
  if (plan.shopGraph === 'in-process') {
    io.stdout(`ShopGraph's subgraph is served in \`shopgraph gateway\`'s process; other routers reach it at ${plan.shopGraphUrl} (supergraph.shopGraphUrl)\n`);
  }
  return 0;
}

function describe(error: GraphQLError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? `[${code}] ${error.message}` : error.message;
}

function listed(lines: string[]): string {
  return lines.map((line) => `  - ${line}\n`).join('');
}
