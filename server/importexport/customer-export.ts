import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { localTimeIn } from '../../shared/time.ts';
import type { CustomerHistory, CustomerView } from '../../shared/schemas/customers.ts';
import { csvFile, csvRows } from './csv-file.ts';
import type { CustomFieldDefinition, CustomFieldValue } from '../../shared/schemas/custom-fields.ts';

const HEADERS = ['Name', 'Phone', 'Email', 'Card', 'Category', 'Personal discount %', 'Spend'];

/** The owner's custom fields an export adds as columns (headed by their labels, which an import maps back), and their values for a page of customers. */
export interface ExportedFields {
  fields: CustomFieldDefinition[];
  valuesOf(ids: string[]): Map<string, Record<string, CustomFieldValue>>;
  /** Minor units in a major unit (money fields are written as amounts, like spend). */
  digits: number;
}

const cellOf = (field: CustomFieldDefinition, value: CustomFieldValue | undefined, digits: number): string | number => {
  if (value === undefined) return '';
  if (field.type === 'money') return (value as number) / 10 ** digits;
  if (field.type === 'yes-no') return value ? 'yes' : 'no';
  return value as string | number;
};

function rows(customers: CustomerView[], custom: ExportedFields): (string | number)[][] {
  const values = custom.valuesOf(customers.map((c) => c.id));
  return customers.map((c) => [
    c.name, c.phone ?? '', c.email ?? '', c.cards.join(' '), c.categoryName ?? '', c.personalDiscountBp / 100, c.cumulativeSpend / 100,
    ...custom.fields.map((f) => cellOf(f, values.get(c.id)?.[f.key], custom.digits)),
  ]);
}

const headers = (custom: ExportedFields) => [...HEADERS, ...custom.fields.map((f) => f.label)];

/** Customers as a CSV, written as their pages are read. */
export function customersCsv(pages: Iterable<CustomerView[]>, custom: ExportedFields): Readable {
  return Readable.from(
    (function* () {
      yield csvFile([headers(custom)]);
      for (const page of pages) yield csvRows(rows(page, custom));
    })(),
  );
}

/** Customers as an XLSX workbook, written as their pages are read (exceljs's streaming writer: a row is gone once written). */
export function customersXlsx(pages: Iterable<CustomerView[]>, custom: ExportedFields): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Customers');
  sheet.columns = headers(custom).map((header) => ({ header, width: 22 }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for (const page of pages) {
        for (const row of rows(page, custom)) sheet.addRow(row).commit();
        // Lets the response take what was written before the next page is read.
        await new Promise((resolve) => setImmediate(resolve));
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/**
 * One customer's purchases and returns, a line per receipt line, for the customer or an
 * accountant: times on the outlet's clock, each line with its VAT and its amount without it.
 */
export function historyCsv(history: CustomerHistory, timeZone: string, digits: number): Buffer {
  const money = (minor: number) => minor / 10 ** digits;
  const rows = history.documents.flatMap((d) =>
    d.lines.map((l) => [localTimeIn(timeZone, new Date(d.createdAt)).replace('T', ' '), d.kind, d.number, l.name, l.kind, l.unit, l.quantityMilli / 1000, money(l.amount), money(l.taxAmount), money(l.amount - l.taxAmount), money(d.total), d.discounts.map((x) => x.reason).join(', ')]),
  );
  return Buffer.from(csvFile([['Date', 'Kind', 'Receipt', 'Item', 'Sold as', 'Unit', 'Quantity', 'Line amount', 'VAT', 'Without VAT', 'Receipt total', 'Discounts'], ...rows]), 'utf8');
}
