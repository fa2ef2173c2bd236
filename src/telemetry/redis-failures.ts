/**
 * Redis calls that failed while Redis was up — a command or script Redis refused, an answer that
 * did not parse — in this process. Kept here, free of any Redis import, so the telemetry can read
 * it without loading the Redis client into processes that never use Redis.
 */
let failures = 0;

/** Counts one failed Redis call (`RedisLink.run`). */
export function countRedisFailure(): void {
  failures += 1;
}

/** Failed Redis calls so far, read at each scrape. */
export function redisFailureCount(): number {
  return failures;
}
