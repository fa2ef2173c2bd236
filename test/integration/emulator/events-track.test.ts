import type { EmulatorHandle } from '../../../src/emulator/server';
import { marketing, startTestEmulator } from './helpers';

const PIXEL = 'C9Q2MJ3C77U4P674RPG0';
const TOKEN = 'pixel-events-token';
const OTHER_PIXEL = 'D5TL63BC77UECCBSFML0';
// sha256("user_123"), TikTok's worked example.
const HASHED = '80fba0ae1c48e3978e43e4efc365e14e12ea0c830ba8ba5b9a2dafc7e3f2ab8b';

let emu: EmulatorHandle;
beforeAll(async () => {
  ({ emu } = await startTestEmulator({ pixels: { [PIXEL]: TOKEN, [OTHER_PIXEL]: 'other-token' } }));
});
afterAll(() => emu.close());

const event = (i: number, over: Record<string, unknown> = {}) => ({
  event: 'CompletePayment',
  event_time: 1_773_000_000,
  event_id: `order-${i}`,
  user: { external_id: [HASHED] },
  page: { url: 'https://shop.example.com/' },
  properties: {
    value: 19.99,
    currency: 'USD',
    content_type: 'product',
    contents: [{ content_id: 'sku-1', price: 9.995, quantity: 2 }],
    order_id: `order-${i}`,
  },
  ...over,
});
const track = (data: unknown[], body: Record<string, unknown> = {}, token: string | null = TOKEN) =>
  marketing(emu, 'event/track/', {}, { method: 'POST', token, body: JSON.stringify({ event_source: 'web', event_source_id: PIXEL, data, ...body }) });
const recorded = (prefix: string) => emu.events.filter((e) => e.event_id.startsWith(prefix));

describe('emulator: Events API 2.0, POST event/track/', () => {
  it('takes 1000 web events, records each once per pixel + event + event_id, and counts repeats', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => event(i, { event_id: `a-${i}` }));
    expect((await track(batch)).body).toMatchObject({ code: 0, message: 'OK' });
    expect((await track([event(1, { event_id: 'a-1' })])).body.code).toBe(0);
    expect(recorded('a-')).toHaveLength(1000);
    expect(recorded('a-1').find((e) => e.event_id === 'a-1')?.deliveries).toBe(2);
    expect(recorded('a-0')[0]).toMatchObject({ event_source_id: PIXEL, event: 'CompletePayment', deliveries: 1, test: false });
  });

  it('refuses 1001 events as a whole', async () => {
    const { status, body } = await track(Array.from({ length: 1001 }, (_, i) => event(i, { event_id: `b-${i}` })));
    expect([status, body.code]).toEqual([200, 40002]);
    expect(recorded('b-')).toHaveLength(0);
  });

  it.each([
    ['no token', null, 40104],
    ['a token of no pixel', 'nope', 40105],
    ['the Marketing API token', 'demo-ads-token', 40105],
    ["another pixel's token", 'other-token', 40001],
  ])('refuses %s', async (_what, token, code) => {
    expect((await track([event(1, { event_id: 'c-1' })], {}, token)).body.code).toBe(code);
    expect(recorded('c-')).toHaveLength(0);
  });

  it.each([
    ['an unhashed email', { user: { email: ['ann@example.com'] } }, 'data[1].user.email'],
    ['an uppercase digest', { user: { external_id: [HASHED.toUpperCase()] } }, 'data[1].user.external_id'],
    ['a numeric event_id', { event_id: 273196 }, 'data[1].event_id: not a valid string'],
    ['event_time in milliseconds', { event_time: 1_773_000_000_000 }, 'data[1].event_time'],
    ['a standard name in the wrong case', { event: 'completepayment' }, 'did you mean CompletePayment'],
    ['no page', { page: undefined }, 'data[1].page.url'],
    ['value as a string', { properties: { value: '19.99', currency: 'USD' } }, 'data[1].properties.value'],
    ['an unsupported currency', { properties: { value: 1, currency: 'XXX' } }, 'data[1].properties.currency'],
    ['a fractional quantity', { properties: { value: 1, currency: 'USD', contents: [{ content_id: 'x', price: 1, quantity: 1.5 }] } }, 'quantity'],
  ])('refuses the whole request for %s, naming the field', async (_what, over, message) => {
    const { body } = await track([event(1, { event_id: 'd-1' }), event(2, { event_id: 'd-2', ...over })]);
    expect(body.code).toBe(40002);
    expect(body.message).toContain(message);
    expect(recorded('d-')).toHaveLength(0);
  });

  it('refuses bodies that are not web events for a pixel', async () => {
    expect((await marketing(emu, 'event/track/', {}, { method: 'POST', token: TOKEN, body: '{' })).body.code).toBe(40002);
    expect((await track([event(1)], { event_source: 'app' })).body.message).toContain('web events only');
    expect((await track([event(1)], { event_source_id: '' })).body.code).toBe(40002);
    expect((await track([])).body.code).toBe(40002);
  });

  it('marks events sent with a test_event_code, and accepts custom event names', async () => {
    expect((await track([event(1, { event_id: 'e-1', event: 'ShopOrderPaid' })], { test_event_code: 'TEST1234' })).body.code).toBe(0);
    expect(recorded('e-')[0]).toMatchObject({ event: 'ShopOrderPaid', test: true });
  });
});
