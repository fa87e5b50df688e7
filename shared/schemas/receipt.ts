import type { PaymentMethod } from './sales.ts';
import type { ShiftReport } from './shifts.ts';
// What a printed receipt or shift report says, independent of any printer. The server builds it
// from committed documents; drivers/printers render it for a printer's profile.

export interface ReceiptDocument {
  type: 'receipt';
  /** sale | return */
  kind: 'sale' | 'return';
  /** True when reprinted: the printout says COPY. */
  copy: boolean;
  /** BCP 47 locale for labels, numbers and dates ("en", "ru"). */
  locale: string;
  currency: string;
  header: string[];
  footer: string[];
  number: string;
  /** For a return: the number of the original receipt. */
  originalNumber?: string | null;
  /** ISO 8601 with offset. */
  issuedAt: string;
  /** The outlet's IANA time zone: dates print as the shop's clock shows them. */
  timeZone: string;
  cashier: string;
  register: string;
  customer?: { name: string; card?: string | null } | null;
  lines: {
    name: string;
    unit: 'piece' | 'kg' | 'l' | 'm';
    quantityMilli: number;
    unitPrice: number;
    grossAmount: number;
    discounts: { reason: string; amount: number }[];
    amount: number;
  }[];
  subtotal: number;
  discountTotal: number;
  total: number;
  taxes: { rateBp: number; net: number; tax: number; gross: number }[];
  payments: { method: PaymentMethod; amount: number; tendered?: number | null; change?: number | null; reference?: string | null }[];
  /** Points earned by this sale and the customer's balance after it. */
  points?: { earned: number; balance: number } | null;
  /** Encoded as a barcode (CODE128) for returns: the receipt number. */
  barcode: string;
}

/** An X or Z report as printed: the report's figures with what the paper needs besides them. */
export type ShiftReportDocument = Omit<ShiftReport, 'printJob' | 'shiftId'> & {
  type: 'shift-report';
  locale: string;
  header: string[];
  /** True when printed again: the printout says COPY. */
  copy?: boolean;
};

export type PrintableDocument = ReceiptDocument | ShiftReportDocument;
