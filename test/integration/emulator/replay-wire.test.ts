import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, marketing, partner, startTestEmulator, type TestClock } from './helpers';

const RECORDED = join(__dirname, '../../contract/recorded');

/** The `data` of a recorded answer. */
function recorded<T>(file: string): T {
  return (JSON.parse(readFileSync(join(RECORDED, file), 'utf8')) as { data: T }).data;
}

/** A manifest entry: the request a recorded file answered. */
interface Entry {
  file: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  expect: string;
}
const MANIFEST = JSON.parse(readFileSync(join(RECORDED, 'manifest.json'), 'utf8')) as Entry[];
const entry = (file: string): Entry => MANIFEST.find((e) => e.file === file)!;

describe('emulator over HTTP: replaying the recorded us-local and vn-local-cod scenarios', () => {
  for (const scenario of ['us-local', 'vn-local-cod']) {
    describe(scenario, () => {
      let emu: EmulatorHandle;
      let clock: TestClock;
      let token: string;

      beforeAll(async () => {
        ({ emu, clock } = await startTestEmulator({ fixtures: join(RECORDED, scenario) }));
        // The recordings are of 2026-11-09..17; the emulator's clock is the day after.
        clock.ms = Date.UTC(2026, 10, 18, 9, 0, 0);
        token = await accessToken(emu);
      });
      afterAll(() => emu.close());
      beforeEach(() => {
        clock.ms += 1000;
      });

      /** Replays a manifest entry's request, signed, and returns the answer. */
      async function ask(file: string) {
        const e = entry(file);
        const { shop_cipher: cipher, ...query } = e.query ?? {};
        return partner<Record<string, unknown>>(emu, clock, {
          token,
          cipher,
          path: e.path,
          query,
          body: e.body === undefined ? undefined : JSON.stringify(e.body),
        });
      }

      it('answers the recorded shop list', async () => {
        const { body } = await partner<{ shops: unknown[] }>(emu, clock, { path: '/authorization/202309/shops', token });
        expect(body.data.shops).toEqual(recorded<{ shops: unknown[] }>(`${scenario}/partner/authorized-shops.json`).shops);
      });

      it("answers the recorded order search with the recorded orders, in TikTok's order (newest first)", async () => {
        const file = scenario === 'us-local' ? 'us-local/partner/orders-search-page-1.json' : 'vn-local-cod/partner/orders-search.json';
        const e = entry(file);
        const { shop_cipher: cipher, page_size: _size, ...query } = e.query ?? {};
        const { body } = await partner<{ orders: { id: string }[]; total_count: number }>(emu, clock, {
          token,
          cipher,
          path: e.path,
          query: { ...query, page_size: '100' },
          body: JSON.stringify(e.body),
        });
        expect(body.code).toBe(0);
        const pages =
          scenario === 'us-local'
            ? ['us-local/partner/orders-search-page-1.json', 'us-local/partner/orders-search-page-2.json']
            : ['vn-local-cod/partner/orders-search.json'];
        const expected = pages.flatMap((f) => recorded<{ orders: { id: string }[] }>(f).orders);
        expect(body.data.orders).toEqual(expected);
      });

      it('answers statements as recorded; payments as recorded, or refused in SEA', async () => {
        const statements = await ask(`${scenario}/partner/statements.json`);
        expect(statements.body.data).toEqual(recorded(`${scenario}/partner/statements.json`));
        if (scenario === 'us-local') {
          const payments = await ask('us-local/partner/payments.json');
          expect(payments.body.data).toEqual(recorded('us-local/partner/payments.json'));
        } else {
          const cipher = entry('vn-local-cod/partner/statements.json').query?.shop_cipher;
          const refused = await partner(emu, clock, { token, cipher, path: '/finance/202309/payments', query: { sort_field: 'create_time', page_size: '20' } });
          expect([refused.status, refused.body.code]).toEqual([404, 36009009]);
        }
      });

      it('answers product search and detail as recorded', async () => {
        const search = await ask(`${scenario}/partner/products-search.json`);
        expect(search.body.data).toEqual(recorded(`${scenario}/partner/products-search.json`));
        const detailFile = scenario === 'us-local' ? 'us-local/partner/product-detail-p1.json' : 'vn-local-cod/partner/product-detail-vp3.json';
        expect((await ask(detailFile)).body.data).toEqual(recorded(detailFile));
        if (scenario === 'us-local') {
          const deleted = await ask('us-local/partner/product-detail-deleted.json');
          expect([deleted.body.code, deleted.body.message]).toEqual([12052032, 'The product does not exist']);
        }
      });

      it('answers the recorded GMV Max report and BASIC report requests with the recorded rows', async () => {
        const suffix = scenario === 'us-local' ? 'us' : 'vn';
        for (const file of [`ads/marketing/gmv-max-report-${suffix}.json`, `ads/marketing/report-integrated-${suffix}.json`]) {
          const e = entry(file);
          const { body } = await marketing<{ list: unknown[] }>(emu, e.path.replace('/open_api/v1.3/', ''), e.query ?? {});
          expect(body.code).toBe(0);
          expect(body.data.list).toEqual(recorded<{ list: unknown[] }>(file).list);
        }
      });
    });
  }
});
