import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar } from '../scalars';

@ObjectType({ description: "A SKU's stock in one warehouse, as TikTok's Inventory Search gives it." })
export class WarehouseStock {
  @Field(() => ID, { nullable: true, description: 'Null when TikTok did not say.' }) warehouseId!: string | null;
  @Field(() => Int, { nullable: true, description: 'Units available for ordering here (available_quantity); null when TikTok sent none.' })
  available!: number | null;
  @Field(() => Int, { nullable: true, description: 'Units reserved by existing orders here (committed_quantity); null when TikTok sent none.' })
  committed!: number | null;
}

@ObjectType({ description: 'A SKU\'s stock and how long it lasts at the recent pace (docs/metrics.md, "Inventory").' })
export class SkuInventory {
  @Field(() => Int, {
    nullable: true,
    description: 'Units buyers can still order, over all warehouses (total_available_quantity); null when TikTok sent none.',
  })
  available!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "Units reserved by existing orders and not available (total_committed_quantity): TikTok's reserved figure.",
  })
  committed!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "What is left for the shop after TikTok's campaign and creator allocations; null when TikTok sent no distribution.",
  })
  inShopAvailable!: number | null;
  @Field(() => [WarehouseStock]) warehouses!: WarehouseStock[];
  @Field(() => Boolean, { nullable: true, description: 'available = 0; null when available is unknown.' }) outOfStock!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'available ≤ lowStockThreshold (out of stock included); null when available is unknown.' })
  lowStock!: boolean | null;
  @Field(() => Int, { description: 'The threshold lowStock used.' }) lowStockThreshold!: number;
  @Field(() => Int, { description: 'Trailing complete shop-local days whose sales set the pace (unitsSold, dailyUnits, daysOfCover).' })
  salesDays!: number;
  @Field(() => DateTimeScalar, { description: 'When TikTok gave these quantities.' }) asOf!: Date;
  @Field({ description: 'Served from an older copy because TikTok was failing.' }) stale!: boolean;
  /** For the sales-pace fields. */
  shopId!: string;
  skuId!: string;
}

@ObjectType({ description: "The sales pace behind a SKU's days of cover." })
export class SalesPace {
  @Field(() => Int, { nullable: true, description: 'Units (line items) of the SKU in orders counted on the trailing days, cancelled orders left out.' })
  unitsSold!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'unitsSold / salesDays, 6 decimals.' }) dailyUnits!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'available / dailyUnits, 1 decimal: days the available units last.' })
  daysOfCover!: string | null;
  @Field(() => String, { nullable: true, description: 'Why daysOfCover is null.' }) nullReason!: string | null;
  @Field(() => DateTimeScalar, { description: 'The order data the units reflect.' }) asOf!: Date;
}
