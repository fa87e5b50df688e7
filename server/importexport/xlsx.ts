import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { badRequest } from '../http/errors.ts';
import type { TableRow } from './csv-records.ts';
import { excelSerialDay } from './dates.ts';
import { pickSharedStrings, SharedStringFile, type SharedStrings } from './shared-strings.ts';
import { SPREADSHEET_LIMITS, unreadable, XlsxParts } from './xlsx-parts.ts';

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';

/** The parts of exceljs's streaming reader this module drives (they are not in its type definitions). */
interface WorkbookReaderInternals {
  model?: { sheets?: { rId: string; name: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(xml: AsyncIterable<string>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

/** A workbook's sheets, in the order Excel shows their tabs. */
export interface SheetList {
  names: string[];
  /** The sheet read when none is chosen: the first one shown. */
  first: string;
  date1904: boolean;
}

/**
 * exceljs's streaming workbook reader, given its parts by `XlsxParts` instead of unzipping the
 * upload itself (its unzipper inflates whatever a file claims): cells are read as exceljs reads
 * them, within bounds, with their number formats (styles cached: a date cell arrives as a Date,
 * in the workbook's 1900 or 1904 system). Shared strings are not cached: a cell of type "s" is
 * `{ sharedString: index }`.
 */
class BoundedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  readonly #internals = this as unknown as WorkbookReaderInternals;

  constructor(private readonly parts: XlsxParts) {
    super('', { sharedStrings: 'ignore', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  }

  #stream(part: string) {
    return Readable.from(this.parts.xml(part));
  }

  /** Reads the workbook's sheet list and its date system (and, for rows, its styles). */
  async open(styles: boolean): Promise<SheetList> {
    await this.#internals._parseRels(this.#stream('xl/_rels/workbook.xml.rels'));
    await this.#internals._parseWorkbook(this.#stream('xl/workbook.xml'));
    if (styles && this.parts.has(STYLES)) {
      this.parts.refuseBeyond(STYLES, SPREADSHEET_LIMITS.stylesBytes);
      await this.#internals._parseStyles(this.#stream(STYLES));
    }
    const sheets = this.#internals.model?.sheets ?? [];
    if (!sheets.length) throw unreadable('it has no sheet');
    return {
      names: sheets.map((s) => s.name),
      first: (sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0]).name,
      date1904: this.#internals.properties?.model?.date1904 === true,
    };
  }

  /** The rows of a sheet, wherever the zip keeps it. */
  async *rows(name: string): AsyncGenerator<ExcelJS.Row> {
    const sheet = this.#internals.model?.sheets?.find((s) => s.name === name);
    const target = this.#internals.workbookRels?.find((r) => r.Id === sheet?.rId)?.Target;
    if (!target) throw unreadable(`it has no sheet "${name}"`);
    const part = target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target);
    for (const event of this.#internals._parseWorksheet(this.parts.xml(part, { rows: true }), /(\d+)\.xml$/.exec(part)?.[1] ?? '1')) {
      if (event.eventType !== 'worksheet') continue;
      for await (const row of event.value as AsyncIterable<ExcelJS.Row>) yield row;
      return;
    }
  }
}

/** A number as Excel shows it in General format: at most 15 significant digits, no exponent for whole numbers. */
function numberText(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** A date cell's day (and time, when it has one). */
function dateText(value: Date): string {
  const iso = value.toISOString();
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

const isDateFormat = (format: string | undefined) => !!format && /[ymd]/i.test(format.replace(/\[[^\]]*]|"[^"]*"/g, ''));

/** A cell's value, read by its type: text, shared or rich text, a number, a date, a formula by its cached result, a boolean. */
function cellText(cell: { value: unknown; numFmt?: string }, strings: SharedStrings, date1904: boolean): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value.trim();
  const v = value as { sharedString?: number; richText?: { text: string }[]; formula?: string; result?: unknown; error?: string; text?: string };
  if (v.sharedString !== undefined) return (strings.get(v.sharedString) ?? '').trim();
  if (v.richText) return v.richText.map((r) => r.text).join('').trim();
  if (v.formula !== undefined || 'result' in v) {
    // A formula's cached result; a date formula's result is a serial, which its format makes a date.
    if (typeof v.result === 'number' && isDateFormat(cell.numFmt)) return excelSerialDay(v.result, date1904) ?? numberText(v.result);
    return v.result === undefined || Number.isNaN(v.result) || (typeof v.result === 'object' && v.result !== null) ? '' : cellText({ value: v.result }, strings, date1904);
  }
  if (v.error !== undefined) return '';
  if (v.text !== undefined) return String(v.text).trim();
  return '';
}

/** A row's cells as the sheet has them: columns with no cell (exceljs leaves holes) read as empty. */
function rowCells(row: ExcelJS.Row): { numFmt?: string; value: unknown }[] {
  const cells: { numFmt?: string; value: unknown }[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = { value: cell.value, numFmt: cell.numFmt };
  });
  return Array.from(cells, (c) => c ?? { value: null });
}

/** An XLSX sheet being read row by row. */
export interface XlsxTable {
  sheets: SheetList;
  sheet: string;
  headers: string[];
  rows: AsyncIterable<TableRow>;
  /** Stops reading (what was not read is not unpacked) and lets go of the files. */
  close(): Promise<void>;
}

function chosenSheet(sheets: SheetList, wanted: string | undefined): string {
  if (!wanted) return sheets.first;
  if (!sheets.names.includes(wanted)) throw badRequest('unknown-sheet', `The workbook has no sheet "${wanted}"; it has ${sheets.names.map((n) => `"${n}"`).join(', ')}`, [{ path: 'querystring.sheet', message: 'no such sheet' }], { sheet: wanted, sheets: sheets.names });
  return wanted;
}

/** The first row with a filled cell is the header; rows before it are nothing. */
const isBlank = (cells: string[]) => cells.every((c) => c === '');

/**
 * Opens a sheet of an XLSX file on disk for an import (the first shown unless one is named). Its
 * shared strings are unpacked first into a temporary file in `workDir`, so that rows can be read
 * from the sheet as a stream.
 */
export async function openXlsx(file: string, workDir: string, sheetName?: string): Promise<XlsxTable> {
  const parts = await XlsxParts.open(file);
  let strings: SharedStringFile | null = null;
  try {
    const reader = new BoundedWorkbookReader(parts);
    const sheets = await reader.open(true);
    const sheet = chosenSheet(sheets, sheetName);
    strings = parts.has(SHARED_STRINGS) ? await SharedStringFile.fill(path.join(workDir, 'shared-strings.db'), parts.xml(SHARED_STRINGS)) : null;
    const lookup: SharedStrings = strings ?? new Map();
    const rows = reader.rows(sheet);
    const text = (row: ExcelJS.Row) => rowCells(row).map((c) => cellText(c, lookup, sheets.date1904));
    let headers: string[] = [];
    // next(), not for…of with break: breaking out would end the generator the rows come from.
    for (let r = await rows.next(); !r.done; r = await rows.next()) {
      headers = text(r.value);
      if (!isBlank(headers)) break;
    }
    return {
      sheets,
      sheet,
      headers,
      rows: (async function* () {
        for await (const row of rows) yield { line: row.number, cells: text(row) };
      })(),
      async close() {
        await rows.return(undefined);
        strings?.close();
        parts.close();
      },
    };
  } catch (err) {
    strings?.close();
    parts.close();
    throw err;
  }
}

/**
 * The first rows of a sheet of an XLSX file and how many rows it has. The sheet is read to its
 * end to count them, and the shared strings only up to the last one the first rows show.
 */
export async function previewXlsx(file: string, sampleRows: number, sheetName?: string): Promise<{ sheets: SheetList; sheet: string; headers: string[]; rows: TableRow[]; total: number }> {
  const parts = await XlsxParts.open(file);
  try {
    const reader = new BoundedWorkbookReader(parts);
    const sheets = await reader.open(true);
    const sheet = chosenSheet(sheets, sheetName);
    const shown: { line: number; cells: { numFmt?: string; value: unknown }[] }[] = [];
    let total = -1; // the header is no row of data
    for await (const row of reader.rows(sheet)) {
      const cells = rowCells(row);
      if (cells.every((c) => c.value === null || c.value === undefined || c.value === '')) continue;
      if (shown.length <= sampleRows) shown.push({ line: row.number, cells });
      total += 1;
    }
    const wanted = new Set(shown.flatMap((r) => r.cells.flatMap((c) => (c.value && typeof c.value === 'object' && 'sharedString' in c.value ? [(c.value as { sharedString: number }).sharedString] : []))));
    const strings = parts.has(SHARED_STRINGS) ? await pickSharedStrings(parts.xml(SHARED_STRINGS), wanted) : new Map<number, string>();
    const [headers = { line: 1, cells: [] }, ...rows] = shown.map((r) => ({ line: r.line, cells: r.cells.map((c) => cellText(c, strings, sheets.date1904)) }));
    return { sheets, sheet, headers: headers.cells, rows, total: Math.max(total, 0) };
  } finally {
    parts.close();
  }
}
