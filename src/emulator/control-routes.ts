/**
 * The control plane under `/__emulator/`: faults at run time, call/rejection counters, fresh auth
 * codes (optionally for some shops only), a manual live tick. Not TikTok's API, so it needs no
 * signing and answers plain JSON.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext } from './context';
import { faultSettingsSchema } from './faults';
import { isObject } from './params';
import type { LiveLoop } from './live';
import { registerOrderControlRoutes } from './order-control-routes';

/** Registers the control routes. */
export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext, live: LiveLoop): void {
  app.get('/__emulator/faults', async () => ({ faults: ctx.faults.settings }));

  app.post('/__emulator/faults', async (req, reply) => {
    const json = parseJson(req.body);
    if (json === undefined) return badRequest(reply, 'body is not valid JSON');
    const parsed = faultSettingsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return badRequest(reply, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    ctx.faults.configure(parsed.data);
    return { faults: ctx.faults.settings };
  });

  app.delete('/__emulator/faults', async () => {
    ctx.faults.configure({});
    return { faults: ctx.faults.settings };
  });

  app.get('/__emulator/stats', async () => ctx.stats.snapshot());

  app.post('/__emulator/stats/reset', async () => {
    ctx.stats.reset();
    return ctx.stats.snapshot();
  });

  app.post('/__emulator/auth-codes', async (req, reply) => {
    const json = parseJson(req.body);
    const shopIds = isObject(json) ? json.shop_ids : undefined;
    if (json === undefined || (shopIds !== undefined && !(Array.isArray(shopIds) && shopIds.every((id) => typeof id === 'string')))) {
      return badRequest(reply, 'expected {"shop_ids"?: string[]}');
    }
    return { auth_code: ctx.partnerTokens.mintAuthCode(shopIds) };
  });

  app.post('/__emulator/tick', async () => ({ changes: live.tick() }));

  registerOrderControlRoutes(app, ctx, live);
}

/** The JSON body (`{}` when empty), or `undefined` when it is not JSON. */
export function parseJson(body: unknown): unknown {
  try {
    return JSON.parse(typeof body === 'string' && body !== '' ? body : '{}') as unknown;
  } catch {
    return undefined;
  }
}

export function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).send({ error: message });
}
