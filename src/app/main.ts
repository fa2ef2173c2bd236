import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/load-config';
import { commandHelp, GATEWAY_USAGE, SERVE_USAGE } from '../cli/help';
import { runBackfill } from './backfill';
import { runCompose } from '../gateway/compose';
import { startGateway } from './gateway-server';
import { startServer } from './start-server';
import { createLogger, type Logger } from '../telemetry/logger';
import { installProcessPolicy } from '../telemetry/process-policy';

const USAGE = `usage: shopgraph [command] [flags]

commands:
  serve      ShopGraph's GraphQL server, a Federation 2 subgraph (default); configured by environment variables and the config file (see docs/configuration.md)
  emulator   the built-in TikTok Shop + Marketing API emulator
  backfill   fills one shop's metrics ledger ahead of time
  gateway    a federation gateway: ShopGraph plus the subgraphs in the config file's "supergraph"
  compose    composes that supergraph into supergraph.file, listing composition errors

Every command explains itself with --help (shopgraph serve --help) and starts nothing then.
`;

/** Where the command writes its own text (help); tests capture it. */
export interface MainIo {
  stdout(text: string): void;
}

const processIo: MainIo = { stdout: (text) => process.stdout.write(text) };

const FIRST_QUERY = '{ shops { id name region currency } }';

/** The `shopgraph` command. */
export async function main(argv: string[], io: MainIo = processIo): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      // Help first, before any configuration is read: `serve --help` must never start a server.
      if (commandHelp('serve', rest, SERVE_USAGE, io)) return;
      return serve();
    case 'backfill':
      return runBackfill(rest, process.stderr, io);
    case 'emulator':
      // The emulator is a program of its own (bin/shopgraph.js runs it before loading this one):
      // ShopGraph never imports it.
      throw new Error('run the emulator as `shopgraph emulator` (bin/shopgraph.js), or `npm run emulator`');
    case 'gateway':
      if (commandHelp('gateway', rest, GATEWAY_USAGE, io)) return;
      return gateway();
    case 'compose':
      process.exitCode = await runCompose(rest, { stdout: io.stdout, stderr: (text) => process.stderr.write(text) });
      return;
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}"\n${USAGE}`);
  }
}

function configOrExplain() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`configuration error: ${error.message}`);
    throw error;
  }
}

async function serve(): Promise<void> {
  const config = configOrExplain();
  const logger = createLogger({ level: config.env.LOG_LEVEL });
  const server = await startServer(config, logger);
  installProcessPolicy({ logger, shutdown: () => server.close() });
  process.stdout.write(
    `\nShopGraph is ready at ${server.url}\n` +
      (server.emulator ? `Demo mode: TikTok APIs emulated at ${server.emulator.url}\n` : '') +
      `ROI dashboard: ${server.url.replace(/\/graphql$/, '/')}\n` +
      `Open ${server.url} in a browser to explore the API (GraphiQL, or Apollo Sandbox: graphql.explorer in the config file), or try:\n` +
      `  curl -s ${server.url} -H 'content-type: application/json' -d '{"query":"${FIRST_QUERY}"}'\n\n`,
  );
  stopOnSignals(server, logger);
}

async function gateway(): Promise<void> {
  const config = configOrExplain();
  const logger = createLogger({ level: config.env.LOG_LEVEL });
  const running = await startGateway(config, logger);
  installProcessPolicy({ logger, shutdown: () => running.close() });
  const supergraph = running.supergraph.kind === 'file' ? running.supergraph.path : 'composed live at start (development only)';
  process.stdout.write(
    `\nShopGraph gateway is ready at ${running.url}\n` +
      `Supergraph: ${supergraph}\n` +
      running.subgraphs.map((s) => `  subgraph ${s.name}: ${s.url}\n`).join('') +
      (running.emulator ? `Demo mode: TikTok APIs emulated at ${running.emulator.url}\n` : '') +
      '\n',
  );
  stopOnSignals(running, logger);
}

// Faults no code caught, once serving: see `installProcessPolicy` (an unhandled rejection is
// logged, counted and served on; an uncaught exception is logged, counted, then the server closes
// and the process exits 1). Before that, a failing start-up ends the process as it should.

function stopOnSignals(server: { close(): Promise<void> }, logger: Logger): void {
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
