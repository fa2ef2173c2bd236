/**
 * A generated dataset with one shop in each market the emulator knows (US, GB, ID, MY, JP, TH,
 * VN, PH): the cash-on-delivery markets and each market's own fees appear in it.
 */
import { EmulatorStore, type EmuShop } from '../../../../src/emulator/data/store';

/** 2025-11-24T16:00:00Z. */
export const NOW = 1764000000;

/** Options of the markets dataset. */
export const MARKETS = { seed: 'markets', shops: 8, days: 20, ordersPerDay: 6, now: NOW } as const;

let cached: EmulatorStore | undefined;

/** The shared dataset; tests must leave it as they found it (no tick). */
export function marketsStore(): EmulatorStore {
  return (cached ??= EmulatorStore.generate(MARKETS));
}

/** The dataset's shop in `region`. */
export function shopIn(region: string): EmuShop {
  const shop = marketsStore()
    .shops()
    .find((s) => s.region === region);
  if (!shop) throw new Error(`no shop in ${region}`);
  return shop;
}
