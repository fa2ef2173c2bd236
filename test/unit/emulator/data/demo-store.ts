/**
 * One small generated dataset shared by the data tests: three shops (USD, GBP and zero-decimal
 * IDR), a month of orders at a low daily volume so every suite stays fast.
 */
import { EmulatorStore } from '../../../../src/emulator/data/store';

/** 2025-11-24T16:00:00Z: the demo's "now". */
export const NOW = 1764000000;

/** Options of the shared demo dataset. */
export const DEMO = { seed: 'unit-test', shops: 3, days: 30, ordersPerDay: 8, now: NOW } as const;

let cached: EmulatorStore | undefined;

/** The shared dataset; tests must leave it as they found it (no tick). */
export function demoStore(): EmulatorStore {
  return (cached ??= EmulatorStore.generate(DEMO));
}
