import { allocate, lineGross, percentOf, taxIncluded } from '../money.ts';
import type { AppliedDiscount, CartLineInput, DiscountRule, ManualDiscount, PricedCart, PricedLine, PricingInput } from './types.ts';

// The one pure function that decides what a customer pays (architecture invariant 5).
//
// Order of work, each step rounding half-up once per line:
//   1. gross = quantity × unit price per line;
//   2. automatic discounts, per discountable line without a manual discount: the candidates are
//      the cart's (customer-category rule in its time window, the customer's category or personal
//      percentage, receipt-total tier, spend tier) and the line's promotions; an exclusive
//      promotion shuts out the others. By default the best one applies; in stack mode they add up
//      to a cap. Automatic discounts never take a line below its floor (cost + minimum margin);
//   3. a manual line discount replaces the automatic one on its line;
//   4. a manual receipt discount comes off what is left of the discountable lines, percent per
//      line, or an amount allocated in proportion so the parts add up exactly;
//   5. tax is contained in each line's amount (prices include tax).

interface Candidate {
  percentBp: number;
  /** Where it comes from and what it is called on the receipt, without its percentage. */
  discount: Pick<AppliedDiscount, 'source' | 'ruleId'> & { name: string };
  exclusive?: boolean;
}

/**
 * A manual discount as a share of what it is given on (the line's gross, or the subtotal for a
 * receipt discount), in basis points: the measure of role limits and of approvals.
 */
export function manualDiscountShareBp(discount: { kind: 'percent'; valueBp: number } | { kind: 'amount'; amount: number }, base: number): number {
  if (discount.kind === 'percent') return discount.valueBp;
  return base > 0 ? Math.min(10_000, Math.ceil((discount.amount * 10_000) / base)) : 10_000;
}

export function priceCart(input: PricingInput): PricedCart {
  const gross = input.lines.map((l) => lineGross(l.quantityMilli, l.unitPrice));
  const subtotal = gross.reduce((s, g) => s + g, 0);
  const cartCandidates = automaticCandidates(input, subtotal);
  const combination = input.combination ?? { mode: 'best' };

  const lineDiscounts: AppliedDiscount[][] = input.lines.map(() => []);
  const remaining = [...gross];

  input.lines.forEach((line, i) => {
    if (!line.discountable || remaining[i] <= 0) return;
    const manual = line.manualDiscount;
    if (manual) {
      const amount = Math.min(remaining[i], manual.kind === 'percent' ? percentOf(remaining[i], manual.valueBp) : manual.amount);
      if (amount > 0) lineDiscounts[i].push({ source: 'manual', reason: manual.reason, amount });
      remaining[i] -= amount;
    } else {
      const promotions = promotionCandidates(line, input.rules, input.localTime);
      const candidates = promotions.some((p) => p.exclusive) ? promotions : [...cartCandidates, ...promotions];
      const floor = line.floorUnitPrice != null ? lineGross(line.quantityMilli, line.floorUnitPrice) : 0;
      let room = Math.max(0, remaining[i] - floor);
      for (const { candidate, percentBp } of combine(candidates, combination)) {
        const full = percentOf(gross[i], percentBp);
        const amount = Math.min(room, full);
        if (amount <= 0) continue;
        const cutBy = amount < full ? 'floor' : percentBp < candidate.percentBp ? 'cap' : undefined;
        lineDiscounts[i].push(automaticDiscount(candidate, amount, gross[i], cutBy));
        remaining[i] -= amount;
        room -= amount;
      }
    }
  });

  if (input.receiptDiscount) applyReceiptDiscount(input.receiptDiscount, input.lines, remaining, lineDiscounts);

  const lines: PricedLine[] = input.lines.map((line, i) => {
    const discountAmount = gross[i] - remaining[i];
    return {
      lineId: line.lineId,
      grossAmount: gross[i],
      discounts: lineDiscounts[i],
      discountAmount,
      amount: remaining[i],
      taxRateBp: line.taxRateBp,
      taxAmount: taxIncluded(remaining[i], line.taxRateBp),
    };
  });

  const total = lines.reduce((s, l) => s + l.amount, 0);
  return {
    lines,
    subtotal,
    discountTotal: subtotal - total,
    total,
    taxTotal: lines.reduce((s, l) => s + l.taxAmount, 0),
    taxes: taxRows(lines),
    discountSummary: summarise(lineDiscounts.flat()),
  };
}

function applyReceiptDiscount(discount: ManualDiscount, lines: CartLineInput[], remaining: number[], out: AppliedDiscount[][]): void {
  const eligible = lines.map((l, i) => (l.discountable ? remaining[i] : 0));
  const base = eligible.reduce((s, a) => s + a, 0);
  if (base === 0) return;
  const parts =
    discount.kind === 'percent'
      ? eligible.map((a) => percentOf(a, discount.valueBp))
      : allocate(Math.min(discount.amount, base), eligible);
  parts.forEach((amount, i) => {
    if (amount <= 0) return;
    out[i].push({ source: 'manual', reason: discount.reason, amount });
    remaining[i] -= amount;
  });
}

/** The candidates a line takes: the best one, or in stack mode each in turn until the cap. */
function combine(candidates: Candidate[], combination: NonNullable<PricingInput['combination']>): { candidate: Candidate; percentBp: number }[] {
  const ordered = candidates.filter((c) => c.percentBp > 0).sort((a, b) => b.percentBp - a.percentBp);
  if (combination.mode === 'best') return ordered.slice(0, 1).map((candidate) => ({ candidate, percentBp: candidate.percentBp }));
  const out: { candidate: Candidate; percentBp: number }[] = [];
  let left = combination.capBp;
  for (const candidate of ordered) {
    const percentBp = Math.min(left, candidate.percentBp);
    if (percentBp <= 0) break;
    out.push({ candidate, percentBp });
    left -= percentBp;
  }
  return out;
}

function promotionCandidates(line: CartLineInput, rules: DiscountRule[], localTime: string): Candidate[] {
  const today = localTime.slice(0, 10);
  return rules.flatMap((rule): Candidate[] => {
    if (rule.kind !== 'promotion') return [];
    const applies = (rule.productIds?.includes(line.productId) ?? false) || (!!line.categoryId && (rule.categoryIds?.includes(line.categoryId) ?? false));
    if (!applies || (rule.validFrom && today < rule.validFrom) || (rule.validTo && today > rule.validTo)) return [];
    return [{ percentBp: rule.percentBp, exclusive: rule.exclusive ?? true, discount: { source: 'promotion', ruleId: rule.id, name: rule.name } }];
  });
}

function automaticCandidates(input: PricingInput, subtotal: number): Candidate[] {
  const candidates: Candidate[] = [];
  const customer = input.customer;
  for (const rule of input.rules) {
    const c = ruleCandidate(rule, input, subtotal);
    if (c) candidates.push(c);
  }
  if (customer?.categoryDiscountBp) {
    candidates.push({
      percentBp: customer.categoryDiscountBp,
      discount: { source: 'category', name: customer.categoryName ?? customer.categoryCode ?? 'Customer' },
    });
  }
  if (customer?.personalDiscountBp) {
    candidates.push({ percentBp: customer.personalDiscountBp, discount: { source: 'personal', name: 'Personal' } });
  }
  return candidates;
}

function ruleCandidate(rule: DiscountRule, input: PricingInput, subtotal: number): Candidate | null {
  switch (rule.kind) {
    case 'customer-category': {
      if (!input.customer?.categoryCode || input.customer.categoryCode !== rule.categoryCode) return null;
      if (rule.windows?.length && !rule.windows.some((w) => inWindow(input.localTime, w))) return null;
      return { percentBp: rule.percentBp, discount: { source: 'category', ruleId: rule.id, name: rule.name } };
    }
    case 'receipt-total': {
      const tier = [...rule.tiers].sort((a, b) => b.minSubtotal - a.minSubtotal).find((t) => subtotal >= t.minSubtotal);
      if (!tier) return null;
      return { percentBp: tier.percentBp, discount: { source: 'receipt-total', ruleId: rule.id, name: rule.name } };
    }
    case 'spend-tier': {
      const spend = input.customer?.cumulativeSpend;
      if (spend === undefined || !input.customer) return null;
      const tier = [...rule.tiers].sort((a, b) => b.minSpend - a.minSpend).find((t) => spend >= t.minSpend);
      if (!tier) return null;
      return { percentBp: tier.percentBp, discount: { source: 'card-tier', ruleId: rule.id, name: tier.name } };
    }
    default:
      return null;
  }
}

/** Whether a local time "YYYY-MM-DDTHH:MM:SS" falls in a weekly window (days 1 = Monday … 7 = Sunday). */
export function inWindow(localTime: string, window: { days: number[]; from: string; to: string }): boolean {
  const [date, time = '00:00'] = localTime.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const weekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
  const hhmm = time.slice(0, 5);
  return window.days.includes(weekday) && hhmm >= window.from && hhmm < window.to;
}

/**
 * An automatic discount as given: named with its percentage, or, when the cap or the floor cut it,
 * with the share of the line really given and what cut it (the amount is printed beside it).
 */
function automaticDiscount(candidate: Candidate, amount: number, gross: number, cutBy: 'cap' | 'floor' | undefined): AppliedDiscount {
  const { name, ...source } = candidate.discount;
  const nominal = percentLabel(candidate.percentBp);
  if (!cutBy) return { ...source, reason: `${name} ${nominal}`, amount };
  const given = percentLabel(Math.round((amount * 10_000) / gross));
  const why = cutBy === 'floor' ? 'the minimum margin' : 'the discount cap';
  return { ...source, reason: `${name} ${given} (${nominal} cut by ${why})`, amount, cutBy };
}

function percentLabel(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = bp % 100;
  return `−${fraction ? `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}` : whole}%`;
}

function taxRows(lines: PricedLine[]): PricedCart['taxes'] {
  const byRate = new Map<number, { gross: number; tax: number }>();
  for (const l of lines) {
    const row = byRate.get(l.taxRateBp) ?? { gross: 0, tax: 0 };
    row.gross += l.amount;
    row.tax += l.taxAmount;
    byRate.set(l.taxRateBp, row);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, r]) => ({ rateBp, net: r.gross - r.tax, tax: r.tax, gross: r.gross }));
}

function summarise(discounts: AppliedDiscount[]): AppliedDiscount[] {
  const byReason = new Map<string, AppliedDiscount>();
  for (const d of discounts) {
    const key = `${d.source}|${d.ruleId ?? ''}|${d.reason}`;
    const row = byReason.get(key);
    if (row) row.amount += d.amount;
    else byReason.set(key, { ...d });
  }
  return [...byReason.values()];
}
