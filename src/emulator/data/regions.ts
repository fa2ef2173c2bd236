/**
 * What the generator needs to know about each TikTok Shop market: currency, the shop time zone
 * docs/metrics.md assigns to the region, and how prices, shipping, tax, fees, payment and carriers
 * look there (docs/tiktok-api.md, Orders: the `payment` fields by region, cash on delivery).
 */
import { D, type Dec } from './money';

/** A fee the buyer pays on some orders of a market, beside the items and shipping. */
export interface BuyerFee {
  /** The field of `payment` TikTok writes it in. */
  field: 'retail_delivery_fee' | 'small_order_fee' | 'buyer_service_fee';
  amount: Dec;
  /** Share of orders that pay it (each order draws). */
  share: number;
  /** Only orders whose `sub_total` is below this pay it (Thailand's small order fee). */
  below?: Dec;
}

/** A market profile. Amounts are in the market's currency. */
export interface RegionProfile {
  region: string;
  currency: string;
  timezone: string;
  /** Smallest price increment sellers use (IDR prices end in hundreds). */
  priceStep: Dec;
  /** Product price range, in major units. */
  priceMin: number;
  priceMax: number;
  shippingFee: Dec;
  freeShippingFrom: Dec;
  /**
   * US sales tax is added on top of prices (`tax`, `product_tax`, `shipping_fee_tax`, per-line
   * `item_tax`); elsewhere local prices include VAT and TikTok sends no tax fields at all.
   */
  salesTaxRates: readonly number[];
  /** TikTok's commission on revenue, and the VAT/GST it charges on its fees. */
  commissionRate: number;
  feeTaxKey: 'vat_amount' | 'gst_amount' | null;
  feeTaxRate: number;
  /** Prepaid methods, as `payment_method_name` shows them. */
  paymentMethods: readonly string[];
  /** Share of orders paid cash on delivery: 0 outside the COD markets (VN, ID, TH, PH, MY). */
  codShare: number;
  /** Fees only this market charges buyers. */
  buyerFees: readonly BuyerFee[];
  /** Southeast Asia: 202309 order views carry fulfilment hints for open orders. */
  sea: boolean;
  /** Carriers that collect the market's parcels. */
  carriers: readonly string[];
  /** A second ad account zone for shops with two advertisers (America/New_York for the US). */
  altTimezone: string;
}

/** `payment_method_name` of a cash-on-delivery order, as TikTok writes it. */
export const COD_PAYMENT_METHOD = 'Cash on delivery';

const P = (region: string, currency: string, timezone: string, rest: Omit<RegionProfile, 'region' | 'currency' | 'timezone'>): RegionProfile => ({
  region,
  currency,
  timezone,
  ...rest,
});

/**
 * Markets in the order shops are assigned to them: US first (USD), IDR third (zero-decimal,
 * cash on delivery), then the other COD markets after the original five so datasets of up to
 * five shops keep their markets.
 */
export const REGIONS: readonly RegionProfile[] = [
  P('US', 'USD', 'America/Los_Angeles', {
    priceStep: new D('0.01'),
    priceMin: 6,
    priceMax: 89,
    shippingFee: new D('5.99'),
    freeShippingFrom: new D(35),
    salesTaxRates: [0.06, 0.0725, 0.0825, 0.095],
    commissionRate: 0.06,
    feeTaxKey: null,
    feeTaxRate: 0,
    paymentMethods: ['CCDC', 'PayPal', 'Apple Pay'],
    codShare: 0,
    // Colorado's retail delivery fee, on the few orders shipped there.
    buyerFees: [{ field: 'retail_delivery_fee', amount: new D('0.28'), share: 0.03 }],
    sea: false,
    carriers: ['USPS', 'UPS', 'FedEx'],
    altTimezone: 'America/New_York',
  }),
  P('GB', 'GBP', 'Europe/London', {
    priceStep: new D('0.01'),
    priceMin: 4,
    priceMax: 69,
    shippingFee: new D('2.99'),
    freeShippingFrom: new D(25),
    salesTaxRates: [],
    commissionRate: 0.09,
    feeTaxKey: 'vat_amount',
    feeTaxRate: 0.2,
    paymentMethods: ['CCDC', 'PayPal', 'Klarna'],
    codShare: 0,
    buyerFees: [],
    sea: false,
    carriers: ['Royal Mail', 'Evri', 'DPD'],
    altTimezone: 'Europe/Dublin',
  }),
  P('ID', 'IDR', 'Asia/Jakarta', {
    priceStep: new D(100),
    priceMin: 25000,
    priceMax: 900000,
    shippingFee: new D(15000),
    freeShippingFrom: new D(150000),
    salesTaxRates: [],
    commissionRate: 0.04,
    feeTaxKey: null,
    feeTaxRate: 0,
    paymentMethods: ['GoPay', 'DANA', 'Bank transfer'],
    codShare: 0.35,
    // Charged from a buyer's fifth order on: about half of the orders.
    buyerFees: [{ field: 'buyer_service_fee', amount: new D(1000), share: 0.5 }],
    sea: true,
    carriers: ['J&T Express', 'SiCepat', 'JNE'],
    altTimezone: 'Asia/Makassar',
  }),
  P('MY', 'MYR', 'Asia/Kuala_Lumpur', {
    priceStep: new D('0.10'),
    priceMin: 9,
    priceMax: 199,
    shippingFee: new D('4.90'),
    freeShippingFrom: new D(60),
    salesTaxRates: [],
    commissionRate: 0.05,
    feeTaxKey: 'gst_amount',
    feeTaxRate: 0.08,
    paymentMethods: ['Touch n Go', 'CCDC'],
    codShare: 0.25,
    buyerFees: [],
    sea: true,
    carriers: ['J&T Express', 'Ninja Van', 'Pos Laju'],
    altTimezone: 'Asia/Singapore',
  }),
  P('JP', 'JPY', 'Asia/Tokyo', {
    priceStep: new D(10),
    priceMin: 800,
    priceMax: 12000,
    shippingFee: new D(500),
    freeShippingFrom: new D(3000),
    salesTaxRates: [],
    commissionRate: 0.08,
    feeTaxKey: null,
    feeTaxRate: 0,
    paymentMethods: ['CCDC', 'PayPay'],
    codShare: 0,
    buyerFees: [],
    sea: false,
    carriers: ['Yamato Transport', 'Sagawa Express', 'Japan Post'],
    altTimezone: 'Asia/Seoul',
  }),
  P('TH', 'THB', 'Asia/Bangkok', {
    priceStep: new D(1),
    priceMin: 39,
    priceMax: 1290,
    shippingFee: new D(35),
    freeShippingFrom: new D(300),
    salesTaxRates: [],
    commissionRate: 0.05,
    feeTaxKey: 'vat_amount',
    feeTaxRate: 0.07,
    paymentMethods: ['TrueMoney Wallet', 'CCDC', 'PromptPay'],
    codShare: 0.45,
    // A small order fee when the items cost less than the platform's minimum spend.
    buyerFees: [{ field: 'small_order_fee', amount: new D(10), share: 1, below: new D(300) }],
    sea: true,
    carriers: ['Flash Express', 'J&T Express', 'Kerry Express'],
    altTimezone: 'Asia/Ho_Chi_Minh',
  }),
  P('VN', 'VND', 'Asia/Ho_Chi_Minh', {
    priceStep: new D(1000),
    priceMin: 39000,
    priceMax: 890000,
    shippingFee: new D(20000),
    freeShippingFrom: new D(300000),
    salesTaxRates: [],
    commissionRate: 0.05,
    feeTaxKey: 'vat_amount',
    feeTaxRate: 0.1,
    paymentMethods: ['MoMo', 'ZaloPay', 'CCDC'],
    codShare: 0.6,
    buyerFees: [],
    sea: true,
    carriers: ['J&T Express', 'Giao Hàng Nhanh', 'Ninja Van'],
    altTimezone: 'Asia/Bangkok',
  }),
  P('PH', 'PHP', 'Asia/Manila', {
    priceStep: new D(1),
    priceMin: 99,
    priceMax: 2499,
    shippingFee: new D(45),
    freeShippingFrom: new D(500),
    salesTaxRates: [],
    commissionRate: 0.05,
    feeTaxKey: 'vat_amount',
    feeTaxRate: 0.12,
    paymentMethods: ['GCash', 'Maya', 'CCDC'],
    codShare: 0.6,
    buyerFees: [],
    sea: true,
    carriers: ['J&T Express', 'Flash Express', 'Ninja Van'],
    altTimezone: 'Asia/Hong_Kong',
  }),
];

/** The profile of a region code; unknown regions get the US profile with their own code. */
export function regionProfile(region: string): RegionProfile {
  return REGIONS.find((r) => r.region === region) ?? { ...(REGIONS[0] as RegionProfile), region };
}
