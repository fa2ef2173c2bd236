import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Report } from '@apollo/usage-reporting-protobuf';
import { ConfigError, loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startGateway } from '../../../src/app/gateway-server';
import { createApp } from '../../../src/http/app';
import { prepareServing, subgraphAppSettings } from '../../../src/app/serving';
import { createShopGraph } from '../../../src/app/shop-graph';
import { listen } from '../../../src/http/listen';
import type { Logger } from '../../../src/telemetry/logger';
import { usageReportingSettings, type UsageReporting } from '../../../src/telemetry/usage-reporting';
import { emulatorEnv, startStack } from '../../helpers/stack';
import { ALL_SCOPES, apiClient, captureLogs, expectNoSecrets, writeConfigFile } from '../security/helpers';

const KEY = 'service:shopgraph-test:0123456789abcdefABCDEF';
const GRAPH_REF = 'shopgraph-test@ci';
const APOLLO_INGRESS = 'https://usage-reporting.api.apollographql.com';
const client = apiClient('partner', '*', ALL_SCOPES);

/** One POST to the stand-in ingress: its headers and, once read, its body unzipped. */
interface IngressRequest {
  headers: IncomingHttpHeaders;
  body: Promise<Buffer>;
  /** True once the ingress answered or the sender gave up (socket closed). */
  done: boolean;
}

/** A loopback HTTP server standing in for Apollo's usage-reporting ingress. */
interface Ingress {
  endpoint: string;
  requests: IngressRequest[];
  /** Resolves with the `n`th request (1-based) once it has arrived. */
  nth(n: number): Promise<IngressRequest>;
  /** Resolves once the reports received count `n` operations and every request is over. */
  settled(operations: number): Promise<void>;
  /** Answers every request held so far, and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

async function startIngress(answer: 'at-once' | 'never'): Promise<Ingress> {
  const requests: IngressRequest[] = [];
  const held: (() => void)[] = [];
  let waiters: (() => void)[] = [];
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));
  const wake = () => {
    const woken = waiters;
    waiters = [];
    woken.forEach((w) => w());
  };
  let holding = answer === 'never';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const entry: IngressRequest = {
      headers: req.headers,
      done: false,
      body: new Promise((resolve) => req.on('end', () => resolve(gunzipSync(Buffer.concat(chunks))))),
    };
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('close', () => {
      entry.done = true;
      wake();
    });
    requests.push(entry);
    wake();
    const reply = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    if (holding) held.push(reply);
    else reply();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async nth(n) {
      while (requests.length < n) await changed();
      return requests[n - 1]!;
    },
    async settled(operations) {
      for (;;) {
        const next = changed();
        const counted = (await Promise.all(requests.map(async (r) => Report.decode(await r.body).operationCount))).reduce((a, b) => a + b, 0);
        if (counted >= operations && requests.every((r) => r.done)) return;
        await next;
      }
    },
    release() {
      holding = false;
      held.splice(0).forEach((reply) => reply());
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

interface ReportingStack {
  url: string;
  shopIds: string[];
  gql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: unknown[] } }>;
  close(): Promise<void>;
}

/**
 * An emulator and ShopGraph wired as `startServer` wires them, with the usage reporting
 * `prepareServing` derives from the environment (the loop-timing knobs of `tuning` on top, which
 * is why `startServer` itself is not used), authenticating one API client.
 */
async function startReportingStack(
  env: Record<string, string>,
  logger: Logger,
  tuning: Partial<Extract<UsageReporting, { enabled: true }>> = {},
): Promise<ReportingStack> {
  const emulator: EmulatorHandle = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 10, ordersPerDay: 15 });
  const shopIds = emulator.store.shops().map((s) => s.id);
  const config = loadConfig({ ...emulatorEnv(emulator), SHOPGRAPH_CONFIG: writeConfigFile({ clients: [client.entry] }), ...env });
  const serving = prepareServing(config, logger, {});
  const shopGraph = await createShopGraph(config, logger, serving.observer, serving.telemetry);
  const settings = serving.app.usageReporting ?? { enabled: false };
  expect(settings).toEqual(usageReportingSettings(config));
  const { app } = await createApp({
    ...subgraphAppSettings(serving, shopGraph),
    usageReporting: settings.enabled ? { ...settings, ...tuning } : settings,
  });
  const url = await listen(app, { host: '127.0.0.1', port: 0, https: false });
  return {
    url,
    shopIds,
    async gql(query, variables) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${client.key}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    async close() {
      await app.close();
      await shopGraph.close();
      await serving.close();
      await emulator.close();
    },
  };
}

const SHOP_BY_ID = 'query ShopById($id: ID!) { shop(id: $id) { id name currency } }';
/** The pair in the environment, the endpoint (and the API client) in the config file. */
const reportingEnv = (endpoint: string) => ({
  APOLLO_KEY: KEY,
  APOLLO_GRAPH_REF: GRAPH_REF,
  SHOPGRAPH_CONFIG: writeConfigFile({ clients: [client.entry], usageReporting: { endpoint } }),
});
const isOutageWarning = (line: Record<string, unknown>) =>
  line.component === 'apollo-usage-reporting' && line.level === 40 && String(line.msg).includes('not getting through');
const isReportLost = (line: Record<string, unknown>) =>
  line.component === 'apollo-usage-reporting' && line.level === 20 && String(line.msg).includes('not delivered');
/** No report leaves but when asked for (the stop, in these tests). */
const NO_INTERVAL = 3_600_000;

describe('Apollo usage reporting with APOLLO_KEY and APOLLO_GRAPH_REF', () => {
  it('sends operations to the ingress with the key, and no variable values or request headers', async () => {
    const ingress = await startIngress('at-once');
    const logs = captureLogs();
    const stack = await startReportingStack(reportingEnv(ingress.endpoint), logs.logger, { intervalMs: NO_INTERVAL });
    try {
      const [shopId = ''] = stack.shopIds;
      const byVariable = await stack.gql(SHOP_BY_ID, { id: shopId });
      expect(byVariable.body.errors).toBeUndefined();
      expect(byVariable.body.data?.shop).toMatchObject({ id: shopId });
      // An inline literal, which the operation signature must strip as well.
      expect((await stack.gql(`query ShopInline { shop(id: "${shopId}") { id } }`)).body.errors).toBeUndefined();
      expect((await stack.gql('query ShopNames { shops { id name } }')).body.errors).toBeUndefined();
      expect(ingress.requests).toHaveLength(0); // buffered until the stop
    } finally {
      await stack.close(); // stopping flushes the buffered report
    }
    expect(ingress.requests).toHaveLength(1);
    const sent = ingress.requests[0]!;
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.headers['content-encoding']).toBe('gzip');
    const raw = await sent.body;
    const report = Report.decode(raw);
    expect(report.header?.graphRef).toBe(GRAPH_REF);
    expect(
      Object.keys(report.tracesPerQuery)
        .map((k) => k.split('\n')[0])
        .sort(),
    ).toEqual(['# ShopById', '# ShopInline', '# ShopNames']);
    const traces = Object.values(report.tracesPerQuery)
      .flatMap((q) => q.trace ?? [])
      .map((t) => t as Exclude<typeof t, Uint8Array>);
    expect(traces.length).toBeGreaterThan(0);
    for (const trace of traces) {
      expect(Object.values(trace.details?.variablesJson ?? {}).filter((v) => v !== '')).toEqual([]);
      expect(trace.http?.requestHeaders ?? {}).toEqual({});
    }
    expect(Object.keys(report.tracesPerQuery).join('\n')).not.toContain(stack.shopIds[0]);
    // Nowhere in the report, in any field: the shop id (variable and literal), the caller's key, Apollo's key.
    const text = raw.toString('latin1');
    for (const secret of [stack.shopIds[0]!, client.key, KEY, 'authorization', 'Bearer'])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    expectNoSecrets(logs.text(), [KEY, client.key]);
    await ingress.close();
  });

  it('keeps answering while the ingress holds a report unanswered', async () => {
    const ingress = await startIngress('never');
    // Reports every 10 ms; an attempt is given a minute, so the held one stays open while operations run.
    const stack = await startReportingStack(reportingEnv(ingress.endpoint), captureLogs().logger, { intervalMs: 10, timeoutMs: 60_000 });
    try {
      const [shopId = ''] = stack.shopIds;
      expect((await stack.gql(SHOP_BY_ID, { id: shopId })).status).toBe(200);
      const held = await ingress.nth(1);
      for (let i = 0; i < 3; i++) {
        const answer = await stack.gql(i % 2 ? 'query ShopNames { shops { id } }' : SHOP_BY_ID, { id: shopId });
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
        expect(held.done).toBe(false);
      }
      ingress.release();
      // Every operation reported and answered: no send is left in flight to outlive the stop.
      await ingress.settled(4);
    } finally {
      await stack.close();
      await ingress.close();
    }
  });

  it('stops without waiting longer than its attempts for an ingress that never answers, warning once', async () => {
    const ingress = await startIngress('never');
    const logs = captureLogs();
    const stack = await startReportingStack(reportingEnv(ingress.endpoint), logs.logger, { intervalMs: NO_INTERVAL, timeoutMs: 50 });
    expect((await stack.gql('query ShopNames { shops { id } }')).status).toBe(200);
    await stack.close(); // resolves once both attempts of the final report timed out
    expect(ingress.requests).toHaveLength(2);
    expect(logs.lines().filter(isOutageWarning)).toHaveLength(1);
    expect(logs.lines().find(isOutageWarning)?.reason).toMatch(/timeout/i);
    expectNoSecrets(logs.text(), [KEY, client.key]);
    await ingress.close();
  });

  it('answers and stops when nothing listens at the endpoint, warning once per outage', async () => {
    const logs = captureLogs();
    const stack = await startReportingStack(reportingEnv(await closedPort()), logs.logger, { intervalMs: 10 });
    try {
      expect((await stack.gql('query ShopNames { shops { id } }')).status).toBe(200);
      await logs.waitFor(isOutageWarning);
      expect((await stack.gql('query ShopNames { shops { name } }')).status).toBe(200);
      await logs.waitFor(isReportLost); // the second report failed too
    } finally {
      await stack.close();
    }
    expect(logs.lines().filter(isOutageWarning)).toHaveLength(1);
    expect(logs.lines().find(isOutageWarning)?.reason).toMatch(/ECONNREFUSED/);
    expectNoSecrets(logs.text(), [KEY, client.key]);
  });
});

describe('Apollo usage reporting without APOLLO_KEY and APOLLO_GRAPH_REF', () => {
  // What Apollo Server would act on by itself if ShopGraph left it to: a key and graph ref in
  // its process's environment (the config read another one), and schema reporting asked for.
  const implicit = { APOLLO_KEY: KEY, APOLLO_GRAPH_REF: GRAPH_REF, APOLLO_SCHEMA_REPORTING: 'true' };
  const saved = { ...process.env };
  beforeEach(() => Object.assign(process.env, implicit));
  afterEach(() => {
    for (const name of Object.keys(implicit)) delete process.env[name];
    Object.assign(process.env, saved);
    jest.restoreAllMocks();
  });

  it('serves a subgraph without schema reporting (which would refuse to start on one)', async () => {
    const stack = await startStack();
    try {
      expect((await stack.gql('{ shops { id } }')).errors).toBeUndefined();
    } finally {
      await stack.close();
    }
  });

  it('reports nothing from the gateway, which Apollo Server would otherwise report for', async () => {
    const ingress = await startIngress('at-once');
    const realFetch = globalThis.fetch;
    // Anything bound for Apollo's servers lands on the stand-in ingress instead of leaving the machine.
    jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return realFetch(url.startsWith(APOLLO_INGRESS) ? ingress.endpoint + url.slice(APOLLO_INGRESS.length) : input, init);
    });
    const emulator = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 10, ordersPerDay: 15 });
    const gateway = await startGateway(
      loadConfig({ ...emulatorEnv(emulator), SHOPGRAPH_CONFIG: writeConfigFile({ supergraph: { subgraphs: [] } }) }),
      captureLogs().logger,
    );
    try {
      const res = await realFetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query ShopNames { shops { id } }' }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    } finally {
      await gateway.close(); // a usage-reporting plugin would flush here
      await emulator.close();
    }
    expect(ingress.requests).toHaveLength(0);
    await ingress.close();
  });
});

describe('usage reporting settings', () => {
  it('needs both APOLLO_KEY and APOLLO_GRAPH_REF, naming the one missing', () => {
    expect(() => loadConfig({ APOLLO_KEY: KEY })).toThrow(ConfigError);
    expect(() => loadConfig({ APOLLO_KEY: KEY })).toThrow(/APOLLO_GRAPH_REF: required when APOLLO_KEY is set/);
    expect(() => loadConfig({ APOLLO_GRAPH_REF: GRAPH_REF })).toThrow(/APOLLO_KEY: required when APOLLO_GRAPH_REF is set/);
    const error = (() => {
      try {
        loadConfig({ APOLLO_KEY: KEY });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).not.toContain(KEY);
  });

  it('are off without either, and point at Apollo unless the endpoint is set', () => {
    expect(usageReportingSettings(loadConfig({}))).toEqual({ enabled: false });
    expect(usageReportingSettings(loadConfig({ APOLLO_KEY: KEY, APOLLO_GRAPH_REF: GRAPH_REF }))).toEqual({
      enabled: true,
      key: KEY,
      graphRef: GRAPH_REF,
      endpoint: APOLLO_INGRESS,
    });
    expect(usageReportingSettings(loadConfig(reportingEnv('http://127.0.0.1:9/')))).toMatchObject({ endpoint: 'http://127.0.0.1:9' });
    expect(() => loadConfig(reportingEnv('ftp://127.0.0.1'))).toThrow(/usageReporting\.endpoint/);
    expect(() => loadConfig({ APOLLO_KEY: 'has spaces', APOLLO_GRAPH_REF: GRAPH_REF })).toThrow(/APOLLO_KEY: printable ASCII/);
  });
});
