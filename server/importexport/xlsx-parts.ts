import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../http/errors.ts';

const MB = 1024 * 1024;

/**
 * What an uploaded spreadsheet may unpack to. A 6 MB XLSX can claim gigabytes of shared strings;
 * these bounds hold whatever the file says, so reading one never takes more than a few megabytes.
 */
export const SPREADSHEET_LIMITS = {
  /** What one part (a sheet, the shared strings) may unpack to. */
  partBytes: 256 * MB,
  /** How many times smaller than what it unpacks to a part may be packed: sheets of real data pack 5 to 30 times. */
  compressionRatio: 100,
  /** Parts smaller than this unpacked may pack tighter (an empty sheet is mostly the same tag). */
  compressionRatioFrom: MB,
  /** Parts in the zip (a workbook has tens; one with many pictures, hundreds). */
  parts: 10_000,
  /** Characters between two tags: one text or tag, which the XML parser holds whole. */
  textChars: MB,
  /** Characters of one row of a sheet, which the reader holds whole. */
  rowChars: 4 * MB,
  /** Characters of one shared string: Excel's own limit for a cell. */
  stringChars: 32_767,
  /** What the styles part may unpack to: read whole (number formats tell dates), it is tens of KB in real workbooks. */
  stylesBytes: 16 * MB,
};

const megabytes = (bytes: number) => `${Math.ceil(bytes / MB).toLocaleString('en')} MB`;

const tooLarge = (message: string, limit: string) => new AppError(413, 'spreadsheet-too-large', message, [{ path: 'body', message: `over the limit of ${limit}` }]);

/** A file that is not a workbook we can read: not a zip, encrypted, cut short or lying about its sizes. */
export const unreadable = (why: string) =>
  new AppError(422, 'spreadsheet-unreadable', `The file is not a readable XLSX workbook: ${why}`, [{ path: 'body', message: why }]);

/** Refuses a part that would unpack beyond the limits, before a byte of it is unpacked. */
function checkPart(entry: Entry): void {
  const { partBytes, compressionRatio, compressionRatioFrom } = SPREADSHEET_LIMITS;
  const part = entry.fileName;
  if (entry.isEncrypted()) throw unreadable(`${part} is encrypted`);
  if (entry.uncompressedSize > partBytes) {
    throw tooLarge(`${part} unpacks to ${megabytes(entry.uncompressedSize)}; a part of a spreadsheet may unpack to at most ${megabytes(partBytes)}`, megabytes(partBytes));
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > compressionRatioFrom && ratio > compressionRatio) {
    throw new AppError(422, 'spreadsheet-compression-ratio', `${part} is packed ${Math.round(ratio)} to 1; a part of a spreadsheet may be packed at most ${compressionRatio} to 1`, [
      { path: 'body', message: `packed tighter than ${compressionRatio} to 1` },
    ]);
  }
}

/**
 * Counts what the XML parser and the sheet reader would hold at once, and refuses a part in which
 * a text or a row is longer than the limits. Rows are counted from one `<row` to the next, up
 * to the end of the sheet's data.
 */
class XmlRunGuard {
  #sinceTag = 0;
  #sinceRow = 0;
  #inRows: boolean;
  #tail = '';

  constructor(
    private readonly part: string,
    rows: boolean,
  ) {
    this.#inRows = rows;
  }

  check(text: string): void {
    const { textChars, rowChars } = SPREADSHEET_LIMITS;
    const firstTag = text.indexOf('<');
    if ((firstTag === -1 ? this.#sinceTag + text.length : this.#sinceTag + firstTag) > textChars) {
      throw tooLarge(`${this.part} holds a text or tag longer than ${textChars.toLocaleString('en')} characters`, `${textChars.toLocaleString('en')} characters`);
    }
    this.#sinceTag = firstTag === -1 ? this.#sinceTag + text.length : text.length - text.lastIndexOf('<') - 1;
    if (!this.#inRows) return;
    // A marker may straddle two chunks: search the end of the previous one too.
    const scanned = this.#tail + text;
    const firstRow = scanned.indexOf('<row');
    if ((firstRow === -1 ? this.#sinceRow + text.length : this.#sinceRow + firstRow - this.#tail.length) > rowChars) {
      throw tooLarge(`${this.part} holds a row longer than ${rowChars.toLocaleString('en')} characters`, `${rowChars.toLocaleString('en')} characters`);
    }
    this.#sinceRow = firstRow === -1 ? this.#sinceRow + text.length : scanned.length - scanned.lastIndexOf('<row');
    if (scanned.includes('</sheetData')) this.#inRows = false;
    this.#tail = scanned.slice(-12);
  }
}

/**
 * The parts of an XLSX file (a zip) on disk. The central directory is checked whole when the file
 * is opened; each part is then unpacked as a stream, and yauzl refuses a part that unpacks to
 * more than the directory said.
 */
export class XlsxParts {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(file: string): Promise<XlsxParts> {
    let zip: ZipFile;
    try {
      zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
    } catch (err) {
      throw unreadable((err as Error).message);
    }
    try {
      if (zip.entryCount > SPREADSHEET_LIMITS.parts) throw tooLarge(`The file has ${zip.entryCount.toLocaleString('en')} parts; a spreadsheet may have at most ${SPREADSHEET_LIMITS.parts.toLocaleString('en')}`, `${SPREADSHEET_LIMITS.parts} parts`);
      const entries = new Map<string, Entry>();
      for await (const entry of zip.eachEntry()) {
        checkPart(entry);
        entries.set(entry.fileName, entry);
      }
      return new XlsxParts(zip, entries);
    } catch (err) {
      zip.close();
      throw err instanceof AppError ? err : unreadable((err as Error).message);
    }
  }

  has(part: string): boolean {
    return this.entries.has(part);
  }

  /** Refuses a part that unpacks to more than `bytes` (for a part that is read whole). */
  refuseBeyond(part: string, bytes: number): void {
    const size = this.entries.get(part)?.uncompressedSize ?? 0;
    if (size > bytes) throw tooLarge(`${part} unpacks to ${megabytes(size)}; it may unpack to at most ${megabytes(bytes)}`, megabytes(bytes));
  }

  /**
   * A part's XML, decoded chunk by chunk as it is unpacked. `rows` also bounds each row of a sheet.
   * Stopping the iteration early stops the unpacking.
   */
  async *xml(part: string, options: { rows?: boolean } = {}): AsyncGenerator<string> {
    const entry = this.entries.get(part);
    if (!entry) throw unreadable(`it has no ${part}`);
    const guard = new XmlRunGuard(part, options.rows ?? false);
    const decoder = new TextDecoder('utf-8');
    let stream;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (err) {
      throw unreadable(`${part}: ${(err as Error).message}`);
    }
    try {
      for await (const chunk of stream) {
        const text = decoder.decode(chunk as Buffer, { stream: true });
        guard.check(text);
        yield text;
      }
    } catch (err) {
      throw err instanceof AppError ? err : unreadable(`${part}: ${(err as Error).message}`);
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}
