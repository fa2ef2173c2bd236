import { z } from 'zod';

/** The config file's `inventory` section: stock figures in the graph (docs/metrics.md, "Inventory"). */
export const inventorySection = z
  .object({
    lowStockThreshold: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .default(10)
      .describe('`SkuInventory.lowStock` when available ≤ this (a field argument overrides it).'),
    salesDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(28)
      .describe("Trailing complete days of sales behind a SKU's days of cover (a field argument overrides it)."),
    ttlSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(30)
      .describe("Seconds TikTok's stock of a product stays fresh in the cache (orders move it; product webhooks drop it sooner)."),
  })
  .strict();
