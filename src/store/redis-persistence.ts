import { redactUrl, type RedisLink } from '../cache/redis-link';
import type { Logger } from '../telemetry/logger';

/** What Redis says it keeps on disk; `unknown` when it would not say (a managed Redis refusing CONFIG). */
export type RedisPersistence = { aof: boolean; rdb: boolean } | { unknown: string };

/** Asks Redis (`CONFIG GET appendonly`, `CONFIG GET save`) whether it persists what it holds. */
export async function redisPersistence(link: RedisLink): Promise<RedisPersistence> {
  try {
    const [aof, save] = await Promise.all([link.run((c) => c.configGet('appendonly')), link.run((c) => c.configGet('save'))]);
    return { aof: aof.appendonly === 'yes', rdb: (save.save ?? '').trim() !== '' };
  } catch (error) {
    return { unknown: (error as Error).message };
  }
}

/**
 * Start-up check: with REDIS_URL, Redis holds the metrics ledgers, unit costs set through the API
 * and webhook dedupe, so a Redis that keeps nothing on disk loses them all on its next restart
 * (and every ledger is then read again from TikTok). Without any persistence ShopGraph refuses to
 * start when `required`, else warns; RDB snapshots alone are accepted with a warning (writes since
 * the last snapshot are lost on a Redis crash); a Redis that refuses CONFIG (managed services) is
 * trusted, with a line saying what to make sure of.
 * @throws Error naming the fix when `required` and Redis persists nothing
 */
export async function checkRedisPersistence(link: RedisLink, options: { url: string; required: boolean; logger: Logger }): Promise<RedisPersistence> {
  const { logger } = options;
  const redis = redactUrl(options.url);
  const found = await redisPersistence(link);
  if ('unknown' in found) {
    logger.warn(
      { redis, reason: found.unknown },
      'Redis persistence could not be checked (CONFIG GET refused): make sure AOF is on (appendonly yes), or ledgers, unit costs and webhook dedupe are lost when Redis restarts (docs/storage.md)',
    );
  } else if (found.aof) {
    logger.info({ redis }, 'Redis persistence: AOF on');
  } else if (found.rdb) {
    logger.warn(
      { redis },
      'Redis persistence: RDB snapshots only — a Redis crash loses what was written since the last snapshot (unit costs included); turn on AOF (appendonly yes) (docs/storage.md)',
    );
  } else if (options.required) {
    throw new Error(
      `Redis at ${redis} keeps nothing on disk (appendonly no, save ""): its next restart would lose every ledger, unit cost and webhook claim. ` +
        'Turn on AOF (redis-server --appendonly yes, or CONFIG SET appendonly yes and CONFIG REWRITE), or set redis.requirePersistence: false in the config file to start anyway (docs/storage.md)',
    );
  } else {
    logger.warn(
      { redis },
      'Redis keeps nothing on disk: ledgers, unit costs and webhook dedupe are lost when it restarts; turn on AOF (appendonly yes) (docs/storage.md)',
    );
  }
  return found;
}
