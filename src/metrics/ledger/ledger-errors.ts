/** Entries of a ledger the store should hold are gone (evicted, expired): the ledger is rebuilt from upstream. */
export class LedgerEvictedError extends Error {
  override readonly name: string = 'LedgerEvictedError';
}

/**
 * An entry read back from the store is not what ShopGraph writes there (damaged, written by
 * something else under its key, or by another layout). Ledger entries can always be read again
 * from TikTok, so the entry is deleted and the shop's ledger rebuilt, as for an evicted one; the
 * message names the key and what is wrong, never the value (it may hold figures).
 */
export class LedgerCorruptError extends LedgerEvictedError {
  override readonly name = 'LedgerCorruptError';

  constructor(
    readonly key: string,
    readonly problem: string,
  ) {
    super(`ledger entry ${key} is corrupt (${problem}); it is deleted and the shop's ledger read again from TikTok`);
  }
}
