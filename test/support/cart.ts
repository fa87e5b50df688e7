import { priceCart } from '../../shared/pricing/engine.ts';
import type { ManualDiscount, PricedCart } from '../../shared/pricing/types.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { PricingContext } from '../../shared/schemas/pricing.ts';
import type { PaymentMethod } from '../../shared/schemas/sales.ts';
import { newId } from '../../shared/ids.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { Db } from '../../server/db/client.ts';
import type { ApiClient } from './api-client.ts';

export interface TestLine {
  product: ProductView;
  quantityMilli: number;
  unitPrice?: number;
  scannedCode?: string;
  scaleTicket?: string;
  manualDiscount?: ManualDiscount & { approvalId?: string };
  priceOverride?: { unitPrice: number; reason: string; approvalId?: string };
  giftCard?: { code: string; amount: number };
}

/** Prices a cart the way the register does (shared pricing function, server's rules) and builds the sale request. */
export async function buildSale(
  api: ApiClient,
  lines: TestLine[],
  options: { customer?: CustomerView | null; receiptDiscount?: ManualDiscount & { approvalId?: string }; tenders?: (total: number) => { method: PaymentMethod; amount: number; reference?: string }[] } = {},
): Promise<{ request: any; priced: PricedCart }> {
  const context = (await api.get<PricingContext>('/api/pricing/context')).body;
  const cart = lines.map((l) => ({ ...l, lineId: newId() }));
  const priced = priceCart({
    lines: cart.map((l) => ({
      lineId: l.lineId,
      productId: l.product.id,
      name: l.product.name,
      unit: l.product.unit,
      quantityMilli: l.quantityMilli,
      unitPrice: l.giftCard?.amount ?? l.priceOverride?.unitPrice ?? l.unitPrice ?? l.product.price,
      taxRateBp: l.product.taxRateBp,
      floorUnitPrice: l.product.floorPrice,
      categoryId: l.product.categoryId,
      discountable: l.product.discountable && l.product.kind !== 'gift-card',
      manualDiscount: l.manualDiscount ?? null,
    })),
    customer: options.customer
      ? {
          id: options.customer.id,
          categoryCode: options.customer.categoryCode,
          categoryName: options.customer.categoryName,
          cumulativeSpend: options.customer.cumulativeSpend,
          categoryDiscountBp: options.customer.categoryDiscountBp,
          personalDiscountBp: options.customer.personalDiscountBp,
        }
      : null,
    rules: context.rules as any,
    receiptDiscount: options.receiptDiscount ?? null,
    combination: context.combination,
    localTime: localTimeIn(context.timezone),
  });
  const tenders = options.tenders ? options.tenders(priced.total) : priced.total > 0 ? [{ method: 'cash' as const, amount: priced.total }] : [];
  return {
    priced,
    request: {
      id: newId(),
      customerId: options.customer?.id ?? null,
      lines: cart.map((l) => ({
        lineId: l.lineId,
        productId: l.product.id,
        quantityMilli: l.quantityMilli,
        ...(l.scannedCode ? { scannedCode: l.scannedCode } : {}),
        ...(l.scaleTicket ? { scaleTicket: l.scaleTicket } : {}),
        ...(l.manualDiscount ? { manualDiscount: l.manualDiscount } : {}),
        ...(l.priceOverride ? { priceOverride: l.priceOverride } : {}),
        ...(l.giftCard ? { giftCard: l.giftCard } : {}),
      })),
      ...(options.receiptDiscount ? { receiptDiscount: options.receiptDiscount } : {}),
      tenders,
      expectedTotal: priced.total,
    },
  };
}

/** Finds products through the API the way a cashier would. */
export async function findProducts(api: ApiClient, q: string): Promise<ProductView[]> {
  const res = await api.get<{ items: ProductView[] }>(`/api/products/search?q=${encodeURIComponent(q)}&limit=50`);
  return res.body.items;
}

/** Rings up `count` simple sales of the outlet's first three piece goods (1 or 2 of each), returning their ids. */
export async function sellSimpleSales(db: Db, cashier: ApiClient, count: number): Promise<string[]> {
  const rows = await db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 3 });
  const products = await Promise.all(rows.map(async (r) => (await findProducts(cashier, r.sku)).find((p) => p.id === r.id)!));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { request } = await buildSale(cashier, [{ product: products[i % 3], quantityMilli: 1000 * (1 + (i % 2)) }]);
    const res = await cashier.post('/api/sales', request);
    if (res.status !== 201) throw new Error(`sale refused: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(request.id);
  }
  return ids;
}
