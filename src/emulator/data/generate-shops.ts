/**
 * Generated shops and their catalogs: one shop per market in `REGIONS` order (so any demo with
 * three shops has USD, GBP and zero-decimal IDR), each with products, SKUs, prices and stock.
 * Both seller types are there: the UK and Malaysian shops sell cross-border (a global seller's
 * shops), the others locally — so the default three shops show a local seller with and one
 * without SEA rules beside a cross-border one, as statements, payments and search prices differ
 * by seller type (docs/tiktok-api.md).
 */
import { D, money, round } from './money';
import { REGIONS, type RegionProfile } from './regions';
import { Rng } from './rng';
import type { PartnerProduct } from './shapes';
import type { ShopState } from './state';

const DAY = 86400;

const BRANDS = ['Aurora', 'Lumen', 'Kiko Lane', 'Northwind', 'Sora', 'Maple & Co', 'Verde', 'Hanami'];

const ITEMS: readonly (readonly [string, string, readonly string[]])[] = [
  ['Vitamin C Brightening Serum 30ml', 'Beauty & Personal Care', ['30ml', '50ml']],
  ['Wireless Earbuds with Charging Case', 'Phones & Electronics', ['Black', 'White', 'Lilac']],
  ['High-Waist Yoga Leggings', 'Womenswear', ['S', 'M', 'L', 'XL']],
  ['Clear Magnetic Phone Case', 'Phones & Electronics', ['iPhone 15', 'iPhone 16', 'Galaxy S24']],
  ['Smart LED Strip Lights 5m', 'Home Supplies', ['5m', '10m']],
  ['Insulated Steel Water Bottle 1L', 'Kitchenware', ['Sage', 'Sand', 'Navy']],
  ['Matte Hair Claw Clips (4 pack)', 'Fashion Accessories', ['Neutral', 'Pastel']],
  ['Portable Mini Blender', 'Home Appliances', ['Pink', 'Mint']],
  ['Hydrating Lip Gloss Set', 'Beauty & Personal Care', ['Nude', 'Berry', 'Coral']],
  ['Feather Wand Cat Toy', 'Pet Supplies', ['Single']],
  ['Bamboo Desk Organizer', 'Home Supplies', ['Small', 'Large']],
  ['Mulberry Silk Pillowcase', 'Textiles & Soft Furnishings', ['Ivory', 'Champagne', 'Black']],
];

/** Statuses besides ACTIVATE, at fixed catalog positions so every demo shop shows them. */
const OFF_SALE: Readonly<Record<number, PartnerProduct['status']>> = { 9: 'SELLER_DEACTIVATED', 10: 'DRAFT', 11: 'PLATFORM_DEACTIVATED' };

/** Markets whose generated shop sells cross-border. */
const CROSS_BORDER = new Set(['GB', 'MY']);

/**
 * The tax a cross-border seller's display price includes there (UK VAT, Malaysia's sales tax on
 * imported goods): `tax_exclusive_price` is the price without it.
 */
const CROSS_BORDER_TAX: Readonly<Record<string, number>> = { GB: 0.2, MY: 0.1 };

/**
 * Catalog positions whose Indonesian products are listed on Tokopedia only: TikTok sends them
 * without `status` (Search Products, Get Product), with `integrated_platform_statuses` instead.
 * They are on sale there, so orders still name them.
 */
const TOKOPEDIA_ONLY = new Set([6, 7]);

/** A SKU price as Get Product shows it to the shop's seller type. */
function skuPrice(shop: ShopState, amount: InstanceType<typeof D>): PartnerProduct['skus'][number]['price'] {
  const cur = shop.profile.currency;
  if (shop.shop.seller_type !== 'CROSS_BORDER') return { currency: cur, sale_price: money(amount, cur) };
  const pretax = round(amount.div(1 + (CROSS_BORDER_TAX[shop.shop.region] ?? 0)), cur);
  return { currency: cur, sale_price: money(amount, cur), tax_exclusive_price: money(pretax, cur) };
}

function price(rng: Rng, p: RegionProfile): InstanceType<typeof D> {
  const raw = new D(p.priceMin + rng.next() * (p.priceMax - p.priceMin));
  const stepped = raw.div(p.priceStep).floor().times(p.priceStep);
  // Two-decimal markets price at .99 / .49 like real listings.
  return p.priceStep.lt(1) ? stepped.floor().plus(rng.pick(['0.99', '0.49', '0.00'])) : stepped;
}

function cipher(rng: Rng, region: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let body = '';
  for (let i = 0; i < 32; i++) body += alphabet[rng.int(0, alphabet.length - 1)];
  return (region === 'US' ? 'TTP_' : 'ROW_') + body;
}

/** TikTok's sample cross-border ciphers start `GCP_`; the random part stays the same. */
function crossBorderCipher(localCipher: string): string {
  return `GCP_${localCipher.slice(4)}`;
}

function buildProducts(rng: Rng, shop: ShopState, warehouseId: string, start: number, now: number): void {
  const p = shop.profile;
  const brand = { id: rng.id('7000', 19), name: rng.pick(BRANDS) };
  ITEMS.forEach(([title, category, variants], i) => {
    const productId = rng.id('1729', 19);
    const created = start - rng.int(20, 400) * DAY;
    const base = price(rng, p);
    const status = OFF_SALE[i] ?? 'ACTIVATE';
    const tokopediaOnly = p.region === 'ID' && status === 'ACTIVATE' && TOKOPEDIA_ONLY.has(i);
    const product: PartnerProduct = {
      id: productId,
      title,
      description: `<p>${title} by ${brand.name}.</p>`,
      ...(tokopediaOnly ? { integrated_platform_statuses: [{ platform: 'TOKOPEDIA', status }] } : { status }),
      category_chains: [
        { id: rng.id('6000', 6), parent_id: '0', local_name: category, is_leaf: false },
        { id: rng.id('6', 6), parent_id: '0', local_name: title.split(' ').slice(-1)[0] ?? title, is_leaf: true },
      ],
      brand,
      main_images: [
        {
          uri: `tos-maliva-i-o3syd03w52-us/${productId}`,
          urls: [`https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/${productId}~tplv-o3syd03w52-origin-jpeg.jpeg`],
          width: 800,
          height: 800,
        },
      ],
      skus: variants.map((variant, v) => {
        const amount = v === 0 ? base : base.plus(p.priceStep.times(rng.int(0, 3) * (p.priceStep.lt(1) ? 100 : 10)));
        const skuId = rng.id('1729', 19);
        const sellerSku = `${title.slice(0, 3).toUpperCase()}-${variant.replace(/\W/g, '').toUpperCase()}-${i}${v}`;
        if (status === 'ACTIVATE') {
          shop.catalog.push({ product_id: productId, product_name: title, sku_id: skuId, sku_name: variant, seller_sku: sellerSku, price: amount });
        }
        return {
          id: skuId,
          seller_sku: sellerSku,
          price: skuPrice(shop, amount),
          // One SKU per shop is sold out: stock-outs are what inventory queries are for.
          inventory: [{ warehouse_id: warehouseId, quantity: i === 1 && v === 0 ? 0 : rng.int(3, 600) }],
          sales_attributes: [{ id: '100000', name: 'Variant', value_id: rng.id('7', 19), value_name: variant }],
        };
      }),
      create_time: created,
      // Off-sale products changed recently; the rest were last edited at a random time.
      update_time: status === 'ACTIVATE' ? rng.int(created, now - DAY) : now - rng.int(1, 5) * DAY,
    };
    shop.products.push(product);
  });
  const giftId = rng.id('1729', 19);
  const giftSku = rng.id('1729', 19);
  shop.products.push({
    id: giftId,
    title: 'Free Gift: Travel Pouch',
    description: '<p>Free with selected orders.</p>',
    status: 'ACTIVATE',
    category_chains: [],
    brand,
    main_images: [],
    create_time: start - 30 * DAY,
    update_time: start - 30 * DAY,
    skus: [{ id: giftSku, seller_sku: 'GIFT-POUCH', price: skuPrice(shop, p.priceStep), inventory: [{ warehouse_id: warehouseId, quantity: 999 }] }],
  });
  shop.gift = { product_id: giftId, product_name: 'Free Gift: Travel Pouch', sku_id: giftSku, sku_name: 'Default', seller_sku: 'GIFT-POUCH', price: new D(0) };
  // A product the seller deleted: Get Product answers "The product does not exist" (12052032)
  // and Search Products lists it only when asked for DELETED ones. Drawn last, so the draws
  // of the products above stay as they were.
  const deletedId = rng.id('1729', 19);
  shop.products.push({
    id: deletedId,
    title: 'Retired: Linen Tote Bag',
    description: '<p>No longer sold.</p>',
    status: 'DELETED',
    category_chains: [],
    brand,
    main_images: [],
    create_time: start - 300 * DAY,
    update_time: start - 10 * DAY,
    skus: [{ id: rng.id('1729', 19), seller_sku: 'RET-TOTE', price: skuPrice(shop, price(rng, p)), inventory: [{ warehouse_id: warehouseId, quantity: 0 }] }],
  });
}

/** Creates `count` shops with catalogs and buyer pools (orders come later). */
export function generateShops(seed: string, count: number, start: number, now: number, buyersPerShop: number): ShopState[] {
  return Array.from({ length: count }, (_, index) => {
    const profile = REGIONS[index % REGIONS.length] as RegionProfile;
    const rng = new Rng(seed, 'shop', index);
    const copy = Math.floor(index / REGIONS.length);
    const brand = rng.pick(BRANDS);
    const shop: ShopState = {
      index,
      shop: {
        id: rng.id('7494', 19),
        name: `${brand} ${profile.region}${copy ? ` ${copy + 1}` : ''}`,
        region: profile.region,
        seller_type: CROSS_BORDER.has(profile.region) ? 'CROSS_BORDER' : 'LOCAL',
        cipher: CROSS_BORDER.has(profile.region) ? crossBorderCipher(cipher(rng, profile.region)) : cipher(rng, profile.region),
        code: `${profile.region}LC${rng.digits(4)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`,
        currency: profile.currency,
        timezone: profile.timezone,
      },
      profile,
      products: [],
      catalog: [],
      buyers: Array.from({ length: buyersPerShop }, () => rng.id('7494', 19)),
      plans: new Map(),
      plannedDays: new Set(),
      revision: 0,
      orders: new Map(),
      returns: new Map(),
      cancellations: new Map(),
      statements: [],
      transactions: new Map(),
      webhooks: new Map(),
    };
    buildProducts(rng, shop, rng.id('7', 19), start, now);
    return shop;
  });
}
