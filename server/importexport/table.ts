import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { pipeline as pipelineDone } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { PREVIEW_HEAD_BYTES, REPORTED_REJECTS, type TextEncoding } from '../../shared/schemas/importexport.ts';
import { AppError, badRequest } from '../http/errors.ts';
import { unescapeCell } from './csv-file.ts';
import { csvRecords, type TableRow } from './csv-records.ts';
import { decode, detectEncodings, sampleLine } from './encodings.ts';
import { openXlsx, previewXlsx } from './xlsx.ts';

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

/** A file being read row by row: nothing but the current chunk (and a sheet's current row) is held in memory. */
export interface TableStream {
  /** The text encoding read, or "xlsx". */
  encoding: string;
  delimiter: string | null;
  /** A workbook's sheets and the one read (null for a CSV). */
  sheets: string[] | null;
  sheet: string | null;
  /** Whether a workbook counts its dates from 1904 (serials in it are read so). */
  date1904: boolean;
  headers: string[];
  /**
   * The rows after the header, a batch at a time (none empty), blank ones left out, each with its
   * line (a CSV's) or row (a sheet's) number: a consumer goes through a batch without waiting.
   */
  batches: AsyncIterable<TableRow[]>;
}

/** Where a file's table comes from: the text encoding and delimiter, or the sheet, when the user chose them. */
export interface TableOptions {
  encoding?: TextEncoding;
  delimiter?: string;
  sheet?: string;
  maxBytes: number;
}

/** How much of a file encoding and delimiter are decided from. */
const HEAD_BYTES = 64 * 1024;

const megabytes = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

/** An upload as it arrives: counted, refused beyond `maxBytes`, and read only as far as it is needed. */
class Upload {
  #chunks: AsyncIterator<Buffer | Uint8Array>;
  #read = 0;
  #ended = false;

  constructor(
    source: AsyncIterable<Buffer | Uint8Array>,
    private readonly maxBytes: number,
  ) {
    this.#chunks = source[Symbol.asyncIterator]();
  }

  async next(): Promise<Buffer | null> {
    if (this.#ended) return null;
    const r = await this.#chunks.next();
    if (r.done) {
      this.#ended = true;
      return null;
    }
    this.#read += r.value.length;
    if (this.#read > this.maxBytes) {
      throw new AppError(413, 'file-too-large', `The file is larger than ${megabytes(this.maxBytes)}`, [{ path: 'body', message: `over the limit of ${megabytes(this.maxBytes)}` }]);
    }
    return Buffer.from(r.value);
  }

  /** At least `bytes` bytes from where the upload is (fewer at its end). */
  async take(bytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < bytes) {
      const chunk = await this.next();
      if (!chunk) break;
      parts.push(chunk);
      length += chunk.length;
    }
    return Buffer.concat(parts);
  }

  /** `head`, then the rest of the upload, as a stream. */
  stream(head: Buffer): Readable {
    const upload = this;
    return Readable.from(
      (async function* () {
        if (head.length) yield head;
        for (let chunk = await upload.next(); chunk; chunk = await upload.next()) yield chunk;
      })(),
      { objectMode: false },
    );
  }

  /**
   * Lets the rest of the upload go by unread, in the background, once the answer is known: the
   * client then gets the answer on a connection it can keep using.
   */
  discardRest(): void {
    if (this.#ended) return;
    this.#ended = true;
    void (async () => {
      try {
        while (!(await this.#chunks.next()).done);
      } catch {
        // The client hung up: nothing left to discard.
      }
    })();
  }
}

const isXlsx = (fileName: string, head: Buffer) => /\.xlsx$/i.test(fileName) || (head[0] === 0x50 && head[1] === 0x4b);

/** A directory for an XLSX upload and its shared strings, gone when the table is closed. */
async function workDirectory(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'till-import-'));
  return { dir, remove: () => fs.promises.rm(dir, { recursive: true, force: true }) };
}

/** Writes the upload (its head, then the rest) to a file: a zip is read from its end. */
async function spool(upload: Upload, head: Buffer, file: string): Promise<void> {
  await pipelineDone(upload.stream(head), fs.createWriteStream(file));
}

const unescaped = (cells: string[]) => cells.map(unescapeCell);
const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** Rows with their cells unescaped (apostrophes the product's own exports add), blank ones left out. */
function readableRows(rows: TableRow[]): TableRow[] {
  const readable: TableRow[] = [];
  for (const row of rows) {
    if ('malformed' in row) readable.push(row);
    else if (!isBlank(row.cells)) readable.push({ line: row.line, cells: unescaped(row.cells) });
  }
  return readable;
}

/** Batches of readable rows, empty ones left out. */
async function* readableBatches(batches: AsyncIterable<TableRow[]>): AsyncGenerator<TableRow[]> {
  for await (const batch of batches) {
    const readable = readableRows(batch);
    if (readable.length) yield readable;
  }
}

/** Rows read one at a time (a sheet's) taken in batches. */
async function* batched(rows: AsyncIterable<TableRow>, size = 500): AsyncGenerator<TableRow[]> {
  let batch: TableRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** A CSV's rows, its encoding and delimiter decided from its head (unless chosen); the first row that is not blank is the header. */
async function openCsv(whole: Readable, head: Buffer, options: Omit<TableOptions, 'maxBytes'>, partial: boolean) {
  const sample = head.subarray(0, HEAD_BYTES);
  const encodings = options.encoding ? [options.encoding] : detectEncodings(sample, partial || head.length > HEAD_BYTES);
  const encoding = encodings[0];
  const delimiter = options.delimiter ?? detectDelimiter(decode(sample, encoding));
  const text = iconv.decodeStream(encoding);
  // pipeline, not pipe: a broken upload must fail the rows' iteration, not leave it waiting.
  pipeline(whole, text, () => {});
  const batches = readableBatches(csvRecords(text as AsyncIterable<string>, delimiter));
  const first = await batches.next();
  const [header, ...rest] = first.done ? [] : first.value;
  if (header && 'malformed' in header) {
    throw badRequest('csv-unreadable', `The header in line ${header.line} cannot be read: ${header.malformed}`, [{ path: 'body', message: `line ${header.line}: ${header.malformed}` }]);
  }
  const table: TableStream = {
    encoding,
    delimiter,
    sheets: null,
    sheet: null,
    date1904: false,
    headers: header ? header.cells.map((h) => h.trim()) : [],
    batches: (async function* () {
      if (rest.length) yield rest;
      yield* batches;
    })(),
  };
  return { table, encodings };
}

/**
 * Opens a CSV (any of our encodings and delimiters) or an XLSX file (its first sheet shown, or the
 * one chosen) as a stream of rows, gives it to `use`, and cleans up after. Encoding and delimiter
 * are decided from the first 64 KB; an XLSX is written to a temporary file first (a zip is read
 * from its end) and read within `SPREADSHEET_LIMITS`; `maxBytes` stops a runaway upload.
 */
export async function withTable<T>(source: AsyncIterable<Buffer | Uint8Array>, fileName: string, options: TableOptions, use: (table: TableStream) => Promise<T>): Promise<T> {
  const upload = new Upload(source, options.maxBytes);
  try {
    const head = await upload.take(HEAD_BYTES);
    if (!isXlsx(fileName, head)) {
      const { table } = await openCsv(upload.stream(head), head, options, false);
      return await use(table);
    }
    const work = await workDirectory();
    try {
      const file = path.join(work.dir, 'upload.xlsx');
      await spool(upload, head, file);
      const sheet = await openXlsx(file, work.dir, options.sheet);
      try {
        return await use({
          encoding: 'xlsx',
          delimiter: null,
          sheets: sheet.sheets.names,
          sheet: sheet.sheet,
          date1904: sheet.sheets.date1904,
          headers: unescaped(sheet.headers),
          batches: readableBatches(batched(sheet.rows)),
        });
      } finally {
        await sheet.close();
      }
    } finally {
      await work.remove();
    }
  } finally {
    upload.discardRest();
  }
}

/** Rows a preview reads to tell the format of date columns. */
const DETECTION_ROWS = 1_000;

/** What a preview shows of a file before anything is written. */
export interface TablePreview {
  encoding: string;
  /** The readings of a text file worth comparing, best first: its first line beyond ASCII in each. */
  encodings: { encoding: TextEncoding; sample: string }[];
  delimiter: string | null;
  sheets: string[] | null;
  sheet: string | null;
  headers: string[];
  rows: string[][];
  /** Rows that cannot be read, with their line and why (in what was read of the file). */
  malformed: { line: number; reason: string }[];
  total: number;
  /** The first rows (up to DETECTION_ROWS), for telling each column's date format. */
  detectionRows: string[][];
  date1904: boolean;
}

/**
 * The first rows of a file and how many it has, for the import preview. A CSV is read only as far
 * as its first PREVIEW_HEAD_BYTES (the back office sends no more of a big file): the rows counted
 * are those in it. An XLSX is counted to its end, and its shared strings read only for the rows
 * shown.
 */
export async function previewTable(source: AsyncIterable<Buffer | Uint8Array>, fileName: string, options: TableOptions, sampleRows = 10): Promise<TablePreview> {
  const upload = new Upload(source, options.maxBytes);
  try {
    const taken = await upload.take(PREVIEW_HEAD_BYTES);
    if (isXlsx(fileName, taken)) {
      const work = await workDirectory();
      try {
        const file = path.join(work.dir, 'upload.xlsx');
        await spool(upload, taken, file);
        const table = await previewXlsx(file, sampleRows, options.sheet);
        const rows = table.rows.map((r) => unescaped(r.cells));
        return {
          encoding: 'xlsx',
          encodings: [],
          delimiter: null,
          sheets: table.sheets.names,
          sheet: table.sheet,
          headers: unescaped(table.headers),
          rows,
          malformed: [],
          total: table.total,
          detectionRows: rows,
          date1904: table.sheets.date1904,
        };
      } finally {
        await work.remove();
      }
    }
    // A body as long as the head is taken for the head of a longer file (it is what the back office
    // sends of one): it may end inside a row, so the part after its last line break is not read.
    const whole = taken.length < PREVIEW_HEAD_BYTES;
    let head = taken.subarray(0, PREVIEW_HEAD_BYTES);
    if (!whole) head = head.subarray(0, lastLineBreak(head));
    const { table, encodings } = await openCsv(Readable.from([head]), head, options, !whole);
    const rows: string[][] = [];
    const detectionRows: string[][] = [];
    const malformed: { line: number; reason: string }[] = [];
    let total = 0;
    for await (const batch of table.batches) {
      for (const row of batch) {
        total += 1;
        if ('malformed' in row) {
          if (malformed.length < REPORTED_REJECTS) malformed.push({ line: row.line, reason: row.malformed });
          continue;
        }
        if (rows.length < sampleRows) rows.push(row.cells);
        if (detectionRows.length < DETECTION_ROWS) detectionRows.push(row.cells);
      }
    }
    return {
      encoding: table.encoding,
      encodings: encodings.slice(0, 4).map((encoding) => ({ encoding, sample: sampleLine(head, encoding) })),
      delimiter: table.delimiter,
      sheets: null,
      sheet: null,
      headers: table.headers,
      rows,
      malformed,
      total,
      detectionRows,
      date1904: false,
    };
  } finally {
    upload.discardRest();
  }
}

/** Where the last whole line of a text's head ends (its bytes up to the last LF or CR). */
function lastLineBreak(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0; i--) if (bytes[i] === 0x0a || bytes[i] === 0x0d) return i + 1;
  return bytes.length;
}
