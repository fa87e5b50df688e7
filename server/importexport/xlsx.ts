import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { pickSharedStrings, SharedStringFile, type SharedStrings } from './shared-strings.ts';
import { unreadable, XlsxParts } from './xlsx-parts.ts';

const SHARED_STRINGS = 'xl/sharedStrings.xml';

/** The parts of exceljs's streaming reader this module drives (they are not in its type definitions). */
interface WorkbookReaderInternals {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseWorksheet(xml: AsyncIterable<string>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

/**
 * exceljs's streaming workbook reader, given its parts by `XlsxParts` instead of unzipping the
 * upload itself (its unzipper inflates whatever a file claims): cells are read as exceljs reads
 * them, within bounds. Shared strings are not cached: a cell of type "s" is `{ sharedString: index }`.
 */
class BoundedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(private readonly parts: XlsxParts) {
    super('', { sharedStrings: 'ignore', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  }

  override async *parse() {
    const reader = this as unknown as WorkbookReaderInternals;
    const stream = (part: string) => Readable.from(this.parts.xml(part));
    await reader._parseRels(stream('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(stream('xl/workbook.xml'));
    // The workbook's first sheet, wherever the zip keeps it.
    const first = reader.model?.sheets?.[0];
    const target = reader.workbookRels?.find((r) => r.Id === first?.rId)?.Target;
    if (!target) throw unreadable('it has no sheet');
    const part = target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target);
    yield* reader._parseWorksheet(this.parts.xml(part, { rows: true }), /(\d+)\.xml$/.exec(part)?.[1] ?? '1');
  }
}

/** The first sheet's rows as exceljs reads their cells. */
async function* sheetRows(parts: XlsxParts): AsyncGenerator<unknown[]> {
  for await (const sheet of new BoundedWorkbookReader(parts)) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) yield (row.values as unknown[]).slice(1);
    break;
  }
}

function cellText(value: unknown, strings: SharedStrings): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { sharedString?: number; text?: string; result?: unknown; richText?: { text: string }[] };
    if (v.sharedString !== undefined) return cellText(strings.get(v.sharedString), strings);
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return cellText(v.result, strings);
  }
  return String(value).trim();
}

const rowText = (cells: unknown[], strings: SharedStrings) => cells.map((v) => cellText(v, strings));

/** An XLSX file's first sheet being read row by row. */
export interface XlsxTable {
  headers: string[];
  rows: AsyncIterable<string[]>;
  /** Stops reading (what was not read is not unpacked) and lets go of the files. */
  close(): Promise<void>;
}

/**
 * Opens the first sheet of an XLSX file on disk for an import. Its shared strings are unpacked
 * first into a temporary file in `workDir`, so that rows can be read from the sheet as a stream.
 */
export async function openXlsx(file: string, workDir: string): Promise<XlsxTable> {
  const parts = await XlsxParts.open(file);
  let strings: SharedStringFile | null = null;
  try {
    strings = parts.has(SHARED_STRINGS) ? await SharedStringFile.fill(path.join(workDir, 'shared-strings.db'), parts.xml(SHARED_STRINGS)) : null;
    const lookup: SharedStrings = strings ?? new Map();
    const rows = sheetRows(parts);
    const first = await rows.next();
    return {
      headers: first.done ? [] : rowText(first.value, lookup).map((h) => h.trim()),
      rows: (async function* () {
        for await (const cells of rows) yield rowText(cells, lookup);
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
 * The first rows of an XLSX file's first sheet and how many rows it has. The sheet is read to
 * its end to count them, and the shared strings only up to the last one the first rows show.
 */
export async function previewXlsx(file: string, sampleRows: number): Promise<{ headers: string[]; rows: string[][]; total: number }> {
  const parts = await XlsxParts.open(file);
  try {
    const shown: unknown[][] = [];
    let total = -1; // the header is no row of data
    for await (const cells of sheetRows(parts)) {
      if (shown.length <= sampleRows) shown.push(cells);
      total += 1;
    }
    const wanted = new Set(shown.flat().flatMap((v) => (v && typeof v === 'object' && 'sharedString' in v ? [(v as { sharedString: number }).sharedString] : [])));
    const strings = parts.has(SHARED_STRINGS) ? await pickSharedStrings(parts.xml(SHARED_STRINGS), wanted) : new Map<number, string>();
    const [headers = [], ...rows] = shown.map((cells) => rowText(cells, strings));
    return { headers: headers.map((h) => h.trim()), rows, total: Math.max(total, 0) };
  } finally {
    parts.close();
  }
}
