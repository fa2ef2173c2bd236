/**
 * What the generator needs to know about each TikTok Shop market: currency, the shop time zone
 * docs/metrics.md assigns to the region, and how prices, shipping, tax and fees look there.
 */
import { D, type Dec } from './money';

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
  /** US sales tax is added on top of prices; elsewhere prices include VAT, so `tax` is 0. */
  salesTaxRates: readonly number[];
  /** TikTok's commission on revenue, and the VAT/GST it charges on its fees. */
  commissionRate: number;
  feeTaxKey: 'vat_amount' | 'gst_amount' | null;
  feeTaxRate: number;
  paymentMethods: readonly string[];
  /** A second ad account zone for shops with two advertisers (America/New_York for the US). */
  altTimezone: string;
}

const P = (region: string, currency: string, timezone: string, rest: Omit<RegionProfile, 'region' | 'currency' | 'timezone'>): RegionProfile =>
  ({ region, currency, timezone, ...rest });

/** Markets in the order shops are assigned to them: US first (USD), IDR third (zero-decimal). */
export const REGIONS: readonly RegionProfile[] = [
  P('US', 'USD', 'America/Los_Angeles', {
    priceStep: new D('0.01'), priceMin: 6, priceMax: 89, shippingFee: new D('5.99'), freeShippingFrom: new D(35),
    salesTaxRates: [0.06, 0.0725, 0.0825, 0.095], commissionRate: 0.06, feeTaxKey: null, feeTaxRate: 0,
    paymentMethods: ['Credit card', 'PayPal', 'Apple Pay'], altTimezone: 'America/New_York',
  }),
  P('GB', 'GBP', 'Europe/London', {
    priceStep: new D('0.01'), priceMin: 4, priceMax: 69, shippingFee: new D('2.99'), freeShippingFrom: new D(25),
    salesTaxRates: [], commissionRate: 0.09, feeTaxKey: 'vat_amount', feeTaxRate: 0.2,
    paymentMethods: ['Credit card', 'PayPal', 'Klarna'], altTimezone: 'Europe/Dublin',
  }),
  P('ID', 'IDR', 'Asia/Jakarta', {
    priceStep: new D(100), priceMin: 25000, priceMax: 900000, shippingFee: new D(15000), freeShippingFrom: new D(150000),
    salesTaxRates: [], commissionRate: 0.04, feeTaxKey: null, feeTaxRate: 0,
    paymentMethods: ['GoPay', 'DANA', 'Bank transfer'], altTimezone: 'Asia/Makassar',
  }),
  P('MY', 'MYR', 'Asia/Kuala_Lumpur', {
    priceStep: new D('0.10'), priceMin: 9, priceMax: 199, shippingFee: new D('4.90'), freeShippingFrom: new D(60),
    salesTaxRates: [], commissionRate: 0.05, feeTaxKey: 'gst_amount', feeTaxRate: 0.08,
    paymentMethods: ['Touch n Go', 'Credit card'], altTimezone: 'Asia/Singapore',
  }),
  P('JP', 'JPY', 'Asia/Tokyo', {
    priceStep: new D(10), priceMin: 800, priceMax: 12000, shippingFee: new D(500), freeShippingFrom: new D(3000),
    salesTaxRates: [], commissionRate: 0.08, feeTaxKey: null, feeTaxRate: 0,
    paymentMethods: ['Credit card', 'PayPay'], altTimezone: 'Asia/Seoul',
  }),
];

/** The profile of a region code; unknown regions get the US profile with their own code. */
export function regionProfile(region: string): RegionProfile {
  return REGIONS.find((r) => r.region === region) ?? { ...(REGIONS[0] as RegionProfile), region };
}
