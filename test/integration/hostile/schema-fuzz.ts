import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import { idArguments } from '../../../src/security/input-guards';

/**
 * Operations built from ShopGraph's schema itself, so a field added tomorrow is fuzzed without
 * being listed: every ID argument (in lists and input objects too) and every `after` cursor.
 */
const schema = buildShopGraphSchema();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY = isoDay(Date.now());
const WEEK_AGO = isoDay(Date.now() - 7 * 86_400_000);

/** A valid value of an input type (required fields only), with `shopId`s naming `shop`. */
export function sample(type: GraphQLInputType, shop: string): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType, shop)];
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isInputObjectType(inner)) {
    if (inner.name === 'DateRange') return { from: WEEK_AGO, to: TODAY };
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(fields.map((f) => [f.name, sample(f.type, shop)]));
  }
  switch (inner.name) {
    case 'ID':
      return shop;
    case 'Int':
      return 1;
    case 'Boolean':
      return true;
    case 'Decimal':
      return '1';
    case 'Date':
      return TODAY;
    case 'DateTime':
      return new Date().toISOString();
    default:
      return 'x';
  }
}

/**
 * `value` (of `type`) with `junk` put where `path` says ('' itself, '[]' each element, '.x' a
 * field). An optional input field on the way, absent from the sample, is filled in with a sample
 * of its own, so the junk reaches the id however deep it sits.
 */
function plant(type: GraphQLInputType, value: unknown, path: string, junk: unknown, shop: string): unknown {
  if (path === '') return junk;
  const inner = getNullableType(type);
  if (path.startsWith('[]') && isListType(inner)) return [plant(inner.ofType, (value as unknown[])[0], path.slice(2), junk, shop)];
  const [, field = '', rest = ''] = /^\.(\w+)(.*)$/.exec(path) ?? [];
  const fieldType = isInputObjectType(inner) ? inner.getFields()[field]?.type : undefined;
  if (!fieldType) throw new Error(`${String(type)} has no input field ${field}`);
  const current = (value as Record<string, unknown>)[field] ?? sample(fieldType, shop);
  return { ...(value as Record<string, unknown>), [field]: plant(fieldType, current, rest, junk, shop) };
}

/** One operation calling `Type.field` with every argument as a variable. */
export interface FuzzOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

function operation(typeName: string, field: GraphQLField<unknown, unknown>, values: Record<string, unknown>, shop: string): FuzzOperation {
  const defined = field.args.filter((a) => a.name in values);
  const declarations = defined.map((a) => `$${a.name}: ${String(a.type)}`);
  const call = `${field.name}${defined.length ? `(${defined.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}`;
  const selection = isCompositeType(getNamedType(field.type)) ? `${call} { __typename }` : call;
  const body = typeName === 'Shop' ? `shop(id: $shopOfField) { ${selection} }` : selection;
  const keyword = typeName === 'Mutation' ? 'mutation' : 'query';
  const all = typeName === 'Shop' ? [...declarations, '$shopOfField: ID!'] : declarations;
  return {
    name: `${typeName}.${field.name}`,
    query: `${keyword}${all.length ? `(${all.join(', ')})` : ''} { ${body} }`,
    variables: { ...values, ...(typeName === 'Shop' ? { shopOfField: shop } : {}) },
  };
}

function fieldOf(typeName: string, fieldName: string): GraphQLField<unknown, unknown> {
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  if (!field) throw new Error(`${typeName}.${fieldName} is not in the schema`);
  return field;
}

/** Required arguments with valid values, the ones a call needs beside what is fuzzed. */
function required(field: GraphQLField<unknown, unknown>, shop: string): Record<string, unknown> {
  return Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, sample(a.type, shop)]));
}

/** Junk where a TikTok id belongs. */
export const JUNK_IDS = ['abc', '1'.repeat(100), '-1', '1.5', '', ' 1', '１２', '1e5', '0x10', '1;DROP'];

/** Every ID argument of the schema (reachable from Query, Mutation or a Shop), with `junk` in it. */
export function junkIdOperations(shop: string, junk: string): FuzzOperation[] {
  return idArguments(schema)
    .filter((a) => ['Query', 'Mutation', 'Shop'].includes(a.type))
    .flatMap((a) =>
      a.paths.map((path) => {
        const field = fieldOf(a.type, a.field);
        const arg = field.args.find((x) => x.name === a.arg)!;
        const values = { ...required(field, shop), [a.arg]: plant(arg.type, sample(arg.type, shop), path, junk, shop) };
        return { ...operation(a.type, field, values, shop), name: `${a.type}.${a.field}(${a.arg}${path})` };
      }),
    );
}

/** Every connection of a shop (a field with `after`), asked with `after: cursor` and `first`. */
export function cursorOperations(shop: string, cursor: (field: string) => string): FuzzOperation[] {
  const type = schema.getType('Shop');
  if (!isObjectType(type)) return [];
  return Object.values(type.getFields())
    .filter((f) => f.args.some((a) => a.name === 'after'))
    .map((f) => operation('Shop', f, { ...required(f, shop), first: 2, after: cursor(f.name) }, shop));
}
