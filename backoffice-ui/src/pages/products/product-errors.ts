import { ApiError } from '../../../../shared/api-client.ts';
import { i18n, t } from '../../i18n/i18n.svelte.ts';

/**
 * The catalogue's refusals in the user's language, made from the error's code and details (a code
 * not worded here is said by the shared catalogue of server texts).
 */
export function productErrorText(err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.error(err);
  const d = err.details as Record<string, string | number | undefined>;
  switch (err.code) {
    case 'invalid-barcode':
      return barcodeProblemText(String(d.problem ?? ''), String(d.code ?? '')) ?? err.message;
    case 'duplicate-barcode':
      return d.name ? t('Barcode {code} is already on {name}', { code: String(d.code), name: String(d.name) }) : t('The same barcode is given twice');
    case 'duplicate-sku':
      return d.name ? t('SKU {sku} is already the SKU of {name}', { sku: String(d.sku), name: String(d.name) }) : t('The same SKU is given twice');
    case 'duplicate-plu':
      return t('PLU {plu} is already the PLU of {name}', { plu: String(d.plu), name: String(d.name) });
    case 'price-negative':
    case 'cost-negative':
      return t('A price cannot be negative');
    case 'price-absurd':
    case 'cost-absurd':
      return t('That price is too large: a typing slip?');
    case 'price-below-cost':
      return t('The price is below the cost (net of VAT)');
    case 'price-below-cost-not-permitted':
      return t('You have no right to sell below cost');
    case 'plu-required':
      return t('Weighed goods sold by label need the PLU their labels carry');
    case 'variant-without-options':
    case 'variant-options-mismatch':
      return t('A variant needs a value of each option');
    case 'duplicate-variant':
      return t('Two variants have the same options');
    case 'product-has-stock':
      return t('{quantity} still in stock: archive anyway?', { quantity: String(Number(d.stockMilli ?? 0) / 1000) });
    case 'kind-not-editable':
      return t('The kind of this product cannot be changed');
    case 'category-archived':
      return t('That category is archived');
    case 'category-cycle':
      return t('A category cannot go under itself');
    case 'invalid-picture':
      return t('The picture is not a PNG, JPEG or WebP image');
    case 'picture-too-large':
      return t('The picture is too large: at most {max, plural, one {# pixel} other {# pixels}} on its longest side', { max: Number(d.max) });
    case 'owned-by-head-office':
      return t('Head office owns the catalogue: change it at head office');
    case 'effective-in-past':
      return t('That moment has passed: choose now or later');
    default:
      return i18n.error(err);
  }
}

/** What is wrong with a barcode, as shared/barcodes.ts checkProductBarcode names it. */
export function barcodeProblemText(problem: string, code: string): string | null {
  switch (problem) {
    case 'check-digit':
      return t('Barcode {code}: the check digit is wrong', { code });
    case 'in-store-code':
      return t("Barcode {code} is one of the shop's scale labels: give the product a PLU instead", { code });
    case 'characters':
      return t('Barcode {code}: letters, digits and signs without spaces', { code });
    case 'too-long':
      return t('Barcode {code} is too long', { code });
    case 'empty':
      return t('A barcode cannot be empty');
    default:
      return null;
  }
}

/** The form field each error names, without the body. prefix: `variants.2.barcodes.0`. */
export function fieldsOf(err: unknown): string[] {
  return err instanceof ApiError ? err.fields.map((f) => f.path.replace(/^body\./, '')) : [];
}
