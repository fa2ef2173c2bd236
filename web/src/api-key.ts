/**
 * The API key a user entered, kept for this tab only (sessionStorage: gone when the tab closes,
 * never shared with other tabs or sent anywhere but ShopGraph's `/graphql`).
 */
const STORAGE_KEY = 'shopgraph.apiKey';

/** The stored key, or undefined; storage can be unavailable (private modes, sandboxed frames). */
export function loadApiKey(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores a key (trimmed), or forgets it when empty. Returns what is now in effect. */
export function saveApiKey(key: string): string | undefined {
  const trimmed = key.trim();
  try {
    if (trimmed) sessionStorage.setItem(STORAGE_KEY, trimmed);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the key still applies until the page reloads.
  }
  return trimmed || undefined;
}
