import { ShiftReportSchema, type ShiftReport } from '../../shared/schemas/shifts.ts';
import type { Db, Tx } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';
import { shiftFigures, type ShiftFigures } from './report.ts';

/** A shift row with what a report of it needs. */
export interface ShiftRecord {
  id: string;
  number: number;
  openedAt: Date;
  openedById: string;
  openingFloat: number;
  closedAt: Date | null;
  closedById: string | null;
  countedCash: number | null;
  expectedCash: number | null;
  zReport: string | null;
  register: { code: string };
}

export const shiftRecordSelect = {
  id: true, number: true, openedAt: true, openedById: true, openingFloat: true, closedAt: true, closedById: true, countedCash: true, expectedCash: true, zReport: true,
  register: { select: { code: true } },
} as const;

async function userNames(client: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const users = await client.user.findMany({ where: { id: { in: ids.filter((id): id is string => !!id) } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** The shift's figures from its documents (sales, returns, cash movements) as they are stored. */
export async function figuresOfShift(client: Tx, shiftId: string, openingFloat: number): Promise<ShiftFigures> {
  const [sales, movements] = await Promise.all([
    client.sale.findMany({
      where: { shiftId },
      orderBy: { seq: 'asc' },
      select: {
        kind: true, number: true, originalSaleId: true, createdAt: true, total: true, discountTotal: true,
        payments: { select: { method: true, amount: true } },
        lines: { select: { kind: true, taxRateBp: true, amount: true, taxAmount: true } },
        discounts: { select: { source: true, amount: true } },
      },
    }),
    client.cashMovement.findMany({ where: { shiftId }, orderBy: { createdAt: 'asc' }, select: { kind: true, amount: true, reason: true, createdAt: true, userId: true } }),
  ]);
  const originals = await client.sale.findMany({ where: { id: { in: sales.flatMap((s) => (s.originalSaleId ? [s.originalSaleId] : [])) } }, select: { id: true, number: true } });
  const numberOf = new Map(originals.map((o) => [o.id, o.number]));
  const names = await userNames(client, movements.map((m) => m.userId));
  return shiftFigures({
    openingFloat,
    sales: sales.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), originalNumber: s.originalSaleId ? numberOf.get(s.originalSaleId) ?? null : null })),
    cashMovements: movements.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), user: names.get(m.userId) ?? '?' })),
  });
}

/** A report of the shift from its documents: the X of an open shift, or the Z as the shift was closed. */
export async function buildShiftReport(
  client: Tx,
  outlet: OutletInfo,
  shift: ShiftRecord,
  kind: 'X' | 'Z',
  at: { printedAt: Date; cashier: string },
): Promise<ShiftReport> {
  const [figures, names] = await Promise.all([figuresOfShift(client, shift.id, shift.openingFloat), userNames(client, [shift.openedById, shift.closedById])]);
  const counted = kind === 'Z' ? shift.countedCash : null;
  return {
    reportKind: kind,
    shiftId: shift.id,
    shiftNumber: shift.number,
    register: shift.register.code,
    currency: outlet.view.currency,
    timeZone: outlet.view.timezone,
    openedAt: shift.openedAt.toISOString(),
    openedBy: names.get(shift.openedById) ?? '?',
    closedAt: kind === 'Z' ? shift.closedAt?.toISOString() ?? null : null,
    closedBy: kind === 'Z' && shift.closedById ? names.get(shift.closedById) ?? '?' : null,
    printedAt: at.printedAt.toISOString(),
    cashier: at.cashier,
    openingFloat: shift.openingFloat,
    ...figures,
    countedCash: counted,
    difference: counted === null ? null : counted - figures.expectedCash,
    printJob: null,
  };
}

/**
 * A closed shift's Z as it was closed. Zs kept before they held every figure are made whole again
 * from the shift's documents (which never change), with the cash as it was counted and expected then.
 */
export async function closedShiftReport(db: Db, outlet: OutletInfo, shift: ShiftRecord): Promise<ShiftReport> {
  const stored = ShiftReportSchema.safeParse(JSON.parse(shift.zReport ?? '{}'));
  if (stored.success) return stored.data;
  const old = JSON.parse(shift.zReport ?? '{}') as { printedAt?: string; cashier?: string };
  const report = await buildShiftReport(db, outlet, shift, 'Z', { printedAt: new Date(old.printedAt ?? shift.closedAt ?? shift.openedAt), cashier: old.cashier ?? '?' });
  const expectedCash = shift.expectedCash ?? report.expectedCash;
  return { ...report, expectedCash, difference: shift.countedCash === null ? null : shift.countedCash - expectedCash };
}
