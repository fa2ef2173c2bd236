/**
 * Alert rules are each client's own, on the embedded store (no Redis): who may create them
 * (alerts:write, plus the scope of what a kind reads), which shops, which webhook URLs, and that
 * no client lists, deletes or hears another's rules.
 */
import { silentLogger } from '../../../src/telemetry/logger';
import { apiClient, startSecuredStack, type SecuredStack } from '../security/helpers';

const CREATE =
  'mutation C($input: AlertRuleInput!) { createAlertRule(input: $input) { rule { id kind shopId roasBelow { threshold trailingDays minSpend } } webhookSigningSecret } }';
const RULES = '{ alertRules { id shopId kind } }';
const DELETE = 'mutation D($id: ID!) { deleteAlertRule(id: $id) { id } }';

const writer = apiClient('writer', '*', ['shops:read', 'metrics:read', 'alerts:write']);
const other = apiClient('other', '*', ['shops:read', 'metrics:read', 'alerts:write', 'products:read']);
const reader = apiClient('reader', '*', ['shops:read', 'metrics:read']);
const narrow = apiClient('narrow', ['0'], ['shops:read', 'metrics:read', 'alerts:write']);

let stack: SecuredStack;
const as = (client: { key: string }) => ({ 'x-api-key': client.key });

beforeAll(async () => {
  stack = await startSecuredStack({
    logger: silentLogger,
    env: { SHOPGRAPH_ALERT_WEBHOOK_SECRET: 's'.repeat(40) },
    config: (shopIds) => ({
      clients: [writer.entry, other.entry, reader.entry, { ...narrow.entry, shops: [shopIds[1]] }],
      alerts: { tickSeconds: 86_400, maxRulesPerClient: 2, webhooks: { allowedUrlPrefixes: ['https://hooks.example.com/shopgraph/'] } },
    }),
  });
});
afterAll(async () => {
  await stack?.close();
});

it("keeps each client's rules its own and checks every input before storing", async () => {
  const [shopId, secondShop] = stack.shopIds;
  const roas = { shopId, roasBelow: { threshold: '2.5' } };
  const created = await stack.gql<{ createAlertRule: { rule: { id: string; roasBelow: unknown }; webhookSigningSecret: string | null } }>(
    CREATE,
    { input: roas },
    as(writer),
  );
  expect(created.body.errors).toBeUndefined();
  const mine = created.body.data!.createAlertRule;
  expect(mine.rule.roasBelow).toEqual({ threshold: '2.5', trailingDays: 7, minSpend: '0' });
  expect(mine.webhookSigningSecret).toBeNull();

  // Without alerts:write: refused before anything runs.
  const refused = await stack.gql(CREATE, { input: roas }, as(reader));
  expect(refused.status).toBe(403);
  expect(refused.body.errors?.[0]?.extensions?.missingScopes).toEqual(['alerts:write']);
  // LOW_STOCK reads products: the writer lacks products:read.
  const lowStock = await stack.gql(CREATE, { input: { shopId, lowStock: { skuId: '1', threshold: 3 } } }, as(writer));
  expect(lowStock.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  expect(lowStock.body.errors?.[0]?.message).toContain('products:read');
  // A shop the client cannot read is not found; a bad input names its field; an unlisted URL is refused.
  const hidden = await stack.gql(CREATE, { input: roas }, as(narrow));
  expect(hidden.body.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  const two = await stack.gql(CREATE, { input: { shopId, roasBelow: { threshold: '1' }, slaRisk: { withinHours: 4 } } }, as(writer));
  expect(two.body.errors?.[0]?.message).toBe('input: give exactly one of lowStock, roasBelow and slaRisk, got roasBelow and slaRisk');
  const zero = await stack.gql(CREATE, { input: { shopId, roasBelow: { threshold: '0' } } }, as(writer));
  expect(zero.body.errors?.[0]?.extensions?.argumentName).toBe('input.roasBelow.threshold');
  const url = await stack.gql(CREATE, { input: { ...roas, webhookUrl: 'https://evil.example.net/x' } }, as(writer));
  expect(url.body.errors?.[0]?.extensions?.argumentName).toBe('input.webhookUrl');
  const hooked = await stack.gql<{ createAlertRule: { webhookSigningSecret: string } }>(
    CREATE,
    { input: { ...roas, webhookUrl: 'https://hooks.example.com/shopgraph/a' } },
    as(writer),
  );
  expect(hooked.body.data?.createAlertRule.webhookSigningSecret).toMatch(/^whsec_[\w-]{43}$/);
  // The third rule is past alerts.maxRulesPerClient (2).
  const third = await stack.gql(CREATE, { input: { shopId: secondShop, roasBelow: { threshold: '3', trailingDays: 14, minSpend: '50.00' } } }, as(writer));
  expect(third.body.errors?.[0]?.message).toContain('alerts.maxRulesPerClient');

  // Another client sees none of them and cannot delete them.
  expect((await stack.gql<{ alertRules: unknown[] }>(RULES, {}, as(other))).body.data).toEqual({ alertRules: [] });
  const stolen = await stack.gql(DELETE, { id: mine.rule.id }, as(other));
  expect(stolen.body.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  const listed = await stack.gql<{ alertRules: { id: string }[] }>(RULES, {}, as(writer));
  expect(listed.body.data?.alertRules.map((r) => r.id)).toHaveLength(2);
  expect(listed.body.data?.alertRules[0]).toEqual({ id: mine.rule.id, shopId, kind: 'ROAS_BELOW' });

  const deleted = await stack.gql(DELETE, { id: mine.rule.id }, as(writer));
  expect(deleted.body.data).toEqual({ deleteAlertRule: { id: mine.rule.id } });
  expect((await stack.gql<{ alertRules: unknown[] }>(RULES, {}, as(writer))).body.data?.alertRules).toHaveLength(1);
});
