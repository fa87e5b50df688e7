import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/** A text that a spreadsheet would run as a formula (OWASP "CSV injection"), after any apostrophes an earlier escape left. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A plain number ("-12.50", "+37060000000") runs nothing: it stays readable as the number it is. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * A cell as a CSV may carry it: a text that would start a formula gets a leading apostrophe, which
 * spreadsheets show as text. Numbers, and texts that are only a number, stay as they are.
 */
export function spreadsheetSafe(cell: CsvCell): string | number {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' || PLAIN_NUMBER.test(cell) || !FORMULA_START.test(cell)) return cell;
  return `'${cell}`;
}

/** Takes back the apostrophe `spreadsheetSafe` added, so that a file the product wrote imports as it was. */
export function unescapeCell(text: string): string {
  return FORMULA_START.test(text) && text.startsWith("'") ? text.slice(1) : text;
}

/**
 * The one way the product writes a CSV: every cell made spreadsheet-safe, UTF-8 with a BOM (Excel
 * then reads the encoding right), ";" between columns unless the reader expects another delimiter.
 */
export function csvFile(rows: CsvCell[][], options: { delimiter?: string } = {}): string {
  return `\uFEFF${csvRows(rows, options)}`;
}

/** More rows of a file `csvFile` began (no BOM): for a file written a page at a time. */
export function csvRows(rows: CsvCell[][], options: { delimiter?: string } = {}): string {
  return stringify(rows.map((row) => row.map(spreadsheetSafe)), { delimiter: options.delimiter ?? ';', quoted_match: /^'/ });
}
