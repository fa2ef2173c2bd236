import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { bucketize, requestWindowProblem, windowDayCount, type Granularity } from '../domain/window';

/** Largest `first` a connection accepts (Shopify's limit): the cost model counts a list as this long at most. */
export const MAX_FIRST = 250;

/**
 * Query cost, Shopify's model: scalars and enums 0, objects 1, a field with `first` costs `first`
 * times its node, a metric field (one with a `range`) costs one per started 30 days of its window
 * instead of 1, and a series as many buckets as its window has. Values computed from what their
 * parent read ({@link VALUE_TYPES}: a `Metric`, a `Money`) cost nothing, like scalars. Lists
 * that are not sized by an argument (line items, SKUs, refunds, advertisers) count as one
 * element; `shops` and `metrics` without `shopIds` count the caller's shops (`metrics` at most
 * its `first`). An argument the field will refuse (`first` over 250, a bad or too long window)
 * costs nothing: the field fails before any upstream call, and the caller gets that argument's
 * error rather than a cost refusal. The same walk over the response gives the actual cost.
 *
 * Why a window costs per 30 days, not per day: metric windows are answered from the ledgers' day
 * aggregates (microseconds a day, from memory) and their history is read in the background, a
 * bounded number of shops at a time, never by the query (docs/storage.md); ad reports are read
 * in 30-day spans (one call each). So a page of 100 shops' dashboard tiles over 90 days costs
 * 100 × 3 and fits the default maximum; a day-by-day series still costs each of its buckets.
 */
export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  /** Coerced variable values. */
  variables: Record<string, unknown>;
  /** How many shops the caller sees (what `shops` and portfolio `metrics` return). */
  shopCount: number;
}

interface Scope {
  days: number;
  buckets: number;
  names: number;
  /** Set on a connection's children: `edges` and `nodes` hold `first` elements. */
  connectionSize?: number;
}

/**
 * The argument that sizes a list: the field's own when it returns a list, else every list the
 * object it returns holds (a connection's `edges` and `nodes`).
 */
export const SLICING_ARGUMENT = 'first';
/** What a list no argument sizes counts for (line items, SKUs, refunds, advertisers, campaigns). */
export const UNSIZED_LIST_ELEMENTS = 1;
/** Objects that are values of their parent, computed from what it read: they cost nothing. */
export const VALUE_TYPES: ReadonlySet<string> = new Set(['Metric', 'Money']);
/** Days of a window that cost one (TikTok's ad report spans are 30 days). */
export const WINDOW_DAYS_PER_UNIT = 30;

/** Stands for "not executed yet" in the walk: sizes come from arguments, not from data. */
const STATIC = Symbol('static');
type Data = unknown;

/** Cost of the operation before it runs (an upper bound of what it can return). */
export function requestedCost(input: CostInput): number {
  return walkOperation(input, STATIC);
}

/** Cost of what the operation returned: list sizes and nulls from `data`. */
export function actualCost(input: CostInput, data: Record<string, unknown> | null | undefined): number {
  return data ? walkOperation(input, data) : 0;
}

function walkOperation(input: CostInput, data: Data): number {
  const operation = input.document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!input.operationName || d.name?.value === input.operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;
  const root = input.schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of input.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const walker = new Walker(input, fragments);
  return walker.selections(operation.selectionSet, root, { days: 1, buckets: 1, names: 1 }, data);
}

class Walker {
  /** Per selection set and type, its fields: the same for every element of a list. */
  private readonly fieldSets = new Map<SelectionSetNode, Map<GraphQLObjectType, FieldNode[]>>();
  /** Per field node and definition, its argument values: likewise. */
  private readonly argValues = new Map<FieldNode, Map<GraphQLField<unknown, unknown>, Record<string, unknown>>>();

  constructor(
    private readonly input: CostInput,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
  ) {}

  selections(set: SelectionSetNode, type: GraphQLCompositeType, scope: Scope, data: Data): number {
    if (!isAbstractType(type)) return this.concrete(set, type, scope, data);
    // One of the possible types applies per element: the costliest when it is not known.
    const typename = data !== STATIC ? (data as { __typename?: unknown }).__typename : undefined;
    const candidates = this.input.schema.getPossibleTypes(type).filter((t) => typename === undefined || t.name === typename);
    return Math.max(0, ...candidates.map((t) => this.concrete(set, t, scope, data)));
  }

  private concrete(set: SelectionSetNode, type: GraphQLObjectType, scope: Scope, data: Data): number {
    let byType = this.fieldSets.get(set);
    if (!byType) this.fieldSets.set(set, (byType = new Map()));
    let nodes = byType.get(type);
    if (!nodes) byType.set(type, (nodes = this.fieldsOf(set, type, new Set())));
    const fields = type.getFields();
    let sum = 0;
    for (const node of nodes) {
      const field = fields[node.name.value];
      if (field) sum += this.field(node, field, type, scope, data);
    }
    return sum;
  }

  /** The field nodes that apply to `type`, fragments expanded (a cycle is expanded once). */
  private fieldsOf(set: SelectionSetNode, type: GraphQLObjectType, seen: Set<string>): FieldNode[] {
    const out: FieldNode[] = [];
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (!s.typeCondition || this.applies(s.typeCondition.name.value, type)) out.push(...this.fieldsOf(s.selectionSet, type, seen));
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = this.fragments.get(s.name.value);
        if (fragment && this.applies(fragment.typeCondition.name.value, type)) out.push(...this.fieldsOf(fragment.selectionSet, type, seen));
      }
    }
    return out;
  }

  private applies(condition: string, type: GraphQLObjectType): boolean {
    const target = this.input.schema.getType(condition);
    if (!target) return false;
    return target === type || (isAbstractType(target) && this.input.schema.isSubType(target, type));
  }

  private field(node: FieldNode, field: GraphQLField<unknown, unknown>, parent: GraphQLObjectType, scope: Scope, data: Data): number {
    const named = getNamedType(field.type);
    if (isLeafType(named) || node.name.value.startsWith('__') || !node.selectionSet) return 0;
    let value: Data = STATIC;
    if (data !== STATIC) {
      value = (data as Record<string, unknown> | null)?.[node.alias?.value ?? node.name.value];
      if (value === null || value === undefined) return 0;
    }
    const args = this.args(field, node);
    const child: Scope = { days: scope.days, buckets: scope.buckets, names: scope.names };
    let own = VALUE_TYPES.has(named.name) ? 0 : 1;
    const range = args.range as { from?: unknown; to?: unknown } | undefined;
    if (range) {
      const window = usableWindow(range);
      if (!window) return 0;
      own = Math.ceil(window.days / WINDOW_DAYS_PER_UNIT);
      child.days = window.days;
      const granularity = (args.granularity as Granularity | undefined) ?? 'DAY';
      child.buckets = granularity === 'DAY' ? window.days : bucketize(window, granularity).length;
    }
    if (Array.isArray(args.names)) child.names = args.names.length;
    const isList = isListType(getNullableType(field.type));
    const first = typeof args[SLICING_ARGUMENT] === 'number' ? args[SLICING_ARGUMENT] : undefined;
    if (first !== undefined && !(Number.isInteger(first) && first >= 0 && first <= MAX_FIRST)) return 0;
    if (first !== undefined && !isList) child.connectionSize = first;
    const selection = node.selectionSet;
    const element = (d: Data) => own + (isObjectType(named) || isAbstractType(named) ? this.selections(selection, named, child, d) : 0);
    if (!isList) return element(value);
    if (value !== STATIC) return (value as Data[]).reduce<number>((sum, d) => sum + (d === null ? 0 : element(d)), 0);
    return this.listSize(`${parent.name}.${field.name}`, args, scope, first) * element(STATIC);
  }

  /** How many elements a list may hold, before it runs. */
  private listSize(coordinate: string, args: Record<string, unknown>, scope: Scope, first: number | undefined): number {
    if (coordinate === 'Query.metrics') {
      const shops = Array.isArray(args.shopIds) ? args.shopIds.length : this.input.shopCount;
      return first === undefined ? shops : Math.min(first, shops);
    }
    if (first !== undefined) return first;
    switch (coordinate) {
      case 'Query.shops':
        return this.input.shopCount;
      case 'Query._entities':
        return Array.isArray(args.representations) ? args.representations.length : 1;
      case 'ShopMetrics.series':
        return scope.buckets;
      case 'CampaignMetrics.series':
        return scope.buckets;
      case 'MetricPoint.metrics':
        return scope.names;
      default:
        return scope.connectionSize ?? UNSIZED_LIST_ELEMENTS;
    }
  }

  private args(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    let byField = this.argValues.get(node);
    if (!byField) this.argValues.set(node, (byField = new Map()));
    let values = byField.get(field);
    if (!values) {
      try {
        values = getArgumentValues(field, node, this.input.variables);
      } catch {
        values = {}; // a bad argument fails execution before any resolver runs
      }
      byField.set(field, values);
    }
    return values;
  }
}

/**
 * The window and the days it touches (both ends inclusive); undefined when the resolver will
 * refuse it — the same check as `checkRange`, so a window reaching before TikTok Shop or past
 * tomorrow costs nothing and answers its BAD_USER_INPUT.
 */
function usableWindow(range: { from?: unknown; to?: unknown }): { from: string; to: string; days: number } | undefined {
  const window = { from: String(range.from), to: String(range.to) };
  if (requestWindowProblem(window)) return undefined;
  return { ...window, days: windowDayCount(window) };
}
