import { hasValidCheckDigit } from '../../shared/barcodes.ts';
import type { LabelContent } from '../../drivers/labels/label.ts';
import type { ProductRecord } from '../catalog/repository.ts';
import type { OutletInfo } from '../outlet.ts';

/** What a shelf or price label of a product says: name, price per unit, SKU and its EAN-13. */
export function labelFor(product: ProductRecord, outlet: OutletInfo): LabelContent {
  const barcode = product.barcodes.find((b) => b.length === 13 && hasValidCheckDigit(b)) ?? null;
  return { name: product.name, sku: product.sku, currency: outlet.view.currency, locale: outlet.view.locale, unit: product.unit, price: product.price, barcode };
}
