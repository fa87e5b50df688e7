import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { pipeline as pipelineDone } from 'node:stream/promises';
import chardet from 'chardet';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { PREVIEW_HEAD_BYTES } from '../../shared/schemas/importexport.ts';
import { AppError, badRequest } from '../http/errors.ts';
import { unescapeCell } from './csv-file.ts';
import { openXlsx, previewXlsx } from './xlsx.ts';

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

/** A file being read row by row: nothing but the current chunk (and a sheet's current row) is held in memory. */
export interface TableStream {
  encoding: string;
  delimiter: string | null;
  headers: string[];
  rows: AsyncIterable<string[]>;
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

/** A CSV's records, its encoding and delimiter decided from its head; a malformed CSV is refused naming the line. */
function csvRecords(whole: Readable, head: Buffer, options: { encoding?: string; delimiter?: string }) {
  const sample = head.subarray(0, HEAD_BYTES);
  const { encoding } = decodeText(sample, options.encoding, true);
  const delimiter = options.delimiter ?? detectDelimiter(iconv.decode(sample, encoding));
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  // pipeline, not pipe: a broken upload must fail the rows' iteration, not leave it waiting.
  pipeline(whole, iconv.decodeStream(encoding), parser, () => {});
  const records = (async function* () {
    try {
      for await (const record of parser as AsyncIterable<string[]>) yield unescaped(record);
    } catch (err) {
      throw err instanceof CsvError ? badRequest('csv-unreadable', `The file is not a readable CSV: ${err.message}`, [{ path: 'body', message: err.message }]) : err;
    }
  })();
  return { encoding, delimiter, records };
}

/**
 * Opens a CSV (any of our encodings and delimiters) or an XLSX file (first sheet) as a stream of
 * rows, gives it to `use`, and cleans up after. Encoding and delimiter are decided from the first
 * 64 KB; an XLSX is written to a temporary file first (a zip is read from its end) and read within
 * `SPREADSHEET_LIMITS`; `maxBytes` stops a runaway upload.
 */
export async function withTable<T>(
  source: AsyncIterable<Buffer | Uint8Array>,
  fileName: string,
  options: { encoding?: string; delimiter?: string; maxBytes: number },
  use: (table: TableStream) => Promise<T>,
): Promise<T> {
  const upload = new Upload(source, options.maxBytes);
  try {
    const head = await upload.take(HEAD_BYTES);
    if (!isXlsx(fileName, head)) {
      const { encoding, delimiter, records } = csvRecords(upload.stream(head), head, options);
      const first = await records.next();
      return await use({ encoding, delimiter, headers: first.done ? [] : first.value, rows: { [Symbol.asyncIterator]: () => records } });
    }
    const work = await workDirectory();
    try {
      const file = path.join(work.dir, 'upload.xlsx');
      await spool(upload, head, file);
      const sheet = await openXlsx(file, work.dir);
      try {
        return await use({ encoding: 'xlsx', delimiter: null, headers: unescaped(sheet.headers), rows: (async function* () {
          for await (const cells of sheet.rows) yield unescaped(cells);
        })() });
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

/**
 * The first rows of a file and how many it has, for the import preview. A CSV is read only as far
 * as its first PREVIEW_HEAD_BYTES (the back office sends no more of a big file): the rows counted
 * are those in it. An XLSX is counted to its end, and its shared strings read only for the rows
 * shown.
 */
export async function previewTable(source: AsyncIterable<Buffer | Uint8Array>, fileName: string, options: { encoding?: string; delimiter?: string; maxBytes: number }, sampleRows = 10) {
  const upload = new Upload(source, options.maxBytes);
  try {
    const taken = await upload.take(PREVIEW_HEAD_BYTES);
    if (isXlsx(fileName, taken)) {
      const work = await workDirectory();
      try {
        const file = path.join(work.dir, 'upload.xlsx');
        await spool(upload, taken, file);
        const table = await previewXlsx(file, sampleRows);
        return { encoding: 'xlsx', delimiter: null, ...table, headers: unescaped(table.headers), rows: table.rows.map(unescaped) };
      } finally {
        await work.remove();
      }
    }
    // A body as long as the head is taken for the head of a longer file (it is what the back office
    // sends of one): it may end inside a row, which is not counted, nor what cannot be parsed after it.
    const whole = taken.length < PREVIEW_HEAD_BYTES;
    const head = taken.subarray(0, PREVIEW_HEAD_BYTES);
    const { encoding, delimiter, records } = csvRecords(Readable.from([head]), head, options);
    const shown: string[][] = []; // the header and the sample, and one more: the last may be cut
    let count = 0;
    try {
      for await (const record of records) {
        if (shown.length < sampleRows + 2) shown.push(record);
        count += 1;
      }
    } catch (err) {
      if (whole) throw err;
    }
    if (!whole) count -= 1;
    const [headers = [], ...rows] = shown.slice(0, Math.max(count, 0));
    return { encoding, delimiter, headers, rows: rows.slice(0, sampleRows), total: Math.max(count - 1, 0) };
  } finally {
    upload.discardRest();
  }
}
