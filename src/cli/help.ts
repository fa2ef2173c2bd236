import { parseArgs } from 'node:util';

/** Usage text of `shopgraph serve`. */
export const SERVE_USAGE = `usage: shopgraph serve [--help]

Serves ShopGraph's GraphQL API, a Federation 2 subgraph, on HOST:PORT (default 127.0.0.1:4000):
/graphql, the ROI dashboard at /, /healthz, /readyz, /metrics. It takes no flags: everything is
configured by environment variables and the JSON file named by SHOPGRAPH_CONFIG (see docs/configuration.md).
Without TikTok credentials (TTS_APP_KEY, TTS_APP_SECRET) it runs in demo mode on the built-in
emulator.

  --help, -h   show this text and exit
`;

/** Usage text of `shopgraph gateway`. */
export const GATEWAY_USAGE = `usage: shopgraph gateway [--help]

Serves one /graphql in front of ShopGraph and the subgraphs listed under "supergraph" in the
config file (SHOPGRAPH_CONFIG), with ShopGraph's authentication, scopes, cost limits and
throttling. It serves supergraph.file as written by \`shopgraph compose\` (required in
production), else composes the subgraphs live at start (development only).

  --help, -h   show this text and exit
`;

/** Where help goes. */
export interface HelpOutput {
  stdout(text: string): void;
}

/**
 * Reads the flags of a command that takes none but `--help`.
 * @returns true when help was asked for and written (the command must then do nothing else)
 * @throws Error naming an unknown flag or argument, with the usage
 */
export function commandHelp(command: string, argv: string[], usage: string, out: HelpOutput): boolean {
  let help: boolean | undefined;
  try {
    ({
      values: { help },
    } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new Error(`${command}: ${(error as Error).message}\n${usage}`);
  }
  if (!help) return false;
  out.stdout(usage);
  return true;
}
