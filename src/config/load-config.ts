import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { refusedVariables } from './moved-variables';
import { envSchema, fileSchema, type EnvSettings, type FileSettings } from './schema';

/** Where the upstream data comes from. */
export type UpstreamMode =
  /** No TikTok credentials: an in-process emulator with demo data. */
  { kind: 'demo' } | { kind: 'tiktok'; appKey: string; appSecret: string; refreshToken?: string; authCode?: string };

/** Every setting ShopGraph runs with, validated. */
export interface Config {
  env: EnvSettings;
  file: FileSettings;
  upstream: UpstreamMode;
}

/** A bad setting: the message names the setting and what is wrong with it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the configuration from environment variables plus the optional JSON file
 * named by `SHOPGRAPH_CONFIG`.
 * @throws ConfigError naming every bad setting
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const refused = refusedVariables(environment);
  if (refused.length > 0) throw new ConfigError(refused.join('; '));
  const env = parseOrThrow(envSchema, pickDefined(environment, Object.keys(envSchema.shape)), 'environment');
  const file = env.SHOPGRAPH_CONFIG ? readConfigFile(env.SHOPGRAPH_CONFIG) : fileSchema.parse({});
  return { env, file, upstream: upstreamMode(env) };
}

function upstreamMode(env: EnvSettings): UpstreamMode {
  const { TTS_APP_KEY: appKey, TTS_APP_SECRET: appSecret } = env;
  if (!appKey && !appSecret) return { kind: 'demo' };
  if (!appKey || !appSecret) {
    throw new ConfigError(`${appKey ? 'TTS_APP_SECRET' : 'TTS_APP_KEY'}: required when the other TikTok credential is set`);
  }
  if (!env.TTS_REFRESH_TOKEN && !env.TTS_AUTH_CODE) {
    throw new ConfigError('TTS_REFRESH_TOKEN: set it, or a one-time TTS_AUTH_CODE, to talk to TikTok');
  }
  return { kind: 'tiktok', appKey, appSecret, refreshToken: env.TTS_REFRESH_TOKEN, authCode: env.TTS_AUTH_CODE };
}

function readConfigFile(path: string): FileSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`SHOPGRAPH_CONFIG: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`SHOPGRAPH_CONFIG: ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseOrThrow(fileSchema, json, path);
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(`invalid ${where} settings — ${problems.join('; ')}`);
}

/** Only the variables the schema knows, and only non-empty ones (an empty var means unset). */
function pickDefined(environment: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = environment[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  return picked;
}
