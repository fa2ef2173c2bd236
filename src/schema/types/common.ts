import { Directive, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../scalars';

/**
 * Value types other subgraphs define too (money, Relay's page info) are `@shareable`: without it
 * any subgraph that also declares them fails to compose with ShopGraph.
 */
@Directive('@shareable')
@ObjectType({ description: 'An exact amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: "Exact decimal amount, rounded to the currency's minor unit." })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currency!: string;
}

/** Builds a Money value. */
export function money(amount: string, currency: string): Money {
  return Object.assign(new Money(), { amount, currency });
}

/**
 * What every list of upstream rows says about rows TikTok sent that ShopGraph cannot read: they are
 * never left out silently, but answered as null with an error at their path.
 */
export const UNREADABLE_ROWS =
  'A row TikTok sent without what ShopGraph needs is null at its place, with an error (code UPSTREAM_UNAVAILABLE, extensions.rejectedRow) saying what was missing.';

@Directive('@shareable')
@ObjectType({ description: 'Relay page information for a connection.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the last one returned.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item returned; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@InputType({ description: "A window of calendar days, both ends inclusive, in the shop's time zone." })
export class DateRange {
  @Field(() => DateScalar, { description: 'First day (inclusive).' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day (inclusive).' })
  to!: string;
}

export enum Granularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(Granularity, {
  name: 'Granularity',
  description: 'How a series splits its window: days, ISO weeks (Monday first) or calendar months; edges clipped to the window.',
});
