/** Shared builders for the Partner client tests: TikTok-shaped JSON, a fake clock, captured logs. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../../src/telemetry/logger';
import type { RetryEnv, RetryPolicy } from '../../../../src/upstream/retry';
import { MemoryTokenStore, type TokenRecord } from '../../../../src/datasources/partner/token-store';
import { APP_KEY } from './stub-server';

/** Test "now": 2025-01-01T00:00:00Z. */
export const NOW_MS = Date.UTC(2025, 0, 1);
export const NOW_S = NOW_MS / 1000;

export const ACCESS_TOKEN = 'ROW_access_token_AAAA';
export const REFRESH_TOKEN = 'ROW_refresh_token_BBBB';

export const SHOP = { id: '7494726673780148744', cipher: 'ROW_cipher+/=abc' };

/** A deterministic retry environment: sleeping advances the fake clock instantly. */
export function fakeRetryEnv(start = 0): { env: RetryEnv; sleeps: number[]; elapsed: () => number } {
  let now = start;
  const sleeps: number[] = [];
  return {
    env: {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0.5,
    },
    sleeps,
    elapsed: () => now - start,
  };
}

export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 5000 };

export function tokenRecord(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    accessToken: ACCESS_TOKEN,
    accessTokenExpiresAt: NOW_S + 7 * 86_400,
    refreshToken: REFRESH_TOKEN,
    refreshTokenExpiresAt: NOW_S + 60 * 86_400,
    openId: 'open-1',
    sellerName: 'Seller',
    sellerBaseRegion: 'US',
    userType: 0,
    grantedScopes: ['seller.order.info'],
    ...overrides,
  };
}

export async function seededStore(record: TokenRecord = tokenRecord()): Promise<MemoryTokenStore> {
  const store = new MemoryTokenStore();
  await store.set(APP_KEY, record);
  return store;
}

/** `data` of a token-host answer. */
export function tokenData(accessToken: string, refreshToken: string, accessExpiresAt = NOW_S + 7 * 86_400) {
  return {
    access_token: accessToken,
    access_token_expire_in: accessExpiresAt,
    refresh_token: refreshToken,
    refresh_token_expire_in: NOW_S + 60 * 86_400,
    open_id: 'open-1',
    seller_name: 'Seller',
    seller_base_region: 'US',
    user_type: 0,
    granted_scopes: ['seller.order.info'],
  };
}

/** A TikTok order as JSON. */
export function orderJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    status: 'COMPLETED',
    create_time: NOW_S - 3600,
    update_time: NOW_S - 60,
    paid_time: NOW_S - 3500,
    user_id: '7000000000000000001',
    payment: {
      currency: 'USD',
      original_total_product_price: '20.00',
      sub_total: '20.00',
      shipping_fee: '0',
      total_amount: '20.00',
    },
    line_items: [
      {
        id: '9000000000000000001',
        product_id: '1729592969712207012',
        product_name: 'Mug',
        sku_id: '1729592969712272548',
        currency: 'USD',
        original_price: '20.00',
        sale_price: '20.00',
        display_status: 'COMPLETED',
      },
    ],
    ...overrides,
  };
}

/** A logger whose lines are kept as parsed objects and as raw text. */
export function capturedLogger(): { logger: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return {
    logger,
    get lines() {
      return raw
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}
