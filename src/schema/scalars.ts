import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTime as LuxonDateTime } from 'luxon';

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Literal and value failures throw plain errors: graphql-js then says which type was expected
// ("Expected value of type \"Date!\", found ...") and ShopGraph names the argument.
function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw new TypeError(`${scalar} must be given as a string, got ${ast.kind.toLowerCase()}`);
  return ast.value;
}

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new TypeError(`Decimal must be a string like "1234.50", got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value) || !LuxonDateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw new TypeError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseDateTime(value: unknown): Date {
  // Only full ISO-8601 timestamps with an explicit offset: a bare date or local time is ambiguous.
  if (typeof value === 'string' && /T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const parsed = LuxonDateTime.fromISO(value, { setZone: true });
    if (parsed.isValid) return parsed.toJSDate();
  }
  throw new TypeError(`DateTime must be ISO-8601 with a time zone, e.g. "2026-11-01T10:00:00Z", got ${JSON.stringify(value)}`);
}

/** An exact decimal number carried as a string, never a float. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.50". Never a float.',
  serialize: parseDecimal,
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(literalString(ast, 'Decimal')),
});

/** A calendar date `YYYY-MM-DD`; which time zone it is in is stated beside it. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date YYYY-MM-DD (in the time zone named next to it).',
  serialize: parseDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literalString(ast, 'Date')),
});

/** An instant, serialized as ISO-8601 in UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 timestamp in UTC.',
  serialize: (value) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().replace('.000Z', 'Z');
    throw new GraphQLError('DateTime: not a valid instant');
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literalString(ast, 'DateTime')),
});

/** Unix seconds (TikTok's time format) to a Date. */
export function fromUnixSeconds(seconds: number): Date {
  return new Date(seconds * 1000);
}
