import type { z } from 'zod';
import { StoredRecordCorruptError } from '../store/stored-record-corrupt';

/** A record read back from a store, checked: one ShopGraph did not write in this shape fails naming where it is. */
export function readRecord<T>(schema: z.ZodType<T>, text: string, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StoredRecordCorruptError(where, 'not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new StoredRecordCorruptError(where, `${parsed.error.issues[0]?.path.join('.') || 'record'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
