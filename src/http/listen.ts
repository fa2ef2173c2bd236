import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Listens on host:port and returns the `/graphql` URL. */
export async function listen(app: FastifyInstance, at: { host: string; port: number; https: boolean }): Promise<string> {
  await app.listen({ host: at.host, port: at.port });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${at.https ? 'https' : 'http'}://${host}:${address.port}/graphql`;
}
