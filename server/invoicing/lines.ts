import type { InvoiceDocument, InvoiceDocumentLine } from '../../shared/invoicing/document.ts';
import { lineGross, taxIncluded } from '../../shared/money.ts';
import type { Unit } from '../../shared/schemas/common.ts';

/** A line before it has a position: what it sells, at what price, and the amounts that follow. */
export type PricedLine = Omit<InvoiceDocumentLine, 'position'> & { saleLineId: string | null; correctsLineId: string | null };

/**
 * A line's amounts from its price (tax included, like every price in the product): gross is
 * quantity × price less the discount, rounded once; VAT is the tax the gross contains.
 */
export function pricedLine(line: { productId: string | null; sku: string | null; description: string; unit: Unit; quantityMilli: number; unitPriceGross: number; taxRateBp: number; discount?: number }): PricedLine {
  const discount = line.discount ?? 0;
  const gross = lineGross(line.quantityMilli, line.unitPriceGross) - discount;
  return withAmounts({ ...line, discount, saleLineId: null, correctsLineId: null }, gross, taxIncluded(gross, line.taxRateBp));
}

/** A line whose gross and VAT are known already (as sold at the till, or the part of a line credited). */
export function withAmounts<L extends Omit<PricedLine, 'net' | 'vat' | 'gross'>>(line: L, gross: number, vat: number): L & { net: number; vat: number; gross: number } {
  return { ...line, gross, vat, net: gross - vat };
}

/** The VAT breakdown (one row per rate, sums of the lines) and the totals. */
export function summarise(lines: { taxRateBp: number; net: number; vat: number; gross: number }[]): Pick<InvoiceDocument, 'vatBreakdown' | 'totals'> {
  const byRate = new Map<number, { taxRateBp: number; net: number; vat: number; gross: number }>();
  for (const l of lines) {
    const row = byRate.get(l.taxRateBp) ?? { taxRateBp: l.taxRateBp, net: 0, vat: 0, gross: 0 };
    row.net += l.net;
    row.vat += l.vat;
    row.gross += l.gross;
    byRate.set(l.taxRateBp, row);
  }
  const vatBreakdown = [...byRate.values()].sort((a, b) => b.taxRateBp - a.taxRateBp);
  const sum = (k: 'net' | 'vat' | 'gross') => vatBreakdown.reduce((s, r) => s + r[k], 0);
  return { vatBreakdown, totals: { net: sum('net'), vat: sum('vat'), gross: sum('gross') } };
}
