import type { Prisma } from '../../prisma/generated/outlet/client.ts';

export const saleInclude = {
  lines: { orderBy: { lineNo: 'asc' } },
  discounts: true,
  payments: true,
} as const satisfies Prisma.SaleInclude;

export type SaleRecord = Prisma.SaleGetPayload<{ include: typeof saleInclude }>;

/** Names and numbers a sale view or receipt shows besides the sale's own rows. */
export interface SaleContext {
  cashierName: string;
  registerCode: string;
  customer: { id: string; name: string; card: string | null } | null;
  originalNumber: string | null;
  /** Sale line id → quantity already returned. */
  returnedMilli: Map<string, number>;
  /** Points this document earned (negative: taken back by a return) and the customer's balance. */
  points: { earned: number; balance: number } | null;
}
