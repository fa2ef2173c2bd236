/**
 * Call and rejection counters, served at `GET /__emulator/stats` so tests and benchmarks can
 * assert how many upstream calls ShopGraph made (e.g. that caching and batching work).
 */
import type { FastifyInstance } from 'fastify';

/** The shape `GET /__emulator/stats` answers. */
export interface EmulatorStatsSnapshot {
  /** Calls per `"<METHOD> <route template>"`, e.g. `"POST /order/202309/orders/search"`. */
  calls: Record<string, number>;
  /** Refusals per TikTok code, e.g. `{"36009002": 3}`. */
  rejections: Record<string, number>;
  /** Every API call counted in `calls`. */
  total: number;
}

/** Mutable counters behind {@link EmulatorStatsSnapshot}. */
export class EmulatorStats {
  private calls = new Map<string, number>();
  private rejections = new Map<string, number>();
  private total = 0;

  /** Counts one API call (control calls under `/__emulator/` are not counted). */
  countCall(method: string, template: string): void {
    const key = `${method} ${template}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    this.total += 1;
  }

  /** Counts one non-zero `code` the emulator answered. */
  countRejection(code: number): void {
    const key = String(code);
    this.rejections.set(key, (this.rejections.get(key) ?? 0) + 1);
  }

  /** A copy of the counters. */
  snapshot(): EmulatorStatsSnapshot {
    return {
      calls: Object.fromEntries(this.calls),
      rejections: Object.fromEntries(this.rejections),
      total: this.total,
    };
  }

  /** Zeroes every counter. */
  reset(): void {
    this.calls = new Map();
    this.rejections = new Map();
    this.total = 0;
  }
}

/** Counts every API request by route template as it arrives (before faults and checks). */
export function useCallCounting(app: FastifyInstance, stats: EmulatorStats, controlPrefix: string): void {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith(controlPrefix)) stats.countCall(req.method, req.routeOptions.url ?? '*');
  });
}
