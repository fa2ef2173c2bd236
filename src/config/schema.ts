import { z } from 'zod';

/** Environment variables ShopGraph reads, with their defaults. Names are the public contract. */
const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/ });
const seconds = z.coerce.number().positive();

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHOPGRAPH_CONFIG: z.string().min(1).optional(),

  TTS_APP_KEY: z.string().min(1).optional(),
  TTS_APP_SECRET: z.string().min(1).optional(),
  TTS_REFRESH_TOKEN: z.string().min(1).optional(),
  TTS_AUTH_CODE: z.string().min(1).optional(),
  TTS_API_BASE_URL: url.default('https://open-api.tiktokglobalshop.com'),
  TTS_AUTH_BASE_URL: url.default('https://auth.tiktok-shops.com'),
  TT_ADS_ACCESS_TOKEN: z.string().min(1).optional(),
  TT_ADS_APP_ID: z.string().min(1).optional(),
  TT_ADS_SECRET: z.string().min(1).optional(),
  TT_ADS_BASE_URL: url.default('https://business-api.tiktok.com'),

  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
  METRICS_MAX_STALENESS: seconds.default(60),
  INTROSPECTION: bool.optional(),

  DEMO_SEED: z.string().min(1).default('shopgraph-demo'),
  DEMO_SHOPS: z.coerce.number().int().min(1).max(20).default(3),
  DEMO_DAYS: z.coerce.number().int().min(1).max(400).default(120),
  DEMO_ORDERS_PER_DAY: z.coerce.number().int().min(0).max(5000).default(40),
});

/** Per-shop overrides from the config file. */
const shopOverride = z.object({
  timezone: z.string().min(1).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  advertiserIds: z.array(z.string().regex(/^\d+$/)).optional(),
});

/** The optional JSON file named by `SHOPGRAPH_CONFIG`. Unknown keys are refused (typos show). */
export const fileSchema = z
  .object({
    shops: z.record(z.string().regex(/^\d+$/, 'a shop id'), shopOverride).default({}),
    fxRates: z
      .record(z.string().regex(/^[A-Z]{3}\/[A-Z]{3}$/, 'a pair like "USD/GBP"'), z.string().regex(/^\d+(\.\d+)?$/))
      .default({}),
  })
  .strict();

export type EnvSettings = z.infer<typeof envSchema>;
export type FileSettings = z.infer<typeof fileSchema>;
