import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { localTimeIn } from '../../shared/time.ts';
import type { CustomerHistory, CustomerView } from '../../shared/schemas/customers.ts';
import { csvFile, csvRows } from './csv-file.ts';

const HEADERS = ['Name', 'Phone', 'Email', 'Card', 'Category', 'Personal discount %', 'Spend'];

function rows(customers: CustomerView[]): (string | number)[][] {
  return customers.map((c) => [c.name, c.phone ?? '', c.email ?? '', c.cards.join(' '), c.categoryName ?? '', c.personalDiscountBp / 100, c.cumulativeSpend / 100]);
}

/** Customers as a CSV, written as their pages are read. */
export function customersCsv(pages: Iterable<CustomerView[]>): Readable {
  return Readable.from(
    (function* () {
      yield csvFile([HEADERS]);
      for (const page of pages) yield csvRows(rows(page));
    })(),
  );
}

/** Customers as an XLSX workbook, written as their pages are read (exceljs's streaming writer: a row is gone once written). */
export function customersXlsx(pages: Iterable<CustomerView[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Customers');
  sheet.columns = HEADERS.map((header) => ({ header, width: 22 }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for (const page of pages) {
        for (const row of rows(page)) sheet.addRow(row).commit();
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
