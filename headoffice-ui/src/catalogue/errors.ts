import { ApiError } from '../../../shared/api-client.ts';
import { i18n, t } from '../i18n.ts';

/** A refusal as the page shows it: a text in the user's language and the fields it names (`variants.0.barcodes.0`). */
export function refusal(err: unknown): { text: string; fields: Record<string, true> } {
  if (!(err instanceof ApiError)) return { text: String(err), fields: {} };
  const d = err.details as Record<string, unknown>;
  const fields = Object.fromEntries(err.fields.map((f) => [f.path.replace(/^body\./, ''), true as const]));
  const text = (() => {
    switch (err.code) {
      case 'duplicate-barcode':
        return d.name ? t('errDuplicateBarcode', { code: String(d.code), name: String(d.name) }) : t('errSameBarcode');
      case 'invalid-barcode':
        return t('errInvalidBarcode', { code: String(d.code) });
      case 'duplicate-sku':
        return d.name ? t('errDuplicateSku', { sku: String(d.sku), name: String(d.name) }) : t('errCodeTaken');
      case 'variant-without-options':
      case 'variant-options-mismatch':
        return t('errVariantOptions');
      case 'effective-in-past':
        return t('errPriceFromPast');
      case 'supplier-exists':
      case 'duplicate-category-code':
        return t('errCodeTaken');
      default:
        return err.fields.length ? `${t('errCheck')}: ${err.message}` : err.message;
    }
  })();
  return { text, fields };
}

/** A refusal of an outlet's own-price permission of one product, by its code in the user's language. */
export function permissionRefusal(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  switch (err.code) {
    case 'edit-the-product':
      return t('errVariantPermission');
    case 'product-not-found':
      return t('errProductGone');
    case 'outlet-not-found':
      return t('errOutletGone');
    default:
      return i18n.error(err);
  }
}
