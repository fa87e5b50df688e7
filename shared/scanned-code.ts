import { normaliseBarcode, parseInStoreBarcode, type InStoreLayout } from './barcodes.ts';
import { isGs1, parseGs1 } from './gs1.ts';

/** What a scanned code says beyond "which product": a weight or a price printed into it. */
export type EmbeddedCode =
  | { source: 'in-store'; plu: string; grams: number | null; price: number | null }
  | { source: 'gs1'; gtin: string; grams: number | null; price: number | null; expiry: string | null; lot: string | null };

/**
 * Reads weight- or price-carrying codes: in-store EAN-13s (prefixes 20–29, the shop's layouts) and
 * GS1-128/DataMatrix element strings. Null for an ordinary barcode; `{ error }` for a misread.
 */
export function readEmbeddedCode(code: string, layouts: readonly InStoreLayout[]): EmbeddedCode | { error: string } | null {
  if (isGs1(code)) {
    try {
      const data = parseGs1(code);
      if (!data.gtin) return { error: 'the GS1 code has no GTIN (01)' };
      const gtin = normaliseBarcode(data.gtin);
      if (!gtin.valid) return { error: 'the GTIN in the GS1 code has a wrong check digit' };
      return { source: 'gs1', gtin: gtin.code, grams: data.netWeightGrams ?? null, price: data.price ?? null, expiry: data.expiry ?? null, lot: data.lot ?? null };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  const inStore = parseInStoreBarcode(code, layouts);
  if (!inStore) return null;
  if ('error' in inStore) return { error: 'check digit' };
  return inStore.kind === 'weight'
    ? { source: 'in-store', plu: inStore.plu, grams: inStore.grams, price: null }
    : { source: 'in-store', plu: inStore.plu, grams: null, price: inStore.price };
}
