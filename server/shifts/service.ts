import { newId } from '../../shared/ids.ts';
import type { ShiftReportDocument } from '../../shared/schemas/receipt.ts';
import type { ShiftReport, ShiftView } from '../../shared/schemas/shifts.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { conflict, forbidden } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { enqueuePrintJob } from '../devices/print-jobs.ts';
import type { PrintRouting } from '../devices/printing.ts';
import { shiftFigures } from './report.ts';

type ShiftRow = {
  id: string; number: number; openedAt: Date; openingFloat: number; closedAt: Date | null; receiptSeq: number;
  openedById: string; register: { code: string };
};

/** Shifts: open with a float, cash in/out, X reports, and closing with a Z report. */
export class ShiftService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly printing: PrintRouting,
  ) {}

  async #open(registerId: string) {
    return this.db.shift.findFirst({ where: { registerId, closedAt: null }, include: { register: { select: { code: true } } } });
  }

  async #requireOpen(registerId: string) {
    const shift = await this.#open(registerId);
    if (!shift) throw conflict('no-open-shift', 'No shift is open at this register');
    return shift;
  }

  async #view(shift: ShiftRow): Promise<ShiftView> {
    const opener = await this.db.user.findUnique({ where: { id: shift.openedById }, select: { name: true } });
    return {
      id: shift.id,
      number: shift.number,
      registerCode: shift.register.code,
      openedAt: shift.openedAt.toISOString(),
      openedBy: opener?.name ?? '?',
      openingFloat: shift.openingFloat,
      closedAt: shift.closedAt?.toISOString() ?? null,
      receiptCount: shift.receiptSeq,
    };
  }

  async current(registerId: string): Promise<ShiftView | null> {
    const shift = await this.#open(registerId);
    return shift ? this.#view(shift) : null;
  }

  async openShift(auth: AuthContext, registerId: string, openingFloat: number): Promise<ShiftView> {
    const shift = await this.db.$transaction(async (tx) => {
      const open = await tx.shift.findFirst({ where: { registerId, closedAt: null }, select: { id: true } });
      if (open) throw conflict('shift-already-open', 'A shift is already open at this register');
      const last = await tx.shift.findFirst({ where: { registerId }, orderBy: { number: 'desc' }, select: { number: true } });
      const created = await tx.shift.create({
        data: { id: newId(), outletId: this.outlet.id, registerId, number: (last?.number ?? 0) + 1, openedById: auth.userId, openingFloat },
        include: { register: { select: { code: true } } },
      });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'shift-open', entityType: 'shift', entityId: created.id, details: { openingFloat } });
      return created;
    });
    return this.#view(shift);
  }

  /** Cash put into the drawer or paid out of it; paying out needs the cash-out right. */
  async cashMovement(auth: AuthContext, registerId: string, kind: 'in' | 'out', amount: number, reason: string): Promise<void> {
    if (kind === 'out' && !auth.permissions.includes('cash-out')) {
      throw forbidden('not-permitted', 'Paying cash out of the drawer needs the cash-out right', [{ path: 'body.kind', message: 'needs cash-out' }], { role: auth.role, permission: 'cash-out' });
    }
    const shift = await this.#requireOpen(registerId);
    await this.db.$transaction(async (tx) => {
      await tx.cashMovement.create({ data: { id: newId(), shiftId: shift.id, kind, amount, reason, userId: auth.userId } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: `cash-${kind}`, entityType: 'shift', entityId: shift.id, details: { amount, reason } });
    });
  }

  async #figures(client: Tx, shiftId: string, openingFloat: number) {
    const [sales, cashMovements] = await Promise.all([
      client.sale.findMany({
        where: { shiftId },
        select: {
          kind: true, total: true, discountTotal: true,
          payments: { select: { method: true, amount: true } },
          lines: { select: { taxRateBp: true, amount: true, taxAmount: true } },
        },
      }),
      client.cashMovement.findMany({ where: { shiftId }, select: { kind: true, amount: true } }),
    ]);
    return shiftFigures({ openingFloat, sales, cashMovements });
  }

  #document(kind: 'X' | 'Z', shift: ShiftRow, report: ShiftReport, auth: AuthContext): ShiftReportDocument {
    return {
      type: 'shift-report',
      reportKind: kind,
      locale: auth.locale ?? this.outlet.view.locale,
      currency: this.outlet.view.currency,
      header: this.outlet.settings.receiptHeader.length ? this.outlet.settings.receiptHeader : [this.outlet.view.name],
      register: shift.register.code,
      shiftNumber: shift.number,
      timeZone: this.outlet.view.timezone,
      openedAt: report.openedAt,
      closedAt: report.closedAt,
      printedAt: report.printedAt,
      cashier: report.cashier,
      salesCount: report.salesCount,
      returnsCount: report.returnsCount,
      salesTotal: report.salesTotal,
      returnsTotal: report.returnsTotal,
      discountTotal: report.discountTotal,
      tenders: report.tenders,
      taxes: report.taxes,
      openingFloat: report.openingFloat,
      cashIn: report.cashIn,
      cashOut: report.cashOut,
      expectedCash: report.expectedCash,
      countedCash: report.countedCash,
      difference: report.difference,
    };
  }

  /** The X report: figures so far; printed on request, the shift stays open. */
  async xReport(auth: AuthContext, registerId: string, print: boolean): Promise<ShiftReport> {
    const shift = await this.#requireOpen(registerId);
    const figures = await this.#figures(this.db, shift.id, shift.openingFloat);
    const report: ShiftReport = {
      reportKind: 'X',
      shiftId: shift.id,
      shiftNumber: shift.number,
      register: shift.register.code,
      openedAt: shift.openedAt.toISOString(),
      closedAt: null,
      printedAt: new Date().toISOString(),
      cashier: auth.userName,
      openingFloat: shift.openingFloat,
      countedCash: null,
      difference: null,
      printJob: null,
      ...figures,
    };
    const printer = this.printing.receiptPrinterFor(registerId);
    if (print && printer) {
      report.printJob = await this.db.$transaction(async () =>
        enqueuePrintJob(this.db, { deviceId: printer, kind: 'x-report', documentId: shift.id, document: this.#document('X', shift, report, auth) }),
      );
      this.printing.notify(printer);
    }
    return report;
  }

  /** Closes the shift with the counted cash; the Z report is stored with it and printed. */
  async close(auth: AuthContext, registerId: string, countedCash: number): Promise<ShiftReport> {
    const shift = await this.#requireOpen(registerId);
    const printer = this.printing.receiptPrinterFor(registerId);
    const report = await this.db.$transaction(async (tx) => {
      const closedAt = new Date();
      const closed = await tx.shift.updateMany({ where: { id: shift.id, closedAt: null }, data: { closedAt, closedById: auth.userId, countedCash } });
      if (closed.count !== 1) throw conflict('no-open-shift', 'The shift is already closed');
      // Figures are read after closing inside the transaction, so no sale can slip in between.
      const figures = await this.#figures(tx, shift.id, shift.openingFloat);
      const z: ShiftReport = {
        reportKind: 'Z',
        shiftId: shift.id,
        shiftNumber: shift.number,
        register: shift.register.code,
        openedAt: shift.openedAt.toISOString(),
        closedAt: closedAt.toISOString(),
        printedAt: closedAt.toISOString(),
        cashier: auth.userName,
        openingFloat: shift.openingFloat,
        countedCash,
        difference: countedCash - figures.expectedCash,
        printJob: null,
        ...figures,
      };
      await tx.shift.update({ where: { id: shift.id }, data: { expectedCash: figures.expectedCash, zReport: JSON.stringify(z) } });
      await tx.outboxEntry.create({
        data: { id: newId(), outletId: this.outlet.id, type: 'shift', documentId: shift.id, payload: JSON.stringify(z), createdAt: closedAt },
      });
      await writeAudit(tx, {
        outletId: this.outlet.id, userId: auth.userId, action: 'shift-close', entityType: 'shift', entityId: shift.id,
        details: { countedCash, expectedCash: figures.expectedCash, difference: z.difference },
      });
      if (printer) {
        z.printJob = await enqueuePrintJob(this.db, { deviceId: printer, kind: 'z-report', documentId: shift.id, document: this.#document('Z', shift, z, auth) });
      }
      return z;
    });
    if (printer) this.printing.notify(printer);
    return report;
  }
}
