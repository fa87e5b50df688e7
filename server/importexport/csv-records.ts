import { CsvError, parse } from 'csv-parse/sync';

/** A row of a file as read: its cells, or why it could not be read, with the line (or sheet row) it starts on. */
export type TableRow = { line: number; cells: string[] } | { line: number; malformed: string; cells: string[] };

/** How far a quoted cell may run over line breaks before its opening quote is taken for a stray one. */
const MAX_RECORD_LINES = 200;
const MAX_RECORD_CHARS = 256 * 1024;
/** Records parsed at once: one call per batch, a record at a time only in a batch that fails. */
const BATCH = 500;

interface Line {
  number: number;
  text: string;
  /** The line break that ended it (kept inside a quoted cell as it was written). */
  end: string;
}

/** The physical lines of a text arriving in chunks (CRLF, LF or CR), numbered from 1: those of each chunk at once. */
async function* physicalLines(chunks: AsyncIterable<string>): AsyncGenerator<Line[]> {
  let rest = '';
  let number = 0;
  for await (const chunk of chunks) {
    rest += chunk;
    // A CR at the end of a chunk may be the first half of a CRLF: kept until the next chunk.
    const parts = rest.split(/(\r\n|\n|\r(?!$))/);
    rest = parts.pop() ?? '';
    const lines: Line[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) lines.push({ number: ++number, text: parts[i], end: parts[i + 1] });
    if (lines.length) yield lines;
  }
  const last = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  if (last) yield [{ number: ++number, text: last, end: '' }];
}

/**
 * Whether a line leaves a quoted cell open, starting inside one or not. A quote opens a cell only
 * at its start (after blanks), as csv-parse with `relax_quotes` reads it; `""` inside is a quote.
 */
function leavesQuoteOpen(text: string, delimiter: string, quoted: boolean): boolean {
  let atCellStart = !quoted;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i += 1;
        else quoted = false;
      }
    } else if (ch === delimiter) atCellStart = true;
    else if (atCellStart && ch === '"') {
      quoted = true;
      atCellStart = false;
    } else if (!(atCellStart && (ch === ' ' || ch === '\t'))) atCellStart = false;
  }
  return quoted;
}

const reason = (err: unknown) => (err instanceof CsvError ? err.message.replace(/ at line \d+/, '').replace(/^Invalid/, 'invalid') : String(err));

/**
 * The records of a CSV text, every one reported, a batch at a time: cells, or a malformed line with
 * the reason (an unclosed or stray quote, more or fewer cells than the header). A quoted cell may
 * hold line breaks; when the record it makes cannot be read, only its first line is reported and
 * reading goes on from the next, so one stray quote costs one row, not the rest of the file. Lines
 * without a character are skipped; rows whose cells are all empty are the caller's to skip.
 */
export async function* csvRecords(chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<TableRow[]> {
  const options = { delimiter, relax_column_count: true, relax_quotes: true, trim: true } as const;
  const chunkLines = physicalLines(chunks)[Symbol.asyncIterator]();
  // The lines read and not yet taken: those of the current chunk, after any read again.
  let lines: Line[] = [];
  let at = 0;
  const replay: Line[] = [];
  /** The next line already read, without waiting. */
  const takeLine = (): Line | undefined => replay.shift() ?? (at < lines.length ? lines[at++] : undefined);
  /** Reads the next chunk's lines; false at the end of the text. */
  const readMore = async (): Promise<boolean> => {
    const next = await chunkLines.next();
    if (next.done) return false;
    lines = next.value;
    at = 0;
    return true;
  };
  let width: number | null = null; // the header's number of cells
  let batch: Line[] = [];
  let out: TableRow[] = [];

  /** Cells as the header has them: extra empty cells at the end are dropped, other differences reported. */
  const shaped = (line: number, cells: string[]): TableRow => {
    if (width === null) width = cells.length;
    let end = cells.length;
    while (end > width && cells[end - 1] === '') end -= 1;
    const row = cells.slice(0, end);
    if (row.length === width) return { line, cells: row };
    return { line, malformed: `${row.length} cells where the header has ${width}`, cells: row };
  };

  /** Parses the lines gathered in one call; a record at a time only in a batch that fails. */
  function flush(): void {
    if (!batch.length) return;
    const records = batch;
    batch = [];
    try {
      const parsed = parse(records.map((r) => r.text).join('\n'), options) as string[][];
      if (parsed.length === records.length) {
        for (let i = 0; i < parsed.length; i++) out.push(shaped(records[i].number, parsed[i]));
        return;
      }
    } catch {
      // One of them is malformed: read them one by one below.
    }
    for (const record of records) {
      try {
        const [cells = []] = parse(record.text, options) as string[][];
        out.push(shaped(record.number, cells));
      } catch (err) {
        out.push({ line: record.number, malformed: reason(err), cells: [record.text] });
      }
    }
  }

  for (;;) {
    const line = takeLine();
    if (!line) {
      // The lines read so far are all taken: their rows go out before the next chunk is read.
      flush();
      if (out.length) {
        yield out;
        out = [];
      }
      if (await readMore()) continue;
      return;
    }
    if (!line.text.trim()) continue;
    let open = leavesQuoteOpen(line.text, delimiter, false);
    if (!open) {
      batch.push(line);
      if (batch.length >= BATCH) flush();
      continue;
    }
    flush();
    // A quoted cell running over lines: read the record whole, as far as it may run.
    const parts = [line];
    let chars = line.text.length;
    while (open && parts.length < MAX_RECORD_LINES && chars < MAX_RECORD_CHARS) {
      const more = takeLine() ?? ((await readMore()) ? takeLine() : undefined);
      if (!more) break;
      parts.push(more);
      chars += more.text.length;
      open = leavesQuoteOpen(more.text, delimiter, true);
    }
    let row: TableRow | null = null;
    if (!open) {
      try {
        const [cells = []] = parse(parts.map((p, i) => (i < parts.length - 1 ? p.text + p.end : p.text)).join(''), options) as string[][];
        row = shaped(line.number, cells);
      } catch {
        row = null;
      }
    }
    if (row && !('malformed' in row)) {
      out.push(row);
      continue;
    }
    // The quote was a stray one: the first line is reported, the lines after it are read again.
    out.push({ line: line.number, malformed: open ? 'a quote opened in this line is not closed' : 'a quote opened in this line closes in a later line where the row cannot be read', cells: [line.text] });
    replay.unshift(...parts.slice(1));
  }
}
