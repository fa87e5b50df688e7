import { newId } from '../../shared/ids.ts';
import type { SupplierInput, SupplierView } from '../../shared/schemas/purchasing.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

type SupplierRow = { id: string; code: string; name: string; contact: string; leadTimeDays: number; minOrderAmount: number; currency: string | null; origin: string; archivedAt: Date | null };

/**
 * The suppliers a shop buys from: created, edited, archived and restored here, or pulled from head
 * office (read-only here). An archived supplier keeps its price list and history; nothing more is
 * ordered from it.
 */
export class SupplierService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {}

  /** The currency a supplier's prices and orders are in. */
  currencyOf(supplier: { currency: string | null }): string {
    return supplier.currency ?? this.outlet.view.currency;
  }

  /** Whether a supplier's prices are in another currency than the shop's. */
  isForeign(supplier: { currency: string | null }): boolean {
    return this.currencyOf(supplier) !== this.outlet.view.currency;
  }

  async list(archived: 'exclude' | 'include' | 'only'): Promise<SupplierView[]> {
    const where = archived === 'include' ? {} : { archivedAt: archived === 'only' ? { not: null } : null };
    const rows = await this.db.supplier.findMany({ where, orderBy: { name: 'asc' } });
    const sizes = new Map((await this.db.supplierProduct.groupBy({ by: ['supplierId'], _count: { _all: true } })).map((g) => [g.supplierId, g._count._all]));
    return rows.map((r) => this.#view(r, sizes.get(r.id) ?? 0));
  }

  async view(id: string): Promise<SupplierView> {
    const row = await this.find(this.db, id, 'id');
    return this.#view(row, await this.db.supplierProduct.count({ where: { supplierId: id } }));
  }

  #view(r: SupplierRow, priceListSize: number): SupplierView {
    return {
      id: r.id, code: r.code, name: r.name, contact: r.contact, leadTimeDays: r.leadTimeDays, minOrderAmount: r.minOrderAmount,
      currency: this.currencyOf(r), archived: r.archivedAt !== null, origin: r.origin as SupplierView['origin'], priceListSize,
    };
  }

  async find(tx: Tx | Db, id: string, field = 'supplierId'): Promise<SupplierRow> {
    const supplier = await tx.supplier.findUnique({ where: { id } });
    if (!supplier) throw notFound('supplier-not-found', 'Unknown supplier', [{ path: field, message: 'unknown supplier' }]);
    return supplier;
  }

  /** A supplier goods can be ordered from: known and not archived. */
  async orderable(tx: Tx | Db, id: string, field = 'supplierId'): Promise<SupplierRow> {
    const supplier = await this.find(tx, id, field);
    if (supplier.archivedAt) throw new AppError(409, 'supplier-archived', `${supplier.name} is archived: restore it to order from it`, [{ path: field, message: 'archived supplier' }], { supplierId: id });
    return supplier;
  }

  /** A supplier this outlet may change: not head office's. */
  async #editable(tx: Tx, id: string): Promise<SupplierRow> {
    const supplier = await this.find(tx, id, 'id');
    if (supplier.origin === 'head-office') throw new AppError(409, 'supplier-kept-by-head-office', `${supplier.name} is kept by head office: change it there`, [{ path: 'id', message: "head office's supplier" }]);
    return supplier;
  }

  async #refuseTakenCode(tx: Tx, code: string, exceptId: string | null): Promise<void> {
    const other = await tx.supplier.findUnique({ where: { code }, select: { id: true, name: true } });
    if (other && other.id !== exceptId) throw new AppError(409, 'supplier-exists', `A supplier ${code} exists: ${other.name}`, [{ path: 'body.code', message: 'already used' }], { supplierId: other.id });
  }

  async create(auth: AuthContext, input: SupplierInput): Promise<SupplierView> {
    const id = newId();
    await this.db.$transaction(async (tx) => {
      await this.#refuseTakenCode(tx, input.code, null);
      await tx.supplier.create({ data: { id, ...input } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'supplier-create', entityType: 'supplier', entityId: id, details: { ...input } });
    });
    return this.view(id);
  }

  /**
   * Changes a supplier. Its currency stays while its price list or open orders hold amounts in it
   * (they would be read in the new one).
   */
  async update(auth: AuthContext, id: string, input: SupplierInput): Promise<SupplierView> {
    await this.db.$transaction(async (tx) => {
      const before = await this.#editable(tx, id);
      await this.#refuseTakenCode(tx, input.code, id);
      if (this.currencyOf(input) !== this.currencyOf(before)) {
        const [priceList, openOrders] = await Promise.all([
          tx.supplierProduct.count({ where: { supplierId: id } }),
          tx.purchaseOrder.count({ where: { supplierId: id, status: { in: ['draft', 'sent'] } } }),
        ]);
        if (priceList || openOrders) {
          throw new AppError(409, 'supplier-currency-in-use', `${before.name}'s price list and open orders are in ${this.currencyOf(before)}`, [{ path: 'body.currency', message: 'in use by its price list or open orders' }], { priceList, openOrders });
        }
      }
      await tx.supplier.update({ where: { id }, data: input });
      const { archivedAt: _a, origin: _o, id: _i, ...was } = before;
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'supplier-edit', entityType: 'supplier', entityId: id, details: { before: was, after: input } });
    });
    return this.view(id);
  }

  /** Archives (or restores) a supplier; sent orders to it can still be received or cancelled. */
  async setArchived(auth: AuthContext, id: string, archived: boolean): Promise<SupplierView> {
    await this.db.$transaction(async (tx) => {
      const before = await this.#editable(tx, id);
      if ((before.archivedAt !== null) === archived) return;
      await tx.supplier.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: archived ? 'supplier-archive' : 'supplier-restore', entityType: 'supplier', entityId: id, details: { code: before.code } });
    });
    return this.view(id);
  }
}
