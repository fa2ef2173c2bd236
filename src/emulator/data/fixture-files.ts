/**
 * Reading recorded JSON files: 64-bit-safe numbers, an answer's `data` or the whole answer
 * (`{code, message, request_id, data}`), and errors that name the file and the JSON path.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { parseFixtureJson } from './json';

/** `["orders", 3, "payment"]` → `orders[3].payment`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/** Whether a JSON value is a whole TikTok answer rather than its `data`. */
export function isEnvelope(json: unknown): json is { code: number; message?: unknown; data?: unknown } {
  return (
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    typeof (json as { code?: unknown }).code === 'number' &&
    'data' in json &&
    'message' in json
  );
}

/**
 * Checks recorded JSON (an answer's `data`, or the whole answer) against `schema`.
 * @throws Error naming `file` and the JSON path of the first invalid value
 */
export function parseRecorded<S extends z.ZodType>(file: string, json: unknown, schema: S): z.output<S> {
  let data = json;
  if (isEnvelope(json)) {
    if (json.code !== 0) throw new Error(`${file}: a recorded error answer (code ${json.code}), not data`);
    data = json.data ?? {};
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${jsonPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`, { cause: result.error });
  }
  // The schemas keep unknown fields (`looseObject`), so the recording replays as recorded.
  return result.data;
}

/** Reads a JSON file with 64-bit-safe numbers; undefined when it does not exist. */
export async function readJson(dir: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return parseFixtureJson(text);
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`, { cause: error });
  }
}
