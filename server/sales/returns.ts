import { mulDivRoundHalfUp } from '../../shared/money.ts';
import { newId } from '../../shared/ids.ts';
import type { CreateReturnRequest, SaleView } from '../../shared/schemas/sales.ts';
import type { AuthContext } from '../auth/context.ts';
import { authorise } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { enqueuePrintJob } from '../devices/print-jobs.ts';
import type { PrintRouting } from '../devices/printing.ts';
import { SaleDocumentStore } from './document-store.ts';
import type { SaleRecord } from './records.ts';
import type { SalesService } from './service.ts';
import { toReceiptDocument } from './views.ts';

const pad4 = (n: number) => String(n).padStart(4, '0');

/**
 * Returns are new documents referring to the sale. Each returned line refunds its share of what
 * was paid for it (discounts included); the last units returned refund the exact remainder, so a
 * line returned in parts refunds to the minor unit what it cost.
 */
export class ReturnsService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly sales: SalesService,
    private readonly printing: PrintRouting,
  ) {
    this.documents = new SaleDocumentStore(db);
  }

  private readonly documents: SaleDocumentStore;

  async create(auth: AuthContext, registerId: string, req: CreateReturnRequest): Promise<{ view: SaleView; replayed: boolean }> {
    if (this.documents.exists(req.id)) return { view: await this.sales.view(req.id), replayed: true };

    const shift = this.documents.openShift(registerId);
    if (!shift) throw conflict('no-open-shift', 'Open a shift before taking a return');
    const printer = this.printing.receiptPrinterFor(registerId);

    const record = await this.db.$transaction(async (tx) => {
      const original = await tx.sale.findUnique({ where: { id: req.originalSaleId }, include: { lines: true } });
      if (!original || original.kind !== 'sale') {
        throw notFound('sale-not-found', 'No such sale to return', [{ path: 'originalSaleId', message: 'unknown sale' }]);
      }
      const approvedById = await authorise(tx, auth, 'refund', req.approvalId, 'approvalId');
      // Read what was returned before inside the transaction, so two returns cannot both pass.
      const previous = await tx.saleLine.findMany({
        where: { originalLineId: { in: original.lines.map((l) => l.id) } },
        select: { originalLineId: true, quantityMilli: true, amount: true, grossAmount: true, discountAmount: true, taxAmount: true },
      });
      const requested = new Map<string, number>();
      for (const [i, r] of req.lines.entries()) {
        requested.set(r.saleLineId, (requested.get(r.saleLineId) ?? 0) + r.quantityMilli);
        if (!original.lines.some((l) => l.id === r.saleLineId)) {
          throw badRequest('line-not-in-sale', 'That line is not on this receipt', [{ path: `lines.${i}.saleLineId`, message: 'not on the receipt' }]);
        }
      }
      const saleId = req.id;
      const lines = [...requested.entries()].map(([lineId, qty], n) => {
        const line = original.lines.find((l) => l.id === lineId)!;
        const before = previous.filter((p) => p.originalLineId === lineId);
        const sum = (k: 'quantityMilli' | 'amount' | 'grossAmount' | 'discountAmount' | 'taxAmount') => before.reduce((s, p) => s + p[k], 0);
        const remaining = line.quantityMilli - sum('quantityMilli');
        if (qty > remaining) {
          const index = req.lines.findIndex((r) => r.saleLineId === lineId);
          throw badRequest('return-exceeds-sold', `Only ${remaining / 1000} of ${line.name} can still be returned`, [
            { path: `lines.${index}.quantityMilli`, message: `at most ${remaining}` },
          ], { remainingMilli: remaining });
        }
        const share = (k: 'amount' | 'grossAmount' | 'discountAmount' | 'taxAmount') =>
          qty === remaining ? line[k] - sum(k) : mulDivRoundHalfUp(line[k], qty, line.quantityMilli);
        return {
          id: newId(),
          saleId,
          lineNo: n + 1,
          productId: line.productId,
          name: line.name,
          unit: line.unit,
          quantityMilli: qty,
          unitPrice: line.unitPrice,
          grossAmount: share('grossAmount'),
          discountAmount: share('discountAmount'),
          amount: share('amount'),
          taxRateBp: line.taxRateBp,
          taxAmount: share('taxAmount'),
          originalLineId: line.id,
        };
      });
      const total = lines.reduce((s, l) => s + l.amount, 0);
      const seq = this.documents.nextReceiptSeq(shift.id);
      const sale = {
        id: saleId,
        idempotencyKey: req.id,
        outletId: this.outlet.id,
        registerId,
        shiftId: shift.id,
        kind: 'return',
        number: `${shift.registerCode}-${pad4(shift.number)}-${pad4(seq)}`,
        seq,
        originalSaleId: original.id,
        customerId: original.customerId,
        cashierId: auth.userId,
        subtotal: lines.reduce((s, l) => s + l.grossAmount, 0),
        discountTotal: lines.reduce((s, l) => s + l.discountAmount, 0),
        total,
        taxTotal: lines.reduce((s, l) => s + l.taxAmount, 0),
        createdAt: new Date(),
      };
      const payments = [{ id: newId(), saleId, method: req.refundMethod, amount: total, tendered: null, change: 0, reference: null }];
      const saleRecord: SaleRecord = { ...sale, lines, discounts: [], payments };
      this.documents.insert(saleRecord);
      this.documents.postStock(this.outlet.id, 'return', saleId, lines.map((l) => ({ productId: l.productId, quantityMilli: l.quantityMilli })), sale.createdAt);
      this.documents.addToOutbox(saleRecord);
      await writeAudit(tx, {
        outletId: this.outlet.id,
        userId: auth.userId,
        approvedById,
        action: 'refund',
        entityType: 'sale',
        entityId: saleId,
        details: { number: sale.number, originalNumber: original.number, total, method: req.refundMethod },
      });
      if (printer) {
        if (req.refundMethod === 'cash' && this.printing.hasDrawer(registerId)) {
          await enqueuePrintJob(this.db, { deviceId: printer, kind: 'drawer', documentId: saleId, document: { type: 'drawer' } });
        }
        await enqueuePrintJob(this.db, {
          deviceId: printer,
          kind: 'receipt',
          documentId: saleId,
          document: toReceiptDocument(
            saleRecord,
            { cashierName: auth.userName, registerCode: shift.registerCode, customer: null, originalNumber: original.number, returnedMilli: new Map() },
            this.outlet,
            { copy: false, locale: auth.locale ?? this.outlet.view.locale },
          ),
        });
      }
      return saleRecord;
    });
    if (printer) this.printing.notify(printer);
    return { view: await this.sales.view(record.id), replayed: false };
  }
}
