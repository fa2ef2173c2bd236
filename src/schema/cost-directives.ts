/**
 * ShopGraph's cost model (`src/security/cost.ts`) declared in the schema with the cost spec's
 * `@cost` and `@listSize` (Federation 2.9), so Apollo Router's demand control estimates what
 * ShopGraph charges. Router weighs objects 1 and leaves 0 as ShopGraph does; what it needs told:
 *
 * - a field with `first` sizes its list by it (`slicingArguments`), or, returning a connection,
 *   every list of the connection (`sizedFields`: `edges`, `nodes`);
 * - every other list of objects counts {@link UNSIZED_LIST_ELEMENTS} element, as ShopGraph counts
 *   lists no argument sizes (without it Router would apply its own default list size);
 * - arguments cost nothing (Router charges 1 per input object otherwise);
 * - a field returning a value type (`Metric`, `Money`) costs nothing, its selections included.
 *
 * What only a running operation knows — a window's days and buckets, the caller's shops, the
 * metric names asked — Router counts as one, so its estimate never exceeds ShopGraph's: a router
 * with the same maximum never refuses what ShopGraph admits, and ShopGraph refuses the rest with
 * its exact figure (README, Federation).
 * @see https://ibm.github.io/graphql-specs/cost-spec.html
 */
import {
  Kind,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';
import { SLICING_ARGUMENT, UNSIZED_LIST_ELEMENTS, VALUE_TYPES } from '../security/cost';

const named = (type: TypeNode): NamedTypeNode => (type.kind === Kind.NAMED_TYPE ? type : named(type.type));
const isList = (type: TypeNode): boolean => type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isList(type.type));
const int = (value: number): ConstValueNode => ({ kind: Kind.INT, value: String(value) });
const strings = (values: readonly string[]): ConstValueNode => ({ kind: Kind.LIST, values: values.map((value) => ({ kind: Kind.STRING, value })) });
const bool = (value: boolean): ConstValueNode => ({ kind: Kind.BOOLEAN, value });

function directive(name: string, args: Record<string, ConstValueNode>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).map(([key, value]) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: key }, value })),
  };
}

/** `@cost(weight: 0)`: ShopGraph charges nothing for what a caller passes. */
const FREE = directive('cost', { weight: int(0) });

/** Adds `@cost` and `@listSize` to a subgraph's type definitions, from ShopGraph's cost model. */
export function withCostDirectives(typeDefs: DocumentNode): DocumentNode {
  const kinds = new Map<string, Kind>();
  for (const definition of typeDefs.definitions) if ('name' in definition && definition.name) kinds.set(definition.name.value, definition.kind);
  const isComposite = (type: TypeNode): boolean => {
    const kind = kinds.get(named(type).name.value);
    return kind === Kind.OBJECT_TYPE_DEFINITION || kind === Kind.INTERFACE_TYPE_DEFINITION || kind === Kind.UNION_TYPE_DEFINITION;
  };
  /** Per object type, its lists of objects: what `first` sizes when a field returns that type. */
  const lists = new Map<string, string[]>();
  for (const d of typeDefs.definitions) {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION)
      lists.set(
        d.name.value,
        (d.fields ?? []).filter((f) => isList(f.type) && isComposite(f.type)).map((f) => f.name.value),
      );
  }
  const free = (input: InputValueDefinitionNode): InputValueDefinitionNode =>
    kinds.get(named(input.type).name.value) === Kind.INPUT_OBJECT_TYPE_DEFINITION ? { ...input, directives: [...(input.directives ?? []), FREE] } : input;

  function listSize(field: FieldDefinitionNode): ConstDirectiveNode | undefined {
    if (!isComposite(field.type)) return undefined; // leaves cost nothing, however many
    const slicing = field.arguments?.find((a) => a.name.value === SLICING_ARGUMENT);
    const sliced = slicing !== undefined;
    if (isList(field.type)) {
      // An optional `first` without a default (the portfolio's): omitted, the list counts as an unsized one.
      const unsized: Record<string, ConstValueNode> = sliced && !slicing.defaultValue ? { assumedSize: int(UNSIZED_LIST_ELEMENTS) } : {};
      if (sliced) return directive('listSize', { ...unsized, slicingArguments: strings([SLICING_ARGUMENT]), requireOneSlicingArgument: bool(false) });
      return directive('listSize', { assumedSize: int(UNSIZED_LIST_ELEMENTS) });
    }
    const sized = lists.get(named(field.type).name.value) ?? [];
    if (!sliced || sized.length === 0) return undefined;
    return directive('listSize', { slicingArguments: strings([SLICING_ARGUMENT]), sizedFields: strings(sized), requireOneSlicingArgument: bool(false) });
  }
  const withField = (field: FieldDefinitionNode): FieldDefinitionNode => {
    const size = listSize(field);
    // A value of its parent (a Metric, a Money) costs nothing, as ShopGraph counts it.
    const value = VALUE_TYPES.has(named(field.type).name.value) ? [FREE] : [];
    const added = [...value, ...(size ? [size] : [])];
    return { ...field, arguments: field.arguments?.map(free), directives: added.length ? [...(field.directives ?? []), ...added] : field.directives };
  };
  const definitions = typeDefs.definitions.map((d): DefinitionNode => {
    switch (d.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        return { ...d, fields: d.fields?.map(withField) };
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        return { ...d, fields: d.fields?.map(free) };
      default:
        return d;
    }
  });
  return { ...typeDefs, definitions };
}
