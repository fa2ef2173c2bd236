/**
 * `Sku.inventory`: TikTok's stock of the SKU per warehouse, low/out-of-stock flags, and
 * `SkuInventory.salesPace` — units sold over the trailing days from the metrics ledger and the days
 * of cover they give (docs/metrics.md, "Inventory").
 */
import { DateTime } from 'luxon';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { PartnerInventorySku } from '../datasources/partner/product-schemas';
import type { InventoryLoader } from '../datasources/inventory-loader';
import { badUserInput, ErrorCode, publicError } from '../errors';
import { parseDecimal, roundRatio } from '../domain/money';
import { localDate } from '../domain/window';
import { SalesPace, SkuInventory, WarehouseStock } from '../schema/types/inventory';
import { Sku } from '../schema/types/product';
import { requireShop, type GraphContext } from './context';

const MAX_THRESHOLD = 1_000_000;
const MAX_SALES_DAYS = 365;

function loaderOf(ctx: GraphContext): InventoryLoader {
  const loader = ctx.inventory;
  if (!loader) throw publicError(ErrorCode.INTERNAL_SERVER_ERROR, 'inventory is not served by this gateway');
  return loader;
}

/** TikTok's total, or the sum of the warehouses' figures when it sent no total (its own definition). */
function total(given: number | undefined, parts: (number | undefined)[]): number | null {
  if (given !== undefined) return given;
  if (parts.length === 0 || parts.some((p) => p === undefined)) return null;
  return parts.reduce<number>((n, p) => n + (p ?? 0), 0);
}

/** A SKU's row as the graph's SkuInventory. */
export function toSkuInventory(
  row: PartnerInventorySku,
  o: { shopId: string; threshold: number; salesDays: number; fetchedAt: number; stale: boolean },
): SkuInventory {
  const available = total(
    row.total_available_quantity,
    row.warehouse_inventory.map((w) => w.available_quantity),
  );
  const committed = total(
    row.total_committed_quantity,
    row.warehouse_inventory.map((w) => w.committed_quantity),
  );
  return Object.assign(new SkuInventory(), {
    available,
    committed,
    inShopAvailable: row.total_available_inventory_distribution?.in_shop_inventory?.quantity ?? null,
    warehouses: row.warehouse_inventory.map((w) =>
      Object.assign(new WarehouseStock(), {
        warehouseId: w.warehouse_id ?? null,
        available: w.available_quantity ?? null,
        committed: w.committed_quantity ?? null,
      }),
    ),
    outOfStock: available === null ? null : available === 0,
    lowStock: available === null ? null : available <= o.threshold,
    lowStockThreshold: o.threshold,
    salesDays: o.salesDays,
    asOf: new Date(o.fetchedAt),
    stale: o.stale,
    shopId: o.shopId,
    skuId: row.id,
  });
}

function checkedInt(value: number | undefined | null, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

@Resolver(() => Sku)
export class SkuInventoryResolver {
  @FieldResolver(() => SkuInventory, {
    nullable: true,
    description: "Stock per warehouse from TikTok's Inventory Search (short-lived cache); null when TikTok has none for the SKU.",
  })
  async inventory(
    @Root() sku: Sku,
    @Ctx() ctx: GraphContext,
    @Arg('lowStockThreshold', () => Int, { nullable: true, description: "lowStock when available ≤ this (default: the config's inventory.lowStockThreshold)." })
    lowStockThreshold?: number | null,
    @Arg('salesDays', () => Int, {
      nullable: true,
      description: "Trailing complete days of sales behind salesPace (default: the config's inventory.salesDays).",
    })
    salesDays?: number | null,
  ): Promise<SkuInventory | null> {
    const loader = loaderOf(ctx);
    const threshold = checkedInt(lowStockThreshold, 'lowStockThreshold', 0, MAX_THRESHOLD) ?? loader.settings.lowStockThreshold;
    const days = checkedInt(salesDays, 'salesDays', 1, MAX_SALES_DAYS) ?? loader.settings.salesDays;
    const stock = await loader.product.load({ shopId: sku.shopId, id: sku.productId });
    const row = stock?.inventory?.skus.find((s) => s.id === sku.id);
    if (!stock || !row) return null;
    return toSkuInventory(row, { shopId: sku.shopId, threshold, salesDays: days, fetchedAt: stock.fetchedAt, stale: stock.stale });
  }
}

/** Units per SKU over the shop's trailing complete days, once per request and shop. */
async function trailingUnits(
  ctx: GraphContext,
  shopId: string,
  days: number,
): Promise<{ units: Record<string, number>; asOf: number; pending: string | null }> {
  return loaderOf(ctx).memo(`sales:${shopId}:${days}`, async () => {
    const shop = await requireShop(ctx, shopId);
    const today = localDate(Math.floor(ctx.metrics.settings.now() / 1000), shop.timezone);
    const to = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 1 });
    const window = { from: to.minus({ days: days - 1 }).toISODate() ?? today, to: to.toISODate() ?? today };
    const data = await ctx.metrics.window(shop, window);
    const coverage = (data as { coverage?: { complete: boolean } }).coverage;
    const pending = coverage && !coverage.complete ? `the shop's order history for ${window.from} to ${window.to} is still being read` : null;
    return { units: data.total().skuUnits ?? {}, asOf: data.orders.asOf, pending };
  });
}

@Resolver(() => SkuInventory)
export class SkuInventoryPaceResolver {
  @FieldResolver(() => SalesPace, { description: 'Units sold over the trailing salesDays and the days of cover they give (docs/metrics.md, "Inventory").' })
  async salesPace(@Root() inv: SkuInventory, @Ctx() ctx: GraphContext): Promise<SalesPace> {
    const sales = await trailingUnits(ctx, inv.shopId, inv.salesDays);
    const pace = (fields: Partial<SalesPace>) =>
      Object.assign(new SalesPace(), { unitsSold: null, dailyUnits: null, daysOfCover: null, nullReason: null, asOf: new Date(sales.asOf), ...fields });
    if (sales.pending) return pace({ nullReason: sales.pending });
    const units = sales.units[inv.skuId] ?? 0;
    const dailyUnits = roundRatio(parseDecimal(String(units)).div(inv.salesDays));
    if (inv.available === null) return pace({ unitsSold: units, dailyUnits, nullReason: 'TikTok sent no available quantity' });
    if (units === 0)
      return pace({
        unitsSold: 0,
        dailyUnits,
        nullReason: `no units sold in the last ${inv.salesDays} complete days: the stock does not run down at this pace`,
      });
    // available × days / units, divided once: exact before the one rounding.
    const cover = parseDecimal(String(inv.available)).times(inv.salesDays).div(units).toDecimalPlaces(1, 6 /* ROUND_HALF_EVEN */).toFixed(1);
    return pace({ unitsSold: units, dailyUnits, daysOfCover: cover });
  }
}
