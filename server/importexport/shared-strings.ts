import Database from 'better-sqlite3';
import { SaxesParser } from 'saxes';
import { AppError } from '../http/errors.ts';
import { SPREADSHEET_LIMITS, unreadable } from './xlsx-parts.ts';

/** The strings cells of type "s" point to, by index. */
export interface SharedStrings {
  get(index: number): string | undefined;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Reads `xl/sharedStrings.xml` string by string, as it is unpacked: the text of every `<t>` of an
 * `<si>`, runs joined, phonetic hints (`<rPh>`) left out. `each` returns false to stop reading.
 */
export async function readSharedStrings(xml: AsyncIterable<string>, each: (index: number, text: string) => boolean | void): Promise<void> {
  const parser = new SaxesParser();
  let index = 0;
  let text = '';
  let inText = false;
  let inPhonetic = false;
  let stop = false;
  let failure: Error | null = null;
  const addText = (value: string) => {
    if (!inText || inPhonetic) return;
    text += value;
    const limit = SPREADSHEET_LIMITS.stringChars;
    if (text.length > limit) failure ??= new AppError(413, 'spreadsheet-too-large', `Shared string ${index} is longer than a cell may be (${limit.toLocaleString('en')} characters)`, [{ path: 'body', message: `over the limit of ${limit.toLocaleString('en')} characters` }]);
  };
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') text = '';
    else if (name === 't') inText = true;
    else if (name === 'rPh') inPhonetic = true;
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') inPhonetic = false;
    else if (name === 'si' && !stop) stop = each(index++, text) === false;
  });
  parser.on('error', (err) => (failure ??= unreadable(`xl/sharedStrings.xml: ${err.message}`)));
  for await (const chunk of xml) {
    parser.write(chunk);
    if (failure) throw failure;
    if (stop) return;
  }
  parser.close();
  if (failure) throw failure;
}

/** Strings read from the file at once, and how many such blocks are kept: a sheet points to its strings mostly in order. */
const BLOCK = 128;
const BLOCKS_KEPT = 4;

/**
 * Every shared string of a workbook in a temporary SQLite file: an import looks each one up as
 * its cells come, and a big workbook's strings never have to fit in memory. A few blocks of
 * neighbouring strings are kept, so that a lookup is mostly one from memory.
 */
export class SharedStringFile implements SharedStrings {
  #db: Database.Database;
  #range: Database.Statement;
  #blocks = new Map<number, string[]>();

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#range = db.prepare('SELECT "text" FROM "s" WHERE "rowid" BETWEEN ? AND ? ORDER BY "rowid"').pluck();
  }

  static async fill(file: string, xml: AsyncIterable<string>): Promise<SharedStringFile> {
    const db = new Database(file);
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec('CREATE TABLE "s" ("text" TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO "s" ("rowid", "text") VALUES (?, ?)');
      // A transaction per chunk the parser read: a few milliseconds, then the registers' requests go first.
      let pending: [number, string][] = [];
      const flush = db.transaction((rows: [number, string][]) => rows.forEach((r) => insert.run(r[0] + 1, r[1])));
      await readSharedStrings(
        (async function* () {
          for await (const chunk of xml) {
            yield chunk;
            flush(pending);
            pending = [];
          }
        })(),
        (index, text) => void pending.push([index, text]),
      );
      flush(pending);
      return new SharedStringFile(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get(index: number): string | undefined {
    const number = Math.floor(index / BLOCK);
    let block = this.#blocks.get(number);
    if (block) {
      this.#blocks.delete(number);
    } else {
      block = this.#range.all(number * BLOCK + 1, (number + 1) * BLOCK) as string[];
      if (this.#blocks.size >= BLOCKS_KEPT) this.#blocks.delete(this.#blocks.keys().next().value!);
    }
    this.#blocks.set(number, block); // the most recently used last
    return block[index % BLOCK];
  }

  close(): void {
    this.#db.close();
  }
}

/** Only the shared strings some cells point to, read up to the last of them: what a preview shows. */
export async function pickSharedStrings(xml: AsyncIterable<string>, wanted: Set<number>): Promise<SharedStrings> {
  const picked = new Map<number, string>();
  const last = [...wanted].reduce((a, b) => Math.max(a, b), -1);
  if (last >= 0) {
    await readSharedStrings(xml, (index, text) => {
      if (wanted.has(index)) picked.set(index, text);
      return index < last;
    });
  }
  return picked;
}
