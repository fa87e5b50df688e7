import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import type ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterModel } from './models.ts';
import { rasterCommand, renderTextLine } from './text-image.ts';
import { displayWidth, fit, wrap, wrapsOnWords } from './text-layout.ts';

type Align = 'left' | 'centre' | 'right';

/** One printed line of text: a double-size line takes half the columns at twice the size. */
export interface PrintedLine {
  text: string;
  bold: boolean;
  double: boolean;
}

/**
 * Builds the bytes of one printout for a printer model with the printer database's encoder: text
 * laid out in the columns the paper shows (wide characters take two), in the model's code pages as
 * the database's tables give them; a line with a character none of its pages has is printed as an
 * image of the text.
 */
export class EscPosDocument {
  readonly #encoder: ReceiptPrinterEncoder;
  readonly #pages: CodePage[];
  #page: CodePage | null = null;
  readonly #printed: PrintedLine[] = [];

  constructor(readonly model: PrinterModel) {
    this.#encoder = model.encoder().initialize();
    this.#pages = codePagesOf(model);
  }

  get columns(): number {
    return this.model.columns;
  }

  raw(bytes: Uint8Array): this {
    this.#encoder.raw(bytes);
    this.#page = null;
    return this;
  }

  /** One line of text, cut to the paper width. */
  line(text = '', options: { align?: Align; bold?: boolean; double?: boolean } = {}): this {
    const width = options.double ? Math.floor(this.columns / 2) : this.columns;
    const fitted = fit(printerText(text), width);
    const pad = { left: 0, centre: Math.floor((width - displayWidth(fitted)) / 2), right: width - displayWidth(fitted) }[options.align ?? 'left'];
    this.#printed.push({ text: ' '.repeat(pad) + fitted, bold: !!options.bold, double: !!options.double });
    const runs = this.#runs(' '.repeat(pad) + fitted);
    if (runs) {
      const encoder = this.#encoder;
      if (options.bold) encoder.bold(true);
      if (options.double) encoder.size(2, 2);
      for (const run of runs) {
        if (run.page !== this.#page) encoder.raw([0x1b, 0x74, run.page.number]);
        this.#page = run.page;
        encoder.raw(Array.from(run.text, (char) => run.page.bytes.get(char.codePointAt(0)!)!));
      }
      encoder.newline();
      if (options.double) encoder.size(1, 1);
      if (options.bold) encoder.bold(false);
    } else {
      const image = renderTextLine(fitted, { dots: this.model.dots, columns: this.columns, startColumn: pad, double: !!options.double, bold: !!options.bold });
      this.#encoder.raw(rasterCommand(image)).newline();
    }
    return this;
  }

  /** Text wrapped at spaces over as many lines as it needs. */
  wrapped(text: string, indent = 0): this {
    for (const part of wrap(printerText(text), this.columns - indent)) this.line(' '.repeat(indent) + part);
    return this;
  }

  /**
   * Left text and right text on one line. The left side wraps at spaces to make room; when one of
   * its words would not fit beside the right side, the right side goes on a line of its own
   * rather than a word being split ("TOTA" / "L").
   */
  columnsLine(left: string, right: string, options: { bold?: boolean; double?: boolean } = {}): this {
    const width = options.double ? Math.floor(this.columns / 2) : this.columns;
    const l = printerText(left);
    const r = printerText(right);
    const room = width - displayWidth(r) - 1;
    if (room < 1 || !wrapsOnWords(l, room)) {
      for (const part of wrap(l, width)) this.line(part, options);
      return this.line(r, { ...options, align: 'right' });
    }
    const lines = wrap(l, room);
    for (const extra of lines.slice(0, -1)) this.line(extra, options);
    const last = lines[lines.length - 1] ?? '';
    return this.line(last + ' '.repeat(Math.max(1, width - displayWidth(last) - displayWidth(r))) + r, options);
  }

  separator(char = '-'): this {
    return this.line(char.repeat(this.columns));
  }

  feed(lines = 1): this {
    for (let i = 0; i < lines; i++) this.#printed.push({ text: '', bold: false, double: false });
    this.#encoder.newline(lines);
    return this;
  }

  /** The receipt number as a QR code where the model prints QR, CODE128 otherwise. */
  receiptCode(data: string): this {
    this.#encoder.align('center');
    if (this.model.hasQr) this.#encoder.qrcode(data, { model: 2, size: 6, errorlevel: 'm' });
    else this.#encoder.barcode(data, 'code128', { height: 60, text: 'below' });
    this.#encoder.align('left');
    return this;
  }

  /** Feeds the last line past the cutter and cuts; a model without a cutter just feeds to the tear bar. */
  cut(): this {
    if (this.model.hasCutter) this.#encoder.cut('partial');
    else this.#encoder.newline(4);
    return this;
  }

  /** The text lines as the paper shows them (padding included), for showing a printout on screen. */
  get printed(): PrintedLine[] {
    return this.#printed;
  }

  bytes(): Uint8Array {
    return this.#encoder.encode();
  }

  /**
   * The line cut into runs of one code page each, null when some character is in none of the
   * model's pages: the page in use if it has the whole line (no ESC t), else the model's first
   * page that has it, else character by character, staying in the page in use while it has the
   * character and taking the first page that has it otherwise. The runs go to the encoder as
   * bytes: its codepage('auto') chooses character by character too, but
   * @point-of-sale/codepage-encoder 3.0.2 looks each character up in a structuredClone of every
   * candidate page's table (50-70 ms for a 19-line receipt), and even with one page named it
   * clones the table for each text (about 2 ms a receipt).
   */
  #runs(text: string): { page: CodePage; text: string }[] | null {
    const chars = Array.from(text);
    const has = (page: CodePage) => chars.every((char) => page.bytes.has(char.codePointAt(0)!));
    const whole = this.#page && has(this.#page) ? this.#page : this.#pages.find(has);
    if (whole) return chars.length ? [{ page: whole, text }] : [];
    const runs: { page: CodePage; text: string }[] = [];
    for (const char of chars) {
      const codePoint = char.codePointAt(0)!;
      const current = runs.at(-1);
      if (current?.page.bytes.has(codePoint)) {
        current.text += char;
        continue;
      }
      const page = this.#pages.find((p) => p.bytes.has(codePoint));
      if (!page) return null;
      runs.push({ page, text: char });
    }
    return runs;
  }
}

// Printers have ş ţ (cedilla) but no code page has Romanian ș ț (comma below): the cedilla
// letters are what every Romanian till prints. Typographic quotes become plain ones, and the
// minus sign the pricing engine names discounts with ("Dairy week −5%"), which no code page has,
// a hyphen-minus, rather than the whole line becoming an image.
const SUBSTITUTES: Record<string, string> = { ș: 'ş', Ș: 'Ş', ț: 'ţ', Ț: 'Ţ', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2212': '-' };

function printerText(text: string): string {
  return text.normalize('NFC').replace(/[șȘțȚ\u2018\u2019\u201c\u201d\u201e\u2212]/g, (c) => SUBSTITUTES[c]);
}

interface CodePage {
  /** What ESC t selects the page with on this model. */
  number: number;
  /** The byte of each character the page prints (its first at 0x20 or above: some pages repeat § and ¶ among the control bytes). */
  bytes: Map<number, number>;
}

const codePagesCache = new WeakMap<PrinterModel, CodePage[]>();

/** The model's code pages in its order, each with its characters from the database's code-page tables and its ESC t number. */
function codePagesOf(model: PrinterModel): CodePage[] {
  let pages = codePagesCache.get(model);
  if (!pages) {
    pages = model.codepages.map((codepage) => {
      const bytes = new Map<number, number>();
      for (const [byte, codePoint] of CodepageEncoder.getCodepoints(codepage, true).entries()) {
        if (byte >= 0x20 && codePoint !== 0xfffd && codePoint !== undefined && codePoint !== null && !bytes.has(codePoint)) bytes.set(codePoint, byte);
      }
      return { number: escTNumber(model, codepage), bytes };
    });
    codePagesCache.set(model, pages);
  }
  return pages;
}

/** The number the database's encoder sends with ESC t to select a page on the model. */
function escTNumber(model: PrinterModel, codepage: Codepage): number {
  const bytes = model.encoder().initialize().codepage(codepage).text('A').encode();
  const at = bytes.findIndex((byte, i) => byte === 0x1b && bytes[i + 1] === 0x74);
  return bytes[at + 2];
}
