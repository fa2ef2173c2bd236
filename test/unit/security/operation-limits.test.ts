import { getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import { operationLimitsRule } from '../../../src/security/operation-limits';

const schema = buildShopGraphSchema();
const LIMITS = { maxDepth: 12, maxAliases: 15, maxDirectives: 50 };
const refusals = (query: string): Record<string, unknown>[] =>
  validate(schema, parse(query), [...specifiedRules, operationLimitsRule(LIMITS)])
    .filter((e) => e.extensions.limit)
    .map((e) => ({ message: e.message, ...e.extensions }));

/** `{ order(...) { shop { order(id) { shop { ... } } } } }`: legal and as deep as asked. */
function deep(levels: number): string {
  let inner = 'id';
  for (let i = 1; i < levels - 1; i++) inner = i % 2 ? `shop { ${inner} }` : `order(id: "1") { ${inner} }`;
  return `{ order(shopId: "1", id: "1") { ${inner} } }`;
}

describe('operation limits', () => {
  it('refuses depth over the limit, naming it', () => {
    expect(refusals(deep(12))).toEqual([]);
    expect(refusals(deep(13))).toEqual([{ message: 'Query depth 13 exceeds the limit of 12 (maxDepth)', limit: 'maxDepth', maximum: 12, actual: 13 }]);
  });

  it('counts aliases and directives inside fragments, once per spread', () => {
    const fragment = 'fragment F on Shop { a: id b: name c: code d: region e: currency }';
    expect(refusals(`{ shop(id: "1") { ...F ...F ...F } } ${fragment}`)).toEqual([]);
    expect(refusals(`{ x: shop(id: "1") { ...F } y: shop(id: "2") { ...F } z: shop(id: "3") { ...F } w: shop(id: "4") { id } } ${fragment}`)).toEqual([
      { message: 'Alias count 19 exceeds the limit of 15 (maxAliases)', limit: 'maxAliases', maximum: 15, actual: 19 },
    ]);
    const directives = Array.from({ length: 51 }, (_, i) => `f${i}: __typename @include(if: true)`).join(' ');
    expect(refusals(`{ ${directives} }`).map((r) => r.limit)).toEqual(['maxAliases', 'maxDirectives']);
  });

  it('lets the introspection query through (its nesting is fixed) and does not loop on fragment cycles', () => {
    expect(refusals(getIntrospectionQuery())).toEqual([]);
    const cyclic = validate(schema, parse('{ shop(id: "1") { ...A } } fragment A on Shop { ...B } fragment B on Shop { ...A }'), [
      ...specifiedRules,
      operationLimitsRule(LIMITS),
    ]);
    expect(cyclic.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/Cannot spread fragment "A" within itself/)]));
  });
});
