/**
 * The two ways ShopGraph serves its graph, for suites that must hold in both: `serve` (ShopGraph
 * as a subgraph on its own) and `gateway` (`shopgraph gateway`: the federation gateway with
 * ShopGraph in its own process, and other subgraphs by URL).
 */
import { loadConfig } from '../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server';
import { startGateway } from '../../src/app/gateway-server';
import { silentLogger } from '../../src/telemetry/logger';
import { emulatorEnv, startStack } from '../helpers/stack';
import { writeConfigFile } from '../integration/security/helpers';

export const MODES = ['serve', 'gateway'] as const;
export type Mode = (typeof MODES)[number];

/** A running ShopGraph in one mode, in front of its own emulator. */
export interface Served {
  mode: Mode;
  /** Its `/graphql` URL. */
  url: string;
  emulator: EmulatorHandle;
  close(): Promise<void>;
}

/**
 * Starts ShopGraph in `mode` over a fresh emulator (the default small dataset).
 * @param subgraphs - gateway mode: the other subgraphs, by URL (none: ShopGraph alone)
 */
export async function serve(mode: Mode, subgraphs: { name: string; url: string }[] = []): Promise<Served> {
  if (mode === 'serve') {
    const stack = await startStack();
    return { mode, url: stack.server.url, emulator: stack.emulator, close: () => stack.close() };
  }
  const emulator = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 10, ordersPerDay: 15 });
  const gateway = await startGateway(loadConfig({ ...emulatorEnv(emulator), SHOPGRAPH_CONFIG: writeConfigFile({ supergraph: { subgraphs } }) }), silentLogger);
  return {
    mode,
    url: gateway.url,
    emulator,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}
