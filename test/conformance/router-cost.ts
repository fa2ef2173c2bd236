/**
 * Apollo Router's static cost estimate (demand control, `static_estimated`), written for the tests
 * from Router's documented algorithm and independently of ShopGraph's cost code: it reads only the
 * `@cost` and `@listSize` directives of a subgraph SDL.
 *
 * - an operation costs its fields (a mutation 10 more);
 * - a field costs `count × (weight + its selections) + its arguments`, where weight is its
 *   `@cost` or 1 for an object (0 for a leaf), and count is 1, or for a list its `@listSize`:
 *   the largest slicing argument given (or its default), else `assumedSize`, else — for a field
 *   named in its parent's `sizedFields` — the parent's size, else Router's `list_size` setting;
 * - an argument costs its `@cost` (an input object 1 by default, plus its fields; a list the sum
 *   of its elements; anything else 0).
 * @see https://ibm.github.io/graphql-specs/cost-spec.html
 */
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isListType,
  Kind,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type FieldNode,
  type GraphQLInputField,
  type GraphQLArgument,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
} from 'graphql';

/** Router's `demand_control.strategy.static_estimated.list_size` for lists the schema does not size. */
export const ROUTER_DEFAULT_LIST_SIZE = 10;

type Vars = Record<string, unknown>;

function argument(directive: ConstDirectiveNode | undefined, name: string): unknown {
  const arg = directive?.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

const directiveOf = (node: { directives?: readonly ConstDirectiveNode[] } | null | undefined, name: string) =>
  node?.directives?.find((d) => d.name.value === name);

/** The subgraph schema a router reads (federation directives left undefined, as in schema.graphql). */
export function routerSchema(sdl: string): GraphQLSchema {
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

function inputCost(value: unknown, definition: GraphQLArgument | GraphQLInputField): number {
  const weight = argument(directiveOf(definition.astNode, 'cost'), 'weight') as number | undefined;
  if (value === null || value === undefined) return 0;
  const type = getNamedType(definition.type);
  if (Array.isArray(value)) return (weight ?? 0) + value.reduce<number>((sum, v) => sum + inputCost(v, definition), 0);
  if (isInputObjectType(type) && typeof value === 'object') {
    const fields = type.getFields();
    return (weight ?? 1) + Object.entries(value).reduce((sum, [k, v]) => sum + (fields[k] ? inputCost(v, fields[k]) : 0), 0);
  }
  return weight ?? 0;
}

/** Router's estimate of `document` against `schema`. */
export function routerCost(schema: GraphQLSchema, document: DocumentNode, variables: Vars = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  const root = schema.getRootType(operation.operation)!;

  const valueOf = (node: ValueNode): unknown => valueFromASTUntyped(node, variables);

  function selections(set: SelectionSetNode, parent: GraphQLCompositeType, sized?: { size?: number; fields: Set<string> }): number {
    let sum = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) sum += field(s, parent, sized?.fields.has(s.name.value) ? sized.size : undefined);
      else if (s.kind === Kind.INLINE_FRAGMENT)
        sum += selections(s.selectionSet, s.typeCondition ? (schema.getType(s.typeCondition.name.value) as GraphQLCompositeType) : parent, sized);
      else {
        const fragment = fragments.get(s.name.value)!;
        sum += selections(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType, sized);
      }
    }
    return sum;
  }

  function field(node: FieldNode, parent: GraphQLCompositeType, fromParent: number | undefined): number {
    if (node.name.value === '__typename' || !('getFields' in parent)) return 0;
    const definition = parent.getFields()[node.name.value];
    if (!definition) throw new Error(`unknown field ${parent.name}.${node.name.value}`);
    const listSize = directiveOf(definition.astNode, 'listSize');
    const slicing = (argument(listSize, 'slicingArguments') as string[] | undefined) ?? [];
    const given = new Map(node.arguments?.map((a) => [a.name.value, valueOf(a.value)]) ?? []);
    const slices = slicing
      .map((name) => given.get(name) ?? definition.args.find((a) => a.name === name)?.defaultValue)
      .filter((v): v is number => typeof v === 'number');
    const expected = slices.length > 0 ? Math.max(...slices) : (argument(listSize, 'assumedSize') as number | undefined);
    const count = !isListType(getNullableType(definition.type)) ? 1 : (fromParent ?? expected ?? ROUTER_DEFAULT_LIST_SIZE);
    const weight = argument(directiveOf(definition.astNode, 'cost'), 'weight') as number | undefined;
    const named = getNamedType(definition.type);
    let typeCost = weight ?? (isCompositeType(named) ? 1 : 0);
    if (node.selectionSet && isCompositeType(named)) {
      const sizedFields = argument(listSize, 'sizedFields') as string[] | undefined;
      typeCost += selections(node.selectionSet, named, { size: expected, fields: new Set(sizedFields ?? []) });
    }
    let argumentsCost = 0;
    for (const [name, value] of given) {
      const arg = definition.args.find((a) => a.name === name);
      if (arg) argumentsCost += inputCost(value, arg);
    }
    return count * typeCost + argumentsCost;
  }

  return (operation.operation === 'mutation' ? 10 : 0) + selections(operation.selectionSet, root);
}
