/**
 * What TikTok's Events API 2.0 (`POST /open_api/v1.3/event/track/`) accepts in one event, as the
 * emulator checks it (docs/tiktok-api.md, "Events API"; docs/emulator.md). Where TikTok's material
 * is silent the emulator is the stricter reading, so a client that passes here passes there.
 */
import { EmulatorRejection, MarketingCode } from './codes';
import { isObject, type JsonObject } from './params';

/** TikTok refuses a whole request carrying more than 1000 events. */
export const MAX_EVENTS_PER_REQUEST = 1000;

/**
 * The standard web events (case-sensitive names) of TikTok's help center and API reference.
 * `CompletePayment` is kept: TikTok's "About reserved events" page lists it as a reserved name it
 * maps onto the standard `Purchase`, so it is accepted (docs/conversions.md, Why `Purchase`).
 */
export const STANDARD_WEB_EVENTS = new Set([
  'AddPaymentInfo',
  'AddToCart',
  'AddToWishlist',
  'ApplicationApproval',
  'ClickButton',
  'CompletePayment',
  'CompleteRegistration',
  'Contact',
  'CustomizeProduct',
  'Download',
  'FindLocation',
  'InitiateCheckout',
  'Lead',
  'PlaceAnOrder',
  'Purchase',
  'Schedule',
  'Search',
  'StartTrial',
  'SubmitApplication',
  'SubmitForm',
  'Subscribe',
  'ViewContent',
]);
const STANDARD_BY_LOWER = new Map([...STANDARD_WEB_EVENTS].map((name) => [name.toLowerCase(), name]));

/** The currencies `properties.currency` may name (TikTok's list in the Events API reference). */
const CURRENCIES = new Set(
  (
    'AED ARS AUD BDT BHD BIF BOB BRL CAD CHF CLP CNY COP CRC CZK DKK DZD EGP EUR GBP GTQ HKD HNL HUF IDR ILS INR ' +
    'ISK JPY KES KHR KRW KWD KZT MAD MOP MXN MYR NGN NIO NOK NZD OMR PEN PHP PKR PLN PYG QAR RON RUB SAR SEK SGD THB TRY TWD ' +
    'UAH USD VES VND ZAR'
  ).split(' '),
);

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Later than this, an `event_time` is in milliseconds, not the seconds TikTok asks for. */
const LATEST_SECONDS = 10_000_000_000;

/** 40002 in the words TikTok uses for a bad field ("Invalid value for event_id: not a valid string."). */
export function invalidValue(field: string, why: string): EmulatorRejection {
  return new EmulatorRejection(MarketingCode.INVALID_PARAM, `Invalid value for ${field}: ${why}.`, 200);
}

/** One event checked: its name, id and the event as received. */
export interface CheckedEvent {
  event: string;
  event_id: string;
  payload: JsonObject;
}

/** Checks one web event; throws 40002 naming the first field that is wrong. */
export function checkWebEvent(raw: unknown, index: number): CheckedEvent {
  const at = (field: string) => `data[${index}].${field}`;
  if (!isObject(raw)) throw invalidValue(`data[${index}]`, 'not an object');
  const name = raw.event;
  if (typeof name !== 'string' || name === '') throw invalidValue(at('event'), 'required');
  const standard = STANDARD_BY_LOWER.get(name.toLowerCase());
  // Names are case-sensitive: "completepayment" would silently be a custom event at TikTok.
  if (standard !== undefined && standard !== name) throw invalidValue(at('event'), `event names are case-sensitive, did you mean ${standard}`);
  const time = raw.event_time;
  if (typeof time !== 'number' || !Number.isInteger(time) || time <= 0) throw invalidValue(at('event_time'), 'not a Unix time in seconds');
  if (time >= LATEST_SECONDS) throw invalidValue(at('event_time'), 'in milliseconds; Unix seconds expected');
  // Required for web events (deduplication against the pixel).
  if (typeof raw.event_id !== 'string' || raw.event_id === '') throw invalidValue(at('event_id'), 'not a valid string');
  checkUser(raw.user, at('user'));
  checkPage(raw.page, at('page'));
  if (raw.properties !== undefined) checkProperties(raw.properties, at('properties'));
  return { event: name, event_id: raw.event_id, payload: raw };
}

function checkUser(user: unknown, at: string): void {
  if (user === undefined) return;
  if (!isObject(user)) throw invalidValue(at, 'not an object');
  for (const field of ['email', 'phone', 'external_id']) {
    const value = user[field];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    // Sent as SHA-256: lowercase hex of 64 digits, never the raw identifier.
    if (!values.every((v) => typeof v === 'string' && SHA256_HEX.test(v))) throw invalidValue(`${at}.${field}`, 'not SHA-256 hashed (64 lowercase hex digits)');
  }
  for (const field of ['ttclid', 'ttp', 'ip', 'user_agent', 'locale']) {
    if (user[field] !== undefined && typeof user[field] !== 'string') throw invalidValue(`${at}.${field}`, 'not a string');
  }
}

function checkPage(page: unknown, at: string): void {
  // Web events carry the page they happened on.
  if (!isObject(page) || typeof page.url !== 'string' || !/^https?:\/\/\S+$/.test(page.url))
    throw invalidValue(`${at}.url`, 'required for web events (an http(s) URL)');
  if (page.referrer !== undefined && typeof page.referrer !== 'string') throw invalidValue(`${at}.referrer`, 'not a string');
}

function checkProperties(p: unknown, at: string): void {
  if (!isObject(p)) throw invalidValue(at, 'not an object');
  if (p.value !== undefined && (typeof p.value !== 'number' || !Number.isFinite(p.value) || p.value < 0))
    throw invalidValue(`${at}.value`, 'not a non-negative number');
  if (p.currency !== undefined && (typeof p.currency !== 'string' || !CURRENCIES.has(p.currency)))
    throw invalidValue(`${at}.currency`, 'not a supported ISO 4217 code');
  if (p.value !== undefined && p.currency === undefined) throw invalidValue(`${at}.currency`, 'required with value');
  if (p.content_type !== undefined && p.content_type !== 'product' && p.content_type !== 'product_group')
    throw invalidValue(`${at}.content_type`, 'not product or product_group');
  for (const field of ['order_id', 'shop_id']) {
    if (p[field] !== undefined && typeof p[field] !== 'string') throw invalidValue(`${at}.${field}`, 'not a string');
  }
  if (p.contents === undefined) return;
  if (!Array.isArray(p.contents)) throw invalidValue(`${at}.contents`, 'not an array');
  p.contents.forEach((item: unknown, i: number) => {
    const where = `${at}.contents[${i}]`;
    if (!isObject(item)) throw invalidValue(where, 'not an object');
    if (item.content_id !== undefined && typeof item.content_id !== 'string') throw invalidValue(`${where}.content_id`, 'not a string');
    if (item.price !== undefined && (typeof item.price !== 'number' || !Number.isFinite(item.price) || item.price < 0))
      throw invalidValue(`${where}.price`, 'not a non-negative number');
    if (item.quantity !== undefined && (typeof item.quantity !== 'number' || !Number.isInteger(item.quantity) || item.quantity < 1))
      throw invalidValue(`${where}.quantity`, 'not a positive integer');
  });
}
