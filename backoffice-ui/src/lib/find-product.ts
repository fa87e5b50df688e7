import { ApiError, type Api } from '../../../shared/api-client.ts';
import type { ProductView } from '../../../shared/schemas/catalog.ts';

/** A code read wrong (its check digit, a GS1 string): said as such, not searched for as a name. */
const MISREADS = new Set(['invalid-check-digit', 'invalid-gs1']);

/** What a scanner or a person typed: a barcode or SKU first, else the first product whose name has it. */
export async function findProduct(api: Api, text: string): Promise<ProductView | null> {
  const scanned = await api.get<{ product?: ProductView }>(`/api/scan/${encodeURIComponent(text)}`).catch((err: unknown) => {
    if (err instanceof ApiError && MISREADS.has(err.code)) throw err;
    return null;
  });
  if (scanned?.product) return scanned.product;
  return (await api.get<{ items: ProductView[] }>(`/api/products/search?q=${encodeURIComponent(text)}&limit=1`)).items[0] ?? null;
}
