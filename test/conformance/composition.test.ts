/**
 * ShopGraph beside a typical second subgraph: one that defines the usual value types itself
 * (`Money`, Relay's `PageInfo`) and extends ShopGraph's `Shop` and `Order` by key. The committed
 * `schema.graphql` must compose with it in two independent composers: Apollo's and The Guild's
 * (what Hive Gateway and Hive's schema registry use).
 */
import { readFileSync } from 'node:fs';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { composeServices as composeWithTheGuild, compositionHasErrors } from '@theguild/federation-composition';
import { parse, type DocumentNode } from 'graphql';
import { SCHEMA_FILE } from '../../src/schema/emit-schema';
import { SECOND_SUBGRAPH_SDL } from './second-subgraph';

const shopGraph = (): DocumentNode => parse(readFileSync(SCHEMA_FILE, 'utf8'));
const services = (typeDefs: DocumentNode) => [
  { name: 'shopgraph', typeDefs, url: 'http://shopgraph.invalid/graphql' },
  { name: 'loyalty', typeDefs: parse(SECOND_SUBGRAPH_SDL), url: 'http://loyalty.invalid/graphql' },
];

/** schema.graphql as it was before Money and PageInfo were shareable. */
function withoutShareable(): DocumentNode {
  return parse(readFileSync(SCHEMA_FILE, 'utf8').replace(/\n {2}@shareable\n/g, '\n'));
}

describe('composing schema.graphql with a subgraph that also defines Money and PageInfo', () => {
  it('succeeds with Apollo composition', () => {
    const result = composeWithApollo(services(shopGraph()));
    expect(result.errors?.map((e) => `${String(e.extensions.code)}: ${e.message}`) ?? []).toEqual([]);
    expect(result.supergraphSdl).toMatch(/loyaltyBalance: Money!/);
    expect(result.supergraphSdl).toMatch(/shippingQuote: Money/);
  });

  it('succeeds with The Guild’s composition', () => {
    const result = composeWithTheGuild(services(shopGraph()));
    if (compositionHasErrors(result)) throw new Error(result.errors.map((e) => e.message).join('\n'));
    expect(result.supergraphSdl).toMatch(/loyaltyBalance: Money!/);
    // The cost directives reach the supergraph for a router's demand control.
    expect(result.supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(result.supergraphSdl).toContain('sizedFields: ["edges", "nodes"]');
  });

  it('would fail in both without @shareable on ShopGraph’s value types (what this guards)', () => {
    const apollo = composeWithApollo(services(withoutShareable()));
    expect(apollo.errors?.map((e) => e.extensions.code)).toContain('INVALID_FIELD_SHARING');
    const guild = composeWithTheGuild(services(withoutShareable()));
    expect(compositionHasErrors(guild) ? guild.errors.map((e) => e.extensions.code) : []).toContain('INVALID_FIELD_SHARING');
  });
});
