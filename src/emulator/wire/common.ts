/**
 * The conventions every TikTok Shop Partner API v2 answer shares, as TikTok's API reference
 * describes them. These wire types are the emulator's own reading of that reference (see
 * docs/tiktok-api.md); they are written from TikTok's pages, not from ShopGraph's clients.
 *
 * TikTok's reference marks EVERY response field as not required, so every field of every wire
 * type is optional. What the emulator itself always sends is narrowed in `data/shapes.ts`.
 */

/** A 64-bit decimal ID. TikTok writes IDs as JSON strings (`"576461413038785752"`). */
export type WireId = string;

/**
 * A money amount: a decimal STRING in the currency beside it (`"12.99"`, `"-160"`, `"15000"` in
 * IDR). TikTok never writes money as a JSON number.
 */
export type WireMoney = string;

/** An ISO 4217 currency code (`"USD"`). */
export type WireCurrency = string;

/** A Unix time in seconds. */
export type WireUnixSeconds = number;

/** A calendar date `YYYY-MM-DD` in the shop's registered time zone (analytics). */
export type WireDate = string;

/**
 * An enumerated value. TikTok lists the values it knows today and adds new ones without a new
 * version, so a field of this type may carry a value not in `Known` (the intersection keeps the
 * known values visible to the editor).
 */
export type OpenEnum<Known extends string> = Known | (string & Record<never, never>);

/** The envelope around every Partner API and token-host answer. */
export interface WireEnvelope<Data> {
  /** 0 on success; anything else is an error (with `data` null or absent). */
  code?: number;
  message?: string;
  request_id?: string;
  data?: Data | null;
}

/**
 * The paging fields of every token-paged search or list: `next_page_token` is `""` (or absent)
 * on the last page; `total_count` is usually present.
 */
export interface WireTokenPage {
  next_page_token?: string;
  total_count?: number;
}
