import ExcelJS from 'exceljs';
import { localTimeIn } from '../../shared/time.ts';
import type { CustomerHistory, CustomerView } from '../../shared/schemas/customers.ts';
import { csvFile } from './csv-file.ts';

const HEADERS = ['Name', 'Phone', 'Email', 'Card', 'Category', 'Personal discount %', 'Spend'];

function rows(customers: CustomerView[]): (string | number)[][] {
  return customers.map((c) => [c.name, c.phone ?? '', c.email ?? '', c.cards.join(' '), c.categoryName ?? '', c.personalDiscountBp / 100, c.cumulativeSpend / 100]);
}

export function customersCsv(customers: CustomerView[]): Buffer {
  return Buffer.from(csvFile([HEADERS, ...rows(customers)]), 'utf8');
}

export async function customersXlsx(customers: CustomerView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Customers');
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of rows(customers)) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 22));
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
