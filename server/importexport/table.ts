import chardet from 'chardet';
import { parse } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { badRequest } from '../http/errors.ts';
import { unescapeCell } from './csv-file.ts';

export const ENCODINGS = ['utf-8', 'windows-1251', 'windows-1257', 'windows-1252', 'windows-1250', 'iso-8859-13', 'koi8-r', 'utf-16le'] as const;

/**
 * Decodes text: a BOM decides; else strict UTF-8 if it decodes; else the most likely of the
 * single-byte code pages our shops' files come in (Excel in Russian and Baltic Windows).
 */
export function decodeText(bytes: Buffer, encoding?: string, partial = false): { text: string; encoding: string } {
  if (encoding) return { text: iconv.decode(bytes, encoding).replace(/^\uFEFF/, ''), encoding };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  try {
    // A head of a longer file may end inside a character: `stream` leaves that one undecided.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial }), encoding: 'utf-8' };
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

/** A file being read row by row: nothing but the current chunk is held in memory. */
export interface TableStream {
  encoding: string;
  delimiter: string | null;
  headers: string[];
  rows: AsyncIterable<string[]>;
  /** Bytes of the file read so far. */
  bytesRead(): number;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Opens a CSV (any of our encodings and delimiters) or an XLSX file (first sheet) as a stream of
 * rows. Encoding and delimiter are decided from the first 64 KB; `maxBytes` stops a runaway upload.
 */
export async function openTable(source: AsyncIterable<Buffer | Uint8Array>, fileName: string, options: { encoding?: string; delimiter?: string; maxBytes?: number } = {}): Promise<TableStream> {
  const chunks = source[Symbol.asyncIterator]();
  let read = 0;
  const next = async () => {
    const r = await chunks.next();
    if (r.done) return null;
    const chunk = Buffer.from(r.value);
    read += chunk.length;
    if (options.maxBytes && read > options.maxBytes) throw badRequest('file-too-large', `The file is larger than ${Math.round(options.maxBytes / 1048576)} MB`, [{ path: 'body', message: 'file too large' }]);
    return chunk;
  };
  const headParts: Buffer[] = [];
  let headLength = 0;
  while (headLength < HEAD_BYTES) {
    const chunk = await next();
    if (!chunk) break;
    headParts.push(chunk);
    headLength += chunk.length;
  }
  const head = Buffer.concat(headParts);
  const whole = Readable.from(
    (async function* () {
      if (head.length) yield head;
      for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
    })(),
  );

  if (/\.xlsx$/i.test(fileName) || (head[0] === 0x50 && head[1] === 0x4b)) return openXlsx(whole, () => read);

  const { encoding } = decodeText(head, options.encoding, true);
  const sample = iconv.decode(head, encoding);
  const delimiter = options.delimiter ?? detectDelimiter(sample);
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  // pipeline, not pipe: a broken upload must fail the rows' iteration, not leave it waiting.
  pipeline(whole, iconv.decodeStream(encoding), parser, () => {});
  const records = (async function* () {
    for await (const record of parser as AsyncIterable<string[]>) yield record.map(unescapeCell);
  })();
  const first = await records.next();
  const headers = first.done ? [] : first.value;
  return { encoding, delimiter, headers, rows: { [Symbol.asyncIterator]: () => records }, bytesRead: () => read };
}

async function openXlsx(stream: Readable, bytesRead: () => number): Promise<TableStream> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  const rows = (async function* () {
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) yield (row.values as unknown[]).slice(1).map((v) => unescapeCell(cellText(v)));
      break; // the first sheet only
    }
  })();
  const first = await rows.next();
  const headers = first.done ? [] : first.value.map((h) => h.trim());
  return { encoding: 'xlsx', delimiter: null, headers, rows: { [Symbol.asyncIterator]: () => rows }, bytesRead };
}

/** The first rows of a file and how many it has, for the import preview. */
export async function previewTable(bytes: Buffer, fileName: string, options: { encoding?: string; delimiter?: string } = {}, sampleRows = 10) {
  const table = await openTable(Readable.from([bytes]), fileName, options);
  const rows: string[][] = [];
  let total = 0;
  for await (const row of table.rows) {
    if (rows.length < sampleRows) rows.push(row);
    total += 1;
  }
  return { encoding: table.encoding, delimiter: table.delimiter, headers: table.headers, rows, total };
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
