import { startStack, type Stack } from '../../helpers/stack';

describe('GET /metrics and request ids', () => {
  let stack: Stack;
  let base: string;

  beforeAll(async () => {
    stack = await startStack();
    base = stack.server.url.replace('/graphql', '');
  });
  afterAll(() => stack.close());

  it('counts operations by name and outcome in Prometheus format', async () => {
    await fetch(stack.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Dashboard { shops { id } }' }),
    });
    await stack.gql('query Broken { shop(id: "1") { id } }');
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/shopgraph_graphql_operations_total\{operation="Dashboard",outcome="ok"\} 1/);
    expect(text).toMatch(/shopgraph_graphql_operations_total\{operation="Broken",outcome="partial"\} 1/);
    expect(text).toMatch(/shopgraph_graphql_operation_duration_seconds_bucket\{le="[^"]+",operation="Dashboard"\}/);
    expect(text).toMatch(/shopgraph_process_cpu_user_seconds_total/);
  });

  it('counts cache lookups by kind and result, and DataLoader batch sizes', async () => {
    const query = 'query Orders { shops { id orders(first: 5) { nodes { lineItems { product { title } } } } } }';
    await stack.gql(query);
    await stack.gql(query);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/shopgraph_cache_lookups_total\{layer="memory",kind="orders",result="miss"\} [1-9]/);
    expect(text).toMatch(/shopgraph_cache_lookups_total\{layer="memory",kind="orders",result="hit"\} [1-9]/);
    expect(text).toMatch(/shopgraph_dataloader_batch_size_count\{loader="product"\} [1-9]/);
  });

  it("reports each shop's ledger sync lag: seconds since the sync its last answer reflects", async () => {
    const shops = await stack.gql<{ shops: { id: string }[] }>('{ shops { id } }');
    const shopId = shops.data!.shops[0]!.id;
    const answer = await stack.gql<{ shop: { metrics: { gmv: { asOf: string } } } }>(
      'query($s: ID!) { shop(id: $s) { metrics(range: { from: "2020-01-01", to: "2020-01-02" }) { gmv { asOf } } } }',
      { s: shopId },
    );
    const syncedAt = Date.parse(answer.data!.shop.metrics.gmv.asOf);
    // Only the clock is faked, so the server keeps running on real timers.
    jest.useFakeTimers({
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'setImmediate',
        'clearImmediate',
        'nextTick',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      jest.setSystemTime(syncedAt + 90_000);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain(`shopgraph_ledger_sync_lag_seconds{shop="${shopId}"} 90\n`);
    } finally {
      jest.useRealTimers();
    }
  });

  it('echoes a valid x-request-id and makes one up otherwise', async () => {
    const given = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const invented = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
