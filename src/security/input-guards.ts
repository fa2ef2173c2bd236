import {
  defaultFieldResolver,
  getNullableType,
  GraphQLID,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badUserInput } from '../errors';
import { decimalIdProblem } from './decimal-id';

/** Where the ids of an input value are, as paths into it (`''` is the value itself). */
type IdPaths = string[];

/** Paths of the ID leaves under an input type (`[]` = every element, `.x` = a field). */
function idPaths(type: GraphQLInputType, seen: Set<string> = new Set()): IdPaths {
  const inner = getNullableType(type);
  if (inner === GraphQLID) return [''];
  if (isListType(inner)) return idPaths(inner.ofType, seen).map((p) => `[]${p}`);
  if (isInputObjectType(inner) && !seen.has(inner.name)) {
    seen.add(inner.name);
    return Object.values(inner.getFields()).flatMap((f) => idPaths(f.type, seen).map((p) => `.${f.name}${p}`));
  }
  return [];
}

/** Throws BAD_USER_INPUT naming the first id under `value` at `path` that is not a TikTok id. */
function checkIds(value: unknown, path: string, name: string): void {
  if (value === null || value === undefined) return;
  if (path === '') {
    const problem = decimalIdProblem(value);
    if (problem) throw badUserInput(name, problem);
    return;
  }
  if (path.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((v, i) => checkIds(v, path.slice(2), `${name}[${i}]`));
    return;
  }
  const [, field = '', rest = ''] = /^\.(\w+)(.*)$/.exec(path) ?? [];
  checkIds((value as Record<string, unknown>)[field], rest, `${name}.${field}`);
}

/**
 * Hardens ShopGraph's executable schema, whichever server runs it (the subgraph server, or the
 * gateway executing it in-process): every argument of type ID (in lists and input objects too)
 * must be a TikTok id before its resolver runs (the graph's assembly adds the `_entities` guard
 * of its representations, resolvers/entities.ts). Junk ids are the caller's BAD_USER_INPUT, not an internal
 * error from deep inside an upstream client.
 */
export function hardenSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const checks = field.args.flatMap((arg) => idPaths(arg.type).map((path) => ({ name: arg.name, path })));
      if (checks.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, ctx, info) => {
        for (const { name, path } of checks) checkIds(args[name], path, name);
        return resolve(source, args, ctx, info);
      };
      // A subscription field checks its ids before it starts listening, too.
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args: Record<string, unknown>, ctx, info) => {
          for (const { name, path } of checks) checkIds(args[name], path, name);
          return subscribe(source, args, ctx, info);
        };
      }
    }
  }
  return schema;
}

/** Every argument (as `Type.field(arg)`) {@link hardenSchema} checks: the tests fuzz each one. */
export function idArguments(schema: GraphQLSchema): { type: string; field: string; arg: string; paths: IdPaths }[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('__'))
    .flatMap((type) =>
      Object.values(type.getFields()).flatMap((field) =>
        field.args.map((arg) => ({ type: type.name, field: field.name, arg: arg.name, paths: idPaths(arg.type) })).filter((a) => a.paths.length > 0),
      ),
    );
}
