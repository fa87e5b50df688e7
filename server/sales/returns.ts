import { mulDivRoundHalfUp } from '../../shared/money.ts';
import { newId } from '../../shared/ids.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { CreateReturnRequest, SaleView } from '../../shared/schemas/sales.ts';
import type { AuthContext } from '../auth/context.ts';
import { authorise } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { IdempotentRequests, requestFingerprint } from '../db/idempotent-requests.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { enqueuePrintJob } from '../devices/print-jobs.ts';
import type { PrintRouting } from '../devices/printing.ts';
import { SaleDocumentStore } from './document-store.ts';
import type { SaleContext, SaleRecord } from './records.ts';
import type { SalesService } from './service.ts';
import { toReceiptDocument } from './views.ts';
import { refundTenders } from './tenders.ts';
import { LoyaltyLedger } from '../loyalty/ledger.ts';
import { StockLedger } from '../stock/ledger.ts';
import { PreOrderLedger } from '../preorders/deposits.ts';
import { ProductRepository } from '../catalog/repository.ts';

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
    this.loyalty = new LoyaltyLedger(db);
    this.stock = new StockLedger(db);
    this.preOrders = new PreOrderLedger(db);
    this.products = new ProductRepository(db, outlet.id);
    this.requests = new IdempotentRequests(db);
  }

  private readonly documents: SaleDocumentStore;
  private readonly loyalty: LoyaltyLedger;
  private readonly stock: StockLedger;
  private readonly preOrders: PreOrderLedger;
  private readonly products: ProductRepository;
  private readonly requests: IdempotentRequests;

  /**
   * A gift card sold on the receipt can be returned only while nothing was spent from it: the
   * return takes its whole amount off the card again.
   */
  #cancelGiftCardsSold(originalSaleId: string, lines: { productId: string; amount: number }[], at: Date, returnId: string): void {
    if (lines.length === 0) return;
    const cards = this.loyalty.giftCardsSoldIn(originalSaleId);
    for (const line of lines) {
      const card = cards.find((c) => c.initialAmount === line.amount && c.balance === c.initialAmount && !c.cancelled);
      if (!card) throw conflict('gift-card-in-use', 'A gift card that has been spent from cannot be returned');
      this.loyalty.cancelGiftCard(card.code, card.initialAmount, returnId, at);
      card.cancelled = true;
    }
  }

  /** Takes back the points the returned share earned; the last return takes back the remainder. */
  #settleLoyalty(original: { id: string; customerId: string | null; total: number }, earlierReturnIds: string[], ret: SaleRecord, fullyReturned: boolean): SaleContext['points'] {
    for (const p of ret.payments) {
      if (p.method === 'points') this.loyalty.postPoints(original.customerId!, 'refund', p.amount, ret.id, ret.createdAt);
      if (p.method === 'gift-card') this.loyalty.refundToGiftCard(p.reference!, p.amount, ret.id, ret.createdAt);
    }
    if (!original.customerId) return null;
    const earned = this.loyalty.earnedBySale(original.id);
    const left = earned - this.loyalty.reversedForSale(earlierReturnIds);
    const reverse = fullyReturned ? left : Math.min(left, mulDivRoundHalfUp(earned, ret.total, original.total || 1));
    this.loyalty.postPoints(original.customerId, 'reverse', -reverse, ret.id, ret.createdAt);
    return { earned: -reverse, balance: this.loyalty.pointsBalance(original.customerId) };
  }

  async create(auth: AuthContext, registerId: string, req: CreateReturnRequest): Promise<{ view: SaleView; replayed: boolean }> {
    // A supervisor may approve a retried return afresh: the approval is not what is returned.
    const { approvalId: _approval, ...returned } = req;
    const fingerprint = requestFingerprint({ kind: 'return', registerId, request: returned });
    if (await this.requests.isReplay('sale', req.id, fingerprint, () => this.documents.exists(req.id), 'return')) return { view: await this.sales.view(req.id), replayed: true };

    const shift = this.documents.openShift(registerId);
    if (!shift) throw conflict('no-open-shift', 'Open a shift before taking a return');
    const printer = this.printing.receiptPrinterFor(registerId);

    const record = await this.db.$transaction(async (tx) => {
      const original = await tx.sale.findUnique({ where: { id: req.originalSaleId }, include: { lines: true, payments: true } });
      if (!original || original.kind !== 'sale') {
        throw notFound('sale-not-found', 'No such sale to return', [{ path: 'originalSaleId', message: 'unknown sale' }]);
      }
      // Read what was returned before inside the transaction, so two returns cannot both pass.
      const previous = await tx.saleLine.findMany({
        where: { originalLineId: { in: original.lines.map((l) => l.id) } },
        select: { originalLineId: true, quantityMilli: true, amount: true, grossAmount: true, discountAmount: true, taxAmount: true, costAmount: true },
      });
      const requested = new Map<string, number>();
      for (const [i, r] of req.lines.entries()) {
        requested.set(r.saleLineId, (requested.get(r.saleLineId) ?? 0) + r.quantityMilli);
        if (!original.lines.some((l) => l.id === r.saleLineId)) {
          throw badRequest('line-not-in-sale', 'That line is not on this receipt', [{ path: `lines.${i}.saleLineId`, message: 'not on the receipt' }]);
        }
      }
      const saleId = req.id;
      const createdAt = new Date();
      const lines = [...requested.entries()].map(([lineId, qty], n) => {
        const line = original.lines.find((l) => l.id === lineId)!;
        const before = previous.filter((p) => p.originalLineId === lineId);
        const sum = (k: 'quantityMilli' | 'amount' | 'grossAmount' | 'discountAmount' | 'taxAmount' | 'costAmount') => before.reduce((s, p) => s + p[k], 0);
        const remaining = line.quantityMilli - sum('quantityMilli');
        if (qty > remaining) {
          const index = req.lines.findIndex((r) => r.saleLineId === lineId);
          throw badRequest('return-exceeds-sold', `Only ${remaining / 1000} of ${line.name} can still be returned`, [
            { path: `lines.${index}.quantityMilli`, message: `at most ${remaining}` },
          ], { remainingMilli: remaining, name: line.name, unit: line.unit });
        }
        const share = (k: 'amount' | 'grossAmount' | 'taxAmount' | 'costAmount') =>
          qty === remaining ? line[k] - sum(k) : mulDivRoundHalfUp(line[k], qty, line.quantityMilli);
        // Gross and amount are each rounded from the sale line: the discount is what lies between
        // them, so the return line adds up like the sale line (rounded on its own it can be 1 off).
        const grossAmount = share('grossAmount');
        const amount = share('amount');
        return {
          id: newId(),
          saleId,
          lineNo: n + 1,
          productId: line.productId,
          name: line.name,
          unit: line.unit,
          quantityMilli: qty,
          unitPrice: line.unitPrice,
          grossAmount,
          discountAmount: grossAmount - amount,
          amount,
          taxRateBp: line.taxRateBp,
          taxAmount: share('taxAmount'),
          costAmount: share('costAmount'),
          originalLineId: line.id,
          kind: line.kind,
        };
      });
      const total = lines.reduce((s, l) => s + l.amount, 0);
      if (req.refundMethod === 'points' && !original.customerId) {
        throw badRequest('refund-method-invalid', `Receipt ${original.number} has no customer to give points to`, [{ path: 'refundMethod', message: 'needs the customer of the sale' }], { number: original.number });
      }
      const earlierReturns = await tx.sale.findMany({ where: { originalSaleId: original.id, kind: 'return' }, select: { id: true, payments: true } });
      const anyTender = auth.permissions.includes('refund-any-tender');
      const payments = refundTenders(total, req.refundMethod, original.payments, earlierReturns.flatMap((r) => r.payments), anyTender).map((p) => ({ id: newId(), saleId, ...p }));
      const approvedById = await authorise(tx, auth, { action: 'refund', documentId: saleId, amount: total }, req.approvalId, 'approvalId');
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
        createdAt,
      };
      const saleRecord: SaleRecord = { ...sale, lines, discounts: [], payments };
      this.requests.record('sale', saleId, fingerprint, 'return');
      this.documents.insert(saleRecord);
      const kinds = new Map(this.products.byIds([...new Set(lines.map((l) => l.productId))]).map((p) => [p.id, p.kind]));
      this.stock.post(
        this.outlet.id,
        'return',
        saleId,
        lines.filter((l) => kinds.get(l.productId) === 'goods').map((l) => ({ productId: l.productId, quantityMilli: l.quantityMilli })),
        sale.createdAt,
      );
      this.#cancelGiftCardsSold(original.id, lines.filter((l) => kinds.get(l.productId) === 'gift-card'), sale.createdAt, saleId);
      const depositRefunded = lines.filter((l) => kinds.get(l.productId) === 'deposit').reduce((s, l) => s + l.amount, 0);
      if (depositRefunded > 0) this.preOrders.refundDeposit(original.id, depositRefunded, saleId, sale.createdAt);
      const fullyReturned = original.lines.every((l) => (requested.get(l.id) ?? 0) + previous.filter((p) => p.originalLineId === l.id).reduce((s, p) => s + p.quantityMilli, 0) === l.quantityMilli);
      const points = this.#settleLoyalty(original, earlierReturns.map((r) => r.id), saleRecord, fullyReturned);
      this.documents.addToOutbox(saleRecord);
      this.documents.addToDailySales(saleRecord, localTimeIn(this.outlet.view.timezone, createdAt).slice(0, 10));
      await writeAudit(tx, {
        outletId: this.outlet.id,
        userId: auth.userId,
        approvedById,
        action: 'refund',
        entityType: 'sale',
        entityId: saleId,
        details: { number: sale.number, originalNumber: original.number, total, method: req.refundMethod, refunded: payments.map((p) => ({ method: p.method, amount: p.amount })) },
      });
      if (printer) {
        if (payments.some((p) => p.method === 'cash') && this.printing.hasDrawer(registerId)) {
          await enqueuePrintJob(this.db, { deviceId: printer, kind: 'drawer', documentId: saleId, document: { type: 'drawer' } });
        }
        await enqueuePrintJob(this.db, {
          deviceId: printer,
          kind: 'receipt',
          documentId: saleId,
          document: toReceiptDocument(
            saleRecord,
            { cashierName: auth.userName, registerCode: shift.registerCode, customer: null, originalNumber: original.number, returnedMilli: new Map(), points },
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
