import { ALIGN, BOLD_OFF, BOLD_ON, CHINESE_OFF, CHINESE_ON, INITIALISE, code128, codePage, cut, feedLines, size } from './commands.ts';
import type { PrinterProfile } from './profiles.ts';
import { encodeText } from './text-encoder.ts';

/**
 * Builds the bytes of one printout: text laid out in the printer's columns, each line in a code
 * page that covers it, and only the commands this printer's profile has.
 */
export class EscPosDocument {
  readonly #chunks: Uint8Array[] = [];
  #codePage: number | null = null;

  constructor(readonly profile: PrinterProfile) {
    this.#chunks.push(INITIALISE);
  }

  get columns(): number {
    return this.profile.columns;
  }

  raw(bytes: Uint8Array): this {
    this.#chunks.push(bytes);
    return this;
  }

  /** One line of text, cut to the paper width. */
  line(text = '', options: { align?: 'left' | 'centre' | 'right'; bold?: boolean; double?: boolean } = {}): this {
    const width = options.double ? Math.floor(this.columns / 2) : this.columns;
    if (options.align && options.align !== 'left') this.#chunks.push(ALIGN[options.align]);
    if (options.bold) this.#chunks.push(BOLD_ON);
    if (options.double) this.#chunks.push(size(2, 2));
    this.#text(fit(text, width));
    if (options.double) this.#chunks.push(size(1, 1));
    if (options.bold) this.#chunks.push(BOLD_OFF);
    if (options.align && options.align !== 'left') this.#chunks.push(ALIGN.left);
    return this;
  }

  /** Text wrapped over as many lines as it needs. */
  wrapped(text: string, indent = 0): this {
    for (const part of wrap(text, this.columns - indent)) this.line(' '.repeat(indent) + part);
    return this;
  }

  /** Left text and right text on one line; the left side is cut or wrapped to make room. */
  columnsLine(left: string, right: string, options: { bold?: boolean; double?: boolean } = {}): this {
    const width = options.double ? Math.floor(this.columns / 2) : this.columns;
    const room = width - [...right].length - 1;
    const lines = wrap(left, Math.max(1, room));
    for (const extra of lines.slice(0, -1)) this.line(extra, options);
    const last = lines[lines.length - 1] ?? '';
    return this.line(last + ' '.repeat(Math.max(1, width - [...last].length - [...right].length)) + right, options);
  }

  separator(char = '-'): this {
    return this.line(char.repeat(this.columns));
  }

  feed(lines = 1): this {
    this.#chunks.push(feedLines(lines));
    return this;
  }

  barcode(data: string): this {
    this.#chunks.push(ALIGN.centre, code128(data), Uint8Array.of(0x0a), ALIGN.left);
    return this;
  }

  cut(): this {
    this.#chunks.push(feedLines(3), cut(this.profile.hasPartialCut));
    return this;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.#chunks);
  }

  #text(text: string): void {
    const encoded = encodeText(text, this.profile, this.#codePage);
    if (encoded.mode === 'chinese') {
      this.#chunks.push(CHINESE_ON, encoded.bytes, Uint8Array.of(0x0a), CHINESE_OFF);
      return;
    }
    for (const run of encoded.runs) {
      if (run.codePage !== this.#codePage) {
        this.#chunks.push(codePage(run.codePage));
        this.#codePage = run.codePage;
      }
      this.#chunks.push(run.bytes);
    }
    this.#chunks.push(Uint8Array.of(0x0a));
  }
}

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : chars.slice(0, width).join('');
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const chunks = [...word].length > width ? ([...word].join('').match(new RegExp(`.{1,${width}}`, 'gu')) ?? [word]) : [word];
    for (const chunk of chunks) {
      if (!current) current = chunk;
      else if ([...current].length + 1 + [...chunk].length <= width) current += ` ${chunk}`;
      else {
        lines.push(current);
        current = chunk;
      }
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}
