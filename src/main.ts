import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/load-config';
import { runEmulatorCli } from './emulator/cli';
import { startServer } from './http/server';
import { createLogger } from './telemetry/logger';

const USAGE = `usage: shopgraph [command] [flags]

commands:
  serve      the GraphQL gateway (default); configured by environment variables (see README)
  emulator   the built-in TikTok Shop + Marketing API emulator (shopgraph emulator --help)
`;

const FIRST_QUERY = '{ shops { id name region currency } }';

/** The `shopgraph` command. */
export async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'emulator':
      return runEmulatorCli(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}"\n${USAGE}`);
  }
}

async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`configuration error: ${error.message}`);
    throw error;
  }
  const logger = createLogger({ level: config.env.LOG_LEVEL });
  const server = await startServer(config, logger);
  process.stdout.write(
    `\nShopGraph is ready at ${server.url}\n` +
      (server.emulator ? `Demo mode: TikTok APIs emulated at ${server.emulator.url}\n` : '') +
      `Open it in a browser for Apollo Sandbox, or try:\n` +
      `  curl -s ${server.url} -H 'content-type: application/json' -d '{"query":"${FIRST_QUERY}"}'\n\n`,
  );
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
