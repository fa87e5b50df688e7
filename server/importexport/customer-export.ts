import ExcelJS from 'exceljs';
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

/** One customer's purchases and returns, a line per receipt line, for the customer or an accountant. */
export function historyCsv(history: CustomerHistory): Buffer {
  const rows = history.documents.flatMap((d) =>
    d.lines.map((l) => [d.createdAt.slice(0, 19).replace('T', ' '), d.kind, d.number, l.name, l.quantityMilli / 1000, l.amount / 100, d.total / 100, d.discounts.map((x) => x.reason).join(', ')]),
  );
  return Buffer.from(csvFile([['Date', 'Kind', 'Receipt', 'Item', 'Quantity', 'Line amount', 'Receipt total', 'Discounts'], ...rows]), 'utf8');
}
