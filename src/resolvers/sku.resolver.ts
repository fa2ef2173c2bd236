/**
 * A SKU's prices. Product search gives `sale_price` to cross-border sellers only; a local seller's
 * search row has `tax_exclusive_price` alone, so `price` reads `sale_price` from product detail
 * (which has it for every seller), through the request's product loader and the shared cache: one
 * detail call per product, made only when `price` is asked for.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { roundMoney } from '../domain/money';
import { money, Money } from '../schema/types/common';
import { Sku } from '../schema/types/product';
import type { GraphContext } from './context';
import { readable } from './rejected';

@Resolver(() => Sku)
export class SkuPriceResolver {
  @FieldResolver(() => Money, {
    nullable: true,
    description: "The display price before discounts (TikTok's sale_price); null when TikTok gives none, even in product detail.",
  })
  async price(@Root() sku: Sku, @Ctx() ctx: GraphContext): Promise<Money | null> {
    const own = sku.priceParts;
    if (own.salePrice !== null && own.currency !== null) return money(roundMoney(own.salePrice, own.currency), own.currency);
    const detail = await readable(ctx.loaders.product.load({ shopId: sku.shopId, id: sku.productId }));
    const price = detail?.skus.find((s) => s.id === sku.id)?.price;
    const currency = price?.currency ?? own.currency;
    return price?.sale_price !== undefined && currency !== null ? money(roundMoney(price.sale_price, currency), currency) : null;
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      "TikTok's tax_exclusive_price: a local seller's display price, a cross-border seller's price before tax, shipping and fees; null when TikTok gave none.",
  })
  taxExclusivePrice(@Root() sku: Sku): Money | null {
    const { taxExclusivePrice: amount, currency } = sku.priceParts;
    return amount !== null && currency !== null ? money(roundMoney(amount, currency), currency) : null;
  }
}
