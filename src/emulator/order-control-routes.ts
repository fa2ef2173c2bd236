/**
 * Control plane for orders, stock and ad spend (docs/emulator.md, Control plane): a buyer's paid
 * order, the seller shipping or cancelling it, units received into a warehouse, a campaign-day
 * spending more. Each order move answers what changed
 * and, unless `"webhooks": false`, sends the webhooks TikTok would (to the shop's subscribed
 * addresses and `--webhook-url`), as live mode does.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { badRequest, parseJson } from './control-routes';
import { ControlError, type ControlResult } from './data/store';
import type { LiveLoop } from './live';

const id = z.string().regex(/^\d{1,20}$/, 'expected a decimal id');
const webhooks = z.boolean().default(true);
const placeSchema = z.strictObject({
  sku_id: id,
  quantity: z.number().int().min(1).max(1000).default(1),
  rts_sla_time: z.number().int().positive().optional(),
  webhooks,
});
const moveSchema = z.strictObject({ webhooks });
const stockSchema = z.strictObject({ sku_id: id, units: z.number().int().min(1).max(1_000_000), warehouse_id: id.optional() });

const spendSchema = z.strictObject({
  campaign_id: id,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD (the advertiser's day)"),
  extra_spend: z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string ≥ 0'),
});

type Params = { shopId: string; orderId?: string };

/** Registers the order and stock controls. */
export function registerOrderControlRoutes(app: FastifyInstance, ctx: EmulatorContext, live: LiveLoop): void {
  /** Parses the body with `schema`, runs `act`, and answers its result or the error. */
  function handle<T extends z.ZodType>(reply: FastifyReply, body: unknown, schema: T, act: (input: z.infer<T>) => unknown): unknown {
    const json = parseJson(body);
    if (json === undefined) return badRequest(reply, 'body is not valid JSON');
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return badRequest(reply, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    try {
      return act(parsed.data);
    } catch (error) {
      if (error instanceof ControlError) return reply.code(error.status).send({ error: error.message });
      throw error;
    }
  }
  const answer = (result: ControlResult, send: boolean) => {
    if (send) live.send(result.changes);
    return result;
  };

  app.post<{ Params: Params }>('/__emulator/shops/:shopId/orders', async (req, reply) =>
    handle(reply, req.body, placeSchema, (input) =>
      answer(ctx.store.placeOrder(req.params.shopId, { skuId: input.sku_id, quantity: input.quantity, rtsSlaTime: input.rts_sla_time }), input.webhooks),
    ),
  );

  app.post<{ Params: Params }>('/__emulator/shops/:shopId/orders/:orderId/ship', async (req, reply) =>
    handle(reply, req.body, moveSchema, (input) => answer(ctx.store.shipOrder(req.params.shopId, req.params.orderId ?? ''), input.webhooks)),
  );

  app.post<{ Params: Params }>('/__emulator/shops/:shopId/orders/:orderId/cancel', async (req, reply) =>
    handle(reply, req.body, moveSchema, (input) => answer(ctx.store.cancelOrder(req.params.shopId, req.params.orderId ?? ''), input.webhooks)),
  );

  app.post<{ Params: Params }>('/__emulator/shops/:shopId/stock', async (req, reply) =>
    handle(reply, req.body, stockSchema, (input) => {
      const { warehouse_id } = ctx.store.receiveStock(req.params.shopId, input.sku_id, input.units, input.warehouse_id);
      return { warehouse_id, inventory: ctx.store.searchInventory(req.params.shopId, { sku_ids: [input.sku_id] }) };
    }),
  );

  app.post<{ Params: { advertiserId: string } }>('/__emulator/advertisers/:advertiserId/spend', async (req, reply) =>
    handle(reply, req.body, spendSchema, (input) => {
      ctx.store.setExtraSpend(req.params.advertiserId, input.campaign_id, input.date, input.extra_spend);
      return { campaign_id: input.campaign_id, date: input.date, extra_spend: input.extra_spend };
    }),
  );
}
