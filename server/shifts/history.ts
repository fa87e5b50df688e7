import { DISCOUNT_SOURCES } from '../../shared/schemas/pricing.ts';
import { PaymentMethodSchema } from '../../shared/schemas/sales.ts';
import type { ShiftHistory } from '../../shared/schemas/reports.ts';
import type { ShiftReport } from '../../shared/schemas/shifts.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { Db } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';
import { closedShiftReport, shiftRecordSelect } from './z-reports.ts';

/** The Z reports of the shifts closed in a period, latest first. */
export async function closedShiftReports(db: Db, outlet: OutletInfo, period: { from: Date; to: Date }): Promise<ShiftReport[]> {
  const shifts = await db.shift.findMany({
    where: { outletId: outlet.id, closedAt: { gte: period.from, lt: period.to } },
    orderBy: { closedAt: 'desc' },
    select: shiftRecordSelect,
  });
  return Promise.all(shifts.map((s) => closedShiftReport(db, outlet, s)));
}

/** Shift history with the cash difference of each (counted − expected) and the period's totals. */
export function shiftHistory(reports: ShiftReport[]): Omit<ShiftHistory, 'timeZone'> {
  const rows = reports.map((z) => ({
    id: z.shiftId,
    register: z.register,
    number: z.shiftNumber,
    openedAt: z.openedAt,
    openedBy: z.openedBy,
    closedAt: z.closedAt ?? '',
    closedBy: z.closedBy ?? '?',
    salesTotal: z.salesTotal,
    returnsTotal: z.returnsTotal,
    discountTotal: z.discountTotal,
    depositsTaken: z.deposits.taken,
    expectedCash: z.expectedCash,
    countedCash: z.countedCash ?? 0,
    difference: (z.countedCash ?? 0) - z.expectedCash,
  }));
  const sum = (k: 'salesTotal' | 'returnsTotal' | 'difference') => rows.reduce((t, r) => t + r[k], 0);
  return { rows, totals: { salesTotal: sum('salesTotal'), returnsTotal: sum('returnsTotal'), difference: sum('difference'), short: rows.filter((r) => r.difference < 0).length } };
}

/**
 * The shift history as a table for CSV and XLSX: every figure of each Z in columns (a column per
 * discount source, tender and tax rate any of the shifts had), times on the outlet's clock, money
 * in major units.
 */
export function shiftHistoryRows(reports: ShiftReport[], digits: number): (string | number)[][] {
  const money = (minor: number) => minor / 10 ** digits;
  const time = (iso: string | null) => (iso ? localTimeIn(reports[0]?.timeZone ?? 'UTC', new Date(iso)).slice(0, 16).replace('T', ' ') : '');
  const sources = DISCOUNT_SOURCES.filter((s) => reports.some((z) => z.discounts.some((d) => d.source === s)));
  const methods = PaymentMethodSchema.options.filter((m) => reports.some((z) => z.tenders.some((t) => t.method === m)));
  const rates = [...new Set(reports.flatMap((z) => z.taxes.map((t) => t.rateBp)))].sort((a, b) => b - a);
  const header = [
    'Register', 'Shift', 'Opened', 'Opened by', 'Counted and closed', 'Counted by', 'Receipts', 'Sales', 'Returns (count)', 'Returns', 'Discounts',
    ...sources.map((s) => `Discounts: ${s}`),
    'Deposits taken', 'Deposits refunded', 'Deposits used',
    ...methods.flatMap((m) => [`${m}: taken`, `${m}: refunded`]),
    ...rates.flatMap((r) => [`VAT ${r / 100}%: net`, `VAT ${r / 100}%: VAT`, `VAT ${r / 100}%: gross`]),
    'Opening float', 'Cash in', 'Cash out', 'Cash movements', 'Expected cash', 'Counted cash', 'Difference',
  ];
  const rows = reports.map((z) => {
    const tender = (m: string) => z.tenders.find((t) => t.method === m);
    const tax = (r: number) => z.taxes.find((t) => t.rateBp === r);
    return [
      z.register, z.shiftNumber, time(z.openedAt), z.openedBy, time(z.closedAt), z.closedBy ?? '', z.salesCount, money(z.salesTotal), z.returnsCount, money(z.returnsTotal), money(z.discountTotal),
      ...sources.map((s) => money(z.discounts.find((d) => d.source === s)?.amount ?? 0)),
      money(z.deposits.taken), money(z.deposits.refunded), money(z.deposits.used),
      ...methods.flatMap((m) => [money(tender(m)?.sales ?? 0), money(tender(m)?.refunds ?? 0)]),
      ...rates.flatMap((r) => [money(tax(r)?.net ?? 0), money(tax(r)?.tax ?? 0), money(tax(r)?.gross ?? 0)]),
      money(z.openingFloat), money(z.cashIn), money(z.cashOut),
      z.cashMovements.map((m) => `${time(m.createdAt)} ${m.kind} ${money(m.amount)} ${m.reason} (${m.user})`).join('; '),
      money(z.expectedCash), z.countedCash === null ? '' : money(z.countedCash), z.difference === null ? '' : money(z.difference),
    ];
  });
  return [header, ...rows];
}
