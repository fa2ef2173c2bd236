import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Shape limits of one operation; each is a validation rule that names itself when it refuses. */
export interface OperationLimits {
  /** Nested field levels (introspection's own nesting is not counted). @default 12 */
  maxDepth: number;
  /** Aliased fields, counted in every fragment spread where they end up. @default 15 */
  maxAliases: number;
  /** Directive uses, counted the same way. @default 50 */
  maxDirectives: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 15, maxDirectives: 50 };

interface Measure {
  depth: number;
  aliases: number;
  directives: number;
}

const NONE: Measure = { depth: 0, aliases: 0, directives: 0 };
/** Introspection nests `ofType` a dozen levels deep by design; its shape is fixed and cheap. */
const INTROSPECTION = new Set(['__schema', '__type']);

/** Measures a selection set, fragments expanded (each measured once; a cycle counts as nothing). */
function measure(
  set: SelectionSetNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
  memo: Map<string, Measure>,
  visiting: Set<string>,
): Measure {
  let depth = 0;
  let aliases = 0;
  let directives = 0;
  for (const selection of set.selections) {
    directives += selection.directives?.length ?? 0;
    let inner = NONE;
    if (selection.kind === Kind.FIELD) {
      if (INTROSPECTION.has(selection.name.value)) continue;
      if (selection.alias) aliases += 1;
      const child = selection.selectionSet ? measure(selection.selectionSet, fragment, memo, visiting) : NONE;
      inner = { ...child, depth: child.depth + 1 };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, fragment, memo, visiting);
    } else {
      const name = selection.name.value;
      const definition = fragment(name);
      if (!definition || visiting.has(name)) continue; // unknown or cyclic: other rules report it
      let known = memo.get(name);
      if (!known) {
        visiting.add(name);
        const body = measure(definition.selectionSet, fragment, memo, visiting);
        visiting.delete(name);
        known = { ...body, directives: body.directives + (definition.directives?.length ?? 0) };
        memo.set(name, known);
      }
      inner = known;
    }
    depth = Math.max(depth, inner.depth);
    aliases += inner.aliases;
    directives += inner.directives;
  }
  return { depth, aliases, directives };
}

function refusal(what: string, actual: number, limit: string, maximum: number, operation: OperationDefinitionNode): GraphQLError {
  return new GraphQLError(`${what} ${actual} exceeds the limit of ${maximum} (${limit})`, {
    nodes: operation,
    extensions: { limit, maximum, actual },
  });
}

/** A validation rule enforcing the depth, alias and directive limits on each operation. */
export function operationLimitsRule(limits: OperationLimits = DEFAULT_LIMITS): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const memo = new Map<string, Measure>();
      const m = measure(operation.selectionSet, (name) => context.getFragment(name) ?? undefined, memo, new Set());
      const directives = m.directives + (operation.directives?.length ?? 0);
      if (m.depth > limits.maxDepth) context.reportError(refusal('Query depth', m.depth, 'maxDepth', limits.maxDepth, operation));
      if (m.aliases > limits.maxAliases) context.reportError(refusal('Alias count', m.aliases, 'maxAliases', limits.maxAliases, operation));
      if (directives > limits.maxDirectives) {
        context.reportError(refusal('Directive count', directives, 'maxDirectives', limits.maxDirectives, operation));
      }
      return false;
    },
  });
}
