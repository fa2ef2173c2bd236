import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-link';

const shas = new Map<string, string>();

/**
 * Runs a Lua script by its SHA-1 (EVALSHA), sending the whole script (EVAL) only when Redis does
 * not know it yet, e.g. after a restart.
 * @see https://redis.io/docs/latest/develop/interact/programmability/eval-intro/#script-cache
 */
export async function evalScript(client: RedisClient, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) shas.set(script, (sha = createHash('sha1').update(script).digest('hex')));
  const options = { keys, arguments: args.map(String) };
  try {
    return await client.evalSha(sha, options);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script, options);
  }
}
