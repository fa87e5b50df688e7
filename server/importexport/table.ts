import chardet from 'chardet';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** A file read into rows of text cells, with what was detected about it. */
export interface Table {
  encoding: string;
  delimiter: string | null;
  headers: string[];
  rows: string[][];
}

export const ENCODINGS = ['utf-8', 'windows-1251', 'windows-1257', 'windows-1252', 'windows-1250', 'iso-8859-13', 'koi8-r', 'utf-16le'] as const;

/**
 * Decodes text: a BOM decides; else strict UTF-8 if it decodes; else the most likely of the
 * single-byte code pages our shops' files come in (Excel in Russian and Baltic Windows).
 */
export function decodeText(bytes: Buffer, encoding?: string): { text: string; encoding: string } {
  if (encoding) return { text: iconv.decode(bytes, encoding).replace(/^\uFEFF/, ''), encoding };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const guesses = chardet.analyse(bytes).map((g) => g.name.toLowerCase());
    const guess = guesses.find((g) => (ENCODINGS as readonly string[]).includes(g)) ?? (/[\xc0-\xff]{3}/.test(bytes.toString('latin1')) ? 'windows-1251' : 'windows-1252');
    return { text: iconv.decode(bytes, guess), encoding: guess };
  }
}

/** The delimiter that splits the first lines into the same number of columns most often. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 20);
  let best = ',';
  let bestScore = -1;
  for (const candidate of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(candidate).length - 1);
    const consistent = counts.filter((c) => c > 0 && c === counts[0]).length;
    const score = counts[0] > 0 ? consistent * 100 + counts[0] : -1;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Reads a CSV (any of our encodings and delimiters) or an XLSX file (first sheet). */
export async function readTable(bytes: Buffer, fileName: string, options: { encoding?: string; delimiter?: string } = {}): Promise<Table> {
  if (/\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { encoding: 'xlsx', delimiter: null, headers: [], rows: [] };
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => cellText(v));
      rows.push(values);
    });
    const [headers = [], ...data] = rows;
    return { encoding: 'xlsx', delimiter: null, headers: headers.map((h) => h.trim()), rows: data };
  }
  const { text, encoding } = decodeText(bytes, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  const [headers = [], ...rows] = records;
  return { encoding, delimiter, headers, rows };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return String(value).trim();
}
