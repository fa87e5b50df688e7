import { queueForHeadOffice } from '../sync/outbox.ts';
import { newId } from '../../shared/ids.ts';
import type { ShiftReportDocument } from '../../shared/schemas/receipt.ts';
import type { ShiftReport, ShiftReportPrintout, ShiftView } from '../../shared/schemas/shifts.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, conflict, forbidden } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { enqueuePrintJob } from '../devices/print-jobs.ts';
import type { PrintRouting } from '../devices/printing.ts';
import { GENERIC_MODEL_ID, getModel } from '../../drivers/printers/escpos/models.ts';
import { layoutShiftReport } from '../../drivers/printers/escpos/render-shift-report.ts';
import { buildShiftReport, closedShiftReport, shiftRecordSelect } from './z-reports.ts';

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
    /** Called after every Z (a backup is taken then). */
    private readonly afterZ: () => void = () => {},
  ) {}

  async #open(registerId: string) {
    return this.db.shift.findFirst({ where: { registerId, closedAt: null }, select: { ...shiftRecordSelect, receiptSeq: true } });
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

  /** The printed document of a report, in the language of who prints it. */
  #document(report: ShiftReport, locale: string | null, copy = false): ShiftReportDocument {
    const { printJob: _job, shiftId: _id, ...figures } = report;
    return {
      type: 'shift-report',
      locale: locale ?? this.outlet.view.locale,
      header: this.outlet.settings.receiptHeader.length ? this.outlet.settings.receiptHeader : [this.outlet.view.name],
      ...(copy ? { copy } : {}),
      ...figures,
    };
  }

  /** The X report: figures so far; printed on request, the shift stays open. */
  async xReport(auth: AuthContext, registerId: string, print: boolean): Promise<ShiftReport> {
    const shift = await this.#requireOpen(registerId);
    const report = await buildShiftReport(this.db, this.outlet, shift, 'X', { printedAt: new Date(), cashier: auth.userName });
    const printer = this.printing.receiptPrinterFor(registerId);
    if (print && printer) {
      report.printJob = await this.db.$transaction(async () =>
        enqueuePrintJob(this.db, { deviceId: printer, kind: 'x-report', documentId: shift.id, document: this.#document(report, auth.locale) }),
      );
      this.printing.notify(printer);
    }
    return report;
  }

  /** A closed shift's Z, whole, as it was closed. */
  async zReport(shiftId: string): Promise<ShiftReport> {
    return closedShiftReport(this.db, this.outlet, await this.#closed(shiftId));
  }

  /** A closed shift's Z laid out line by line as the register's printer prints it. */
  async zPrintout(auth: AuthContext, shiftId: string): Promise<ShiftReportPrintout> {
    const shift = await this.#closed(shiftId);
    const report = await closedShiftReport(this.db, this.outlet, shift);
    const model = getModel(this.printing.receiptModelFor(shift.registerId) ?? GENERIC_MODEL_ID);
    const { printed } = layoutShiftReport(this.#document(report, auth.locale), model);
    return { columns: model.columns, lines: printed };
  }

  /** Prints a closed shift's Z again on its register's printer, marked COPY. */
  async reprintZ(auth: AuthContext, shiftId: string): Promise<{ printJob: { id: string; status: string } }> {
    const shift = await this.#closed(shiftId);
    const printer = this.printing.receiptPrinterFor(shift.registerId);
    if (!printer) throw new AppError(409, 'no-printer', 'No receipt printer is configured for this register', undefined, { register: shift.register.code });
    const report = await closedShiftReport(this.db, this.outlet, shift);
    const printJob = await this.db.$transaction(async (tx) => {
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'reprint', entityType: 'shift', entityId: shift.id, details: { register: shift.register.code, shift: shift.number } });
      return enqueuePrintJob(this.db, { deviceId: printer, kind: 'z-report', documentId: shift.id, copy: true, document: this.#document(report, auth.locale, true) });
    });
    this.printing.notify(printer);
    return { printJob };
  }

  async #closed(shiftId: string) {
    const shift = await this.db.shift.findFirst({ where: { id: shiftId, outletId: this.outlet.id }, select: { ...shiftRecordSelect, registerId: true } });
    if (!shift) throw new AppError(404, 'shift-not-found', 'No such shift at this outlet', [{ path: 'params.id', message: 'unknown shift' }], { shiftId });
    if (!shift.closedAt) throw new AppError(409, 'shift-open', `Shift ${shift.number} of ${shift.register.code} is still open: its figures so far are its X report`, [{ path: 'params.id', message: 'not closed yet' }], { shiftId, register: shift.register.code, openedAt: shift.openedAt.toISOString() });
    return shift;
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
      const z = await buildShiftReport(tx, this.outlet, { ...shift, closedAt, closedById: auth.userId, countedCash, expectedCash: null, zReport: null }, 'Z', { printedAt: closedAt, cashier: auth.userName });
      await tx.shift.update({ where: { id: shift.id }, data: { expectedCash: z.expectedCash, zReport: JSON.stringify(z) } });
      await queueForHeadOffice(tx, { type: 'shift', documentId: shift.id, outletId: this.outlet.id, payload: z, createdAt: closedAt });
      await writeAudit(tx, {
        outletId: this.outlet.id, userId: auth.userId, action: 'shift-close', entityType: 'shift', entityId: shift.id,
        details: { countedCash, expectedCash: z.expectedCash, difference: z.difference },
      });
      if (printer) {
        z.printJob = await enqueuePrintJob(this.db, { deviceId: printer, kind: 'z-report', documentId: shift.id, document: this.#document(z, auth.locale) });
      }
      return z;
    });
    if (printer) this.printing.notify(printer);
    this.afterZ();
    return report;
  }
}
