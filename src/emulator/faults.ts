/**
 * Fault injection: latency, 5xx errors, tighter rate limits, malformed bodies and hangs, set by
 * option or at run time (`POST /__emulator/faults`). Draws come from a PRNG seeded by the dataset
 * seed and the settings, so the same requests in the same order meet the same faults.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, internalError } from './codes';
import { Rng } from './data/rng';
import { requestPath } from './enforce';

const rate = z.number().min(0).max(1);

/** What `POST /__emulator/faults` accepts (every field optional; unknown fields rejected). */
export const faultSettingsSchema = z.strictObject({
  /** Delay added before every affected request is handled. */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** Share of affected requests answered with a 5xx error envelope. */
  errorRate: rate.optional(),
  /** A per-second limit tighter than TikTok's (applies per rate-limit bucket). */
  rateLimitPerSecond: z.number().int().min(1).optional(),
  /** Share of affected requests answered with a truncated, non-JSON body. */
  malformedRate: rate.optional(),
  /** Share of affected requests never answered until the emulator closes. */
  hangRate: rate.optional(),
  /** Path prefixes or route templates the faults apply to; all API paths when absent. */
  paths: z.array(z.string().min(1)).optional(),
});

/** Fault settings; see {@link faultSettingsSchema}. */
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** What happens to one request. */
export type FaultOutcome = 'pass' | 'error' | 'malformed' | 'hang';

/** Decides, deterministically, which faults hit each request. */
export class FaultInjector {
  private current: FaultSettings = {};
  private rng!: Rng;

  constructor(
    private readonly seed: string,
    initial: FaultSettings = {},
  ) {
    this.configure(initial);
  }

  /** The active settings (`{}` when none). */
  get settings(): FaultSettings {
    return this.current;
  }

  /** Replaces the settings and reseeds, so a run after `configure` is reproducible. */
  configure(settings: FaultSettings): void {
    this.current = settings;
    this.rng = new Rng(this.seed, 'faults', JSON.stringify(settings));
  }

  /** Whether the settings cover a request (by concrete path prefix or exact route template). */
  applies(path: string, template: string): boolean {
    const { paths } = this.current;
    if (!paths) return true;
    return paths.some((p) => p === template || path.startsWith(p));
  }

  /** The tighter limit for a request's rate-limit bucket, if any. */
  rateLimitFor(path: string, template: string): number | undefined {
    return this.applies(path, template) ? this.current.rateLimitPerSecond : undefined;
  }

  /**
   * Draws the fate of one request. Each rate gets its own draw, in a fixed order, so changing one
   * rate does not reshuffle which requests the others hit.
   */
  draw(path: string, template: string): { latencyMs: number; outcome: FaultOutcome } {
    if (!this.applies(path, template)) return { latencyMs: 0, outcome: 'pass' };
    const { latencyMs = 0, hangRate = 0, errorRate = 0, malformedRate = 0 } = this.current;
    const [hang, error, malformed] = [this.rng.next(), this.rng.next(), this.rng.next()];
    const outcome: FaultOutcome = hang < hangRate ? 'hang' : error < errorRate ? 'error' : malformed < malformedRate ? 'malformed' : 'pass';
    return { latencyMs, outcome };
  }
}

/**
 * Applies the injector's faults to every API request (control routes excluded) before TikTok's
 * checks run, as a broken network or upstream would. Hung requests are cut when the app closes.
 */
export function useFaults(app: FastifyInstance, faults: FaultInjector, sleep: (ms: number) => Promise<void>, controlPrefix: string): void {
  const hung = new Set<ServerResponse>();
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith(controlPrefix)) return;
    const { latencyMs, outcome } = faults.draw(requestPath(req), req.routeOptions.url ?? '*');
    if (latencyMs > 0) await sleep(latencyMs);
    switch (outcome) {
      case 'pass':
        return;
      case 'hang':
        // Never answered; closing the emulator cuts the connection, as a dead upstream would.
        reply.hijack();
        hung.add(reply.raw);
        reply.raw.on('close', () => hung.delete(reply.raw));
        return;
      case 'error':
        throw internalError(apiOf(req.url), 'Internal error (injected fault)');
      case 'malformed':
        // A 200 whose body is cut short: what a proxy or a dropped connection hands the client.
        return reply.code(200).type('application/json').send('{"code":0,"message":"Success","request_id":"2');
    }
  });
  app.addHook('preClose', (done) => {
    for (const res of hung) res.destroy();
    done();
  });
}
