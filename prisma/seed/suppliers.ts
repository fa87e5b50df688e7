// The demo shop's suppliers, each with a price list of the goods it delivers, so purchasing can be
// tried at once: a plan, an order, a goods receipt. One prices in złoty, as a foreign supplier does.
import { newId } from '../../shared/ids.ts';
import type { Tx } from '../../server/db/client.ts';

export const DEMO_SUPPLIERS = [
  { code: 'PIENAS', name: 'Pieno žvaigždės UAB', contact: 'orders@pienas.example.lt, +370 5 200 0001', leadTimeDays: 2, minOrderAmount: 5_000, currency: null, category: 'dairy', packMilli: 6000 },
  { code: 'DUONA', name: 'Vilniaus duona', contact: 'uzsakymai@duona.example.lt', leadTimeDays: 1, minOrderAmount: 0, currency: null, category: 'bakery', packMilli: 1000 },
  { code: 'GERIMAI', name: 'Baltic Drinks Distribution', contact: 'sales@drinks.example.lt, +370 5 200 0003', leadTimeDays: 5, minOrderAmount: 15_000, currency: null, category: 'drinks', packMilli: 12_000 },
  { code: 'SLODYCZE', name: 'Słodycze Polskie Sp. z o.o.', contact: 'export@slodycze.example.pl', leadTimeDays: 7, minOrderAmount: 100_000, currency: 'PLN', category: 'sweets', packMilli: 10_000 },
] as const;

/** Złoty for one euro in the demo złoty price list. */
const PLN_PER_EUR = 4.27;

/** Writes the demo suppliers and their price lists (piece goods of their category, at about our cost). */
export async function seedDemoSuppliers(tx: Tx, products: { id: string; sku: string; categoryCode: string; unit: string; plu: string | null; cost: number }[]): Promise<void> {
  for (const { category, packMilli, ...supplier } of DEMO_SUPPLIERS) {
    const id = newId();
    await tx.supplier.create({ data: { id, ...supplier } });
    const goods = products.filter((p) => p.categoryCode === category && p.unit === 'piece' && p.plu === null);
    await tx.supplierProduct.createMany({
      data: goods.map((p) => ({
        supplierId: id,
        productId: p.id,
        supplierSku: `${supplier.code}-${p.sku.slice(-4)}`,
        unitCost: supplier.currency === 'PLN' ? Math.round(p.cost * PLN_PER_EUR) : p.cost,
        packMilli,
      })),
    });
  }
}
