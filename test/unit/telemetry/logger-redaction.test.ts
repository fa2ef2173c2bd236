import { Writable } from 'node:stream';
import { createLogger } from '../../../src/telemetry/logger';

/**
 * Issue 17, finding 6: fastify's client-error line (`this.log.trace({ err }, 'client error')`)
 * carried `err.rawPacket`, the raw request bytes, API key included — as a decimal byte array,
 * past key-name redaction. Bytes never reach a log line, at any level.
 */
const KEY = 'sg_live_Zq8v1d2k3j4h5g6f7d8s9a0p';
const RAW = Buffer.from(`POST /graphql HTTP/1.1\r\nauthorization: Bearer ${KEY}\r\nx-api-key: ${KEY}\r\n\r\n{`);

function capture() {
  let text = '';
  const logger = createLogger({
    level: 'trace',
    destination: new Writable({
      write(chunk: Buffer, _e, done) {
        text += chunk.toString();
        done();
      },
    }),
  });
  return { logger, text: () => text };
}

/** The key in every encoding a log line could carry it: plain, base64, hex, a byte list. */
function expectNoKey(text: string): void {
  const bytes = [...Buffer.from(KEY)];
  for (const form of [KEY, Buffer.from(KEY).toString('base64'), Buffer.from(KEY).toString('hex'), bytes.join(','), bytes.slice(0, 6).join(',')]) {
    expect({ form, found: text.includes(form) }).toEqual({ form, found: false });
  }
}

describe('log redaction of bytes', () => {
  it('drops rawPacket from errors, saying how many bytes it had', () => {
    const { logger, text } = capture();
    const err = Object.assign(new Error('Parse Error: Invalid header value char'), { code: 'HPE_INVALID_HEADER_TOKEN', rawPacket: RAW });
    logger.trace({ err }, 'client error');
    expectNoKey(text());
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ message: 'Parse Error: Invalid header value char', code: 'HPE_INVALID_HEADER_TOKEN', rawPacket: `[${RAW.length} bytes]` });
  });

  it('drops buffers, typed arrays and serialized buffers wherever they are in a line', () => {
    const { logger, text } = capture();
    logger.debug({ body: RAW, nested: { view: new Uint8Array(RAW), json: RAW.toJSON(), deeper: { a: [RAW] } } }, 'payloads');
    logger.error({ err: Object.assign(new Error('x'), { cause: Object.assign(new Error('y'), { rawPacket: RAW }) }) }, 'wrapped');
    expectNoKey(text());
  });

  it('keeps redacting credentials by name', () => {
    const { logger, text } = capture();
    logger.info({ headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY } }, 'request');
    expectNoKey(text());
  });
});

describe('log serialization of errors', () => {
  it('survives an error whose cause is itself', () => {
    const { logger, text } = capture();
    const err = new Error('loop');
    Object.assign(err, { cause: err, rawPacket: RAW });
    logger.error({ err }, 'cyclic');
    expectNoKey(text());
    expect(JSON.parse(text())).toMatchObject({ err: { message: expect.stringMatching(/^loop/) } });
  });
});
