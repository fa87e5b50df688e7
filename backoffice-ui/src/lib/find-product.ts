import type { Api } from '../../../shared/api-client.ts';
import type { ProductView } from '../../../shared/schemas/catalog.ts';

/** What a scanner or a person typed: a barcode or SKU first, else the first product whose name has it. */
export async function findProduct(api: Api, text: string): Promise<ProductView | null> {
  const scanned = await api.get<{ product?: ProductView }>(`/api/scan/${encodeURIComponent(text)}`).catch(() => null);
  if (scanned?.product) return scanned.product;
  return (await api.get<{ items: ProductView[] }>(`/api/products/search?q=${encodeURIComponent(text)}&limit=1`)).items[0] ?? null;
}
