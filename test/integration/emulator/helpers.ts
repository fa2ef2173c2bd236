/**
 * Test helpers: an emulator on 127.0.0.1:0 with a small dataset and an injected clock, and
 * hand-built, hand-signed requests (plain fetch + signPartnerRequest), so the tests exercise the
 * emulator exactly as an outside client would.
 */
import { signPartnerRequest } from '../../../src/datasources/partner/signing';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator/server';

/** A mutable clock the emulator reads (ms). */
export interface TestClock {
  ms: number;
}

/** TikTok's envelope as the tests read it. */
export interface Envelope<T = Record<string, unknown>> {
  code: number;
  message: string;
  request_id: string;
  data: T;
}

/** The answer of a call: HTTP status plus the parsed envelope. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: Envelope<T>;
}

/** A fixed instant so generated data and timestamps do not depend on the wall clock. */
export const T0 = Date.UTC(2026, 2, 10, 9, 30, 0);

/** Starts an emulator with 2 shops × 3 days and a test clock. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<{ emu: EmulatorHandle; clock: TestClock }> {
  const clock: TestClock = { ms: T0 };
  const emu = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 3, ordersPerDay: 4, now: () => clock.ms, ...options });
  return { emu, clock };
}

/** Exchanges an auth code at the token host. */
export async function tokenGet(emu: EmulatorHandle, authCode = emu.tokens.authCode): Promise<Answer> {
  const q = new URLSearchParams({ app_key: emu.tokens.appKey, app_secret: emu.tokens.appSecret, auth_code: authCode, grant_type: 'authorized_code' });
  const res = await fetch(`${emu.url}/api/v2/token/get?${q}`);
  return { status: res.status, body: (await res.json()) as Envelope };
}

/** A fresh Partner access token (mints a new code so tests can call it repeatedly). */
export async function accessToken(emu: EmulatorHandle): Promise<string> {
  const { body } = await tokenGet(emu, emu.mintAuthCode());
  return String(body.data.access_token);
}

/** A Partner call; every field can be overridden or dropped (null) to provoke a refusal. */
export interface PartnerRequest {
  method?: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  token?: string | null;
  /** The shop's cipher; null sends none. */
  cipher?: string | null;
  appKey?: string | null;
  timestamp?: string | null;
  /** Signs with this secret instead of the emulator's. */
  appSecret?: string;
  /** Sends this instead of the correct signature; null sends none. */
  sign?: string | null;
  /** Signs this body but sends `body`. */
  signedBody?: string;
}

/** Builds, signs and sends a Partner API request. */
export async function partner<T = Record<string, unknown>>(emu: EmulatorHandle, clock: TestClock, req: PartnerRequest): Promise<Answer<T>> {
  const query: Record<string, string> = { ...req.query };
  if (req.appKey !== null) query.app_key = req.appKey ?? emu.tokens.appKey;
  if (req.timestamp !== null) query.timestamp = req.timestamp ?? String(Math.floor(clock.ms / 1000));
  if (req.cipher) query.shop_cipher = req.cipher;
  const contentType = req.body === undefined ? undefined : 'application/json';
  const sign = signPartnerRequest({ path: req.path, query, body: req.signedBody ?? req.body, contentType, appSecret: req.appSecret ?? emu.tokens.appSecret });
  if (req.sign !== null) query.sign = req.sign ?? sign;
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (req.token) headers['x-tts-access-token'] = req.token;
  const res = await fetch(`${emu.url}${req.path}?${new URLSearchParams(query)}`, {
    method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
    headers,
    body: req.body,
  });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

/** A Marketing API GET; arrays and objects in `query` are JSON-encoded like TikTok wants. */
export async function marketing<T = Record<string, unknown>>(
  emu: EmulatorHandle,
  path: string,
  query: Record<string, unknown> = {},
  init: { token?: string | null; method?: string; body?: string } = {},
): Promise<Answer<T>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? emu.tokens.adsToken : init.token;
  if (token) headers['access-token'] = token;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${emu.url}/open_api/v1.3/${path}?${params}`, { method: init.method ?? 'GET', headers, body: init.body });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}
