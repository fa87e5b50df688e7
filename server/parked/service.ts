import { newId } from '../../shared/ids.ts';
import { CartDraftSchema, type CartDraft, type ParkedSaleView } from '../../shared/schemas/parked.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { lineGross } from '../../shared/money.ts';

/** Parked sales are drafts: stored as the register's cart, deleted when resumed. */
export class ParkedSalesService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {}

  #view(row: { id: string; label: string; createdAt: Date; cart: string }, cashierName: string): ParkedSaleView {
    const cart: CartDraft = CartDraftSchema.parse(JSON.parse(row.cart));
    return {
      id: row.id,
      label: row.label,
      createdAt: row.createdAt.toISOString(),
      cashierName,
      itemCount: cart.lines.length,
      // Before discounts: an indication for the list, the cart is re-priced when resumed.
      total: cart.lines.reduce((s, l) => s + lineGross(l.quantityMilli, l.unitPrice), 0),
      cart,
    };
  }

  async list(registerId: string): Promise<ParkedSaleView[]> {
    const rows = await this.db.parkedSale.findMany({ where: { registerId }, orderBy: { createdAt: 'asc' } });
    const users = await this.db.user.findMany({ where: { id: { in: rows.map((r) => r.cashierId) } }, select: { id: true, name: true } });
    const names = new Map(users.map((u) => [u.id, u.name]));
    return rows.map((r) => this.#view(r, names.get(r.cashierId) ?? '?'));
  }

  async park(auth: AuthContext, registerId: string, cart: CartDraft, label?: string): Promise<ParkedSaleView> {
    const row = {
      id: newId(),
      outletId: this.outlet.id,
      registerId,
      cashierId: auth.userId,
      label: label || cart.customer?.name || cart.lines[0]?.product.name || '—',
      cart: JSON.stringify(cart),
      createdAt: new Date(),
    };
    await this.db.$transaction((tx) => tx.parkedSale.create({ data: row }));
    return this.#view(row, auth.userName);
  }

  /** Takes a parked cart back; it is deleted in the same step, so it cannot be resumed twice. */
  async resume(registerId: string, id: string): Promise<ParkedSaleView> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.parkedSale.findFirst({ where: { id, registerId } });
      if (!row) throw notFound('parked-sale-not-found', 'That parked sale is gone (resumed already?)');
      await tx.parkedSale.delete({ where: { id } });
      const cashier = await tx.user.findUnique({ where: { id: row.cashierId }, select: { name: true } });
      return this.#view(row, cashier?.name ?? '?');
    });
  }
}
