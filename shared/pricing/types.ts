// Contract of the pure pricing function (architecture invariant 5). The register calls it for
// instant display; the server calls it again as the authority when committing a sale.

import type { Unit } from '../schemas/common.ts';

/** A manual discount entered by a cashier (needs permission) with the reason shown on the receipt. */
export type ManualDiscount =
  | { kind: 'percent'; valueBp: number; reason: string }
  | { kind: 'amount'; amount: number; reason: string };

export interface CartLineInput {
  /** Client-made id of the cart line, stable while the cart is open. */
  lineId: string;
  productId: string;
  name: string;
  unit: Unit;
  /** Thousandths of the unit: 1000 = one piece or one kg (so grams for kg items). */
  quantityMilli: number;
  /** Price per unit (per piece or per kg), tax included, in minor units. */
  unitPrice: number;
  /** Tax rate in basis points (2000 = 20 %); prices include tax. */
  taxRateBp: number;
  categoryId?: string | null;
  /** False for goods that never get automatic or manual discounts (tobacco, for example). */
  discountable: boolean;
  /**
   * Lowest unit price automatic discounts may bring the line to (cost plus the outlet's minimum
   * margin, computed by the server); absent when the owner allows selling below cost.
   */
  floorUnitPrice?: number | null;
  manualDiscount?: ManualDiscount | null;
}

export interface PricingCustomer {
  id: string;
  /** Customer category code (pensioner, gold, ...); its discount comes from a rule or the category. */
  categoryCode?: string | null;
  /** Shown in the discount reason ("Gold card −10%"); the code is used when it is missing. */
  categoryName?: string | null;
  categoryDiscountBp?: number;
  personalDiscountBp?: number;
  /** Purchases minus returns over the outlet's spend period (for spend tiers), minor units. */
  cumulativeSpend?: number;
}

/** Automatic discount rules. Issue 4 adds more kinds; the engine ignores kinds it does not know. */
export type DiscountRule =
  | {
      id: string;
      name: string;
      kind: 'customer-category';
      categoryCode: string;
      percentBp: number;
      /** Optional weekly windows in the outlet's local time, e.g. pensioners' hours. */
      windows?: { days: number[]; from: string; to: string }[];
    }
  | {
      id: string;
      name: string;
      kind: 'receipt-total';
      /** Tiers by receipt subtotal (before discounts): the highest reached applies. */
      tiers: { minSubtotal: number; percentBp: number }[];
    }
  | {
      id: string;
      name: string;
      kind: 'spend-tier';
      /** Card tiers by the customer's cumulative spend: the highest reached applies ("Gold card"). */
      tiers: { name: string; minSpend: number; percentBp: number }[];
    }
  | {
      id: string;
      name: string;
      kind: 'promotion';
      productIds?: string[];
      categoryIds?: string[];
      percentBp: number;
      /** Local dates, inclusive ("2026-12-01"). */
      validFrom?: string;
      validTo?: string;
      /** Goods on an exclusive promotion get no other automatic discount (the default). */
      exclusive?: boolean;
    };

/** How automatic discounts combine on a line: the best one, or added up to a cap. */
export type Combination = { mode: 'best' } | { mode: 'stack'; capBp: number };

export interface PricingInput {
  lines: CartLineInput[];
  customer?: PricingCustomer | null;
  rules: DiscountRule[];
  receiptDiscount?: ManualDiscount | null;
  /** Best single discount when absent. */
  combination?: Combination;
  /** Local wall-clock time of the sale, ISO 8601 without zone ("2026-11-23T10:15:00"). */
  localTime: string;
}

/**
 * Where a discount comes from: entered by the cashier (on a line or the receipt), the customer's
 * category (a customer-category rule or the category's own rate), a card tier by spend, a
 * receipt-total tier, a promotion, or the customer's personal rate.
 */
export type DiscountSource = 'manual' | 'category' | 'card-tier' | 'receipt-total' | 'promotion' | 'personal';

export interface AppliedDiscount {
  source: DiscountSource;
  ruleId?: string;
  /**
   * Printed on the receipt beside the amount: what was given, e.g. "Pensioner −5%"; when the
   * discount cap or the line's floor cut it, the share really given and why ("Gold card −5.5%
   * (−10% cut by the minimum margin)").
   */
  reason: string;
  amount: number;
  /** What cut an automatic discount below its own percentage (absent when nothing did). */
  cutBy?: 'cap' | 'floor';
}

export interface PricedLine {
  lineId: string;
  /** round_half_up(quantityMilli × unitPrice / 1000): the one rounding point of a line. */
  grossAmount: number;
  discounts: AppliedDiscount[];
  discountAmount: number;
  /** grossAmount − discountAmount, never below 0. */
  amount: number;
  taxRateBp: number;
  /** Tax contained in `amount` (prices include tax), rounded half-up per line. */
  taxAmount: number;
}

export interface PricedCart {
  lines: PricedLine[];
  subtotal: number;
  discountTotal: number;
  total: number;
  taxTotal: number;
  /** One row per tax rate: net base, tax, gross. */
  taxes: { rateBp: number; net: number; tax: number; gross: number }[];
  /** Discounts summed by reason for the receipt footer. */
  discountSummary: AppliedDiscount[];
}
