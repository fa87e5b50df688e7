import CodepageEncoder from '@point-of-sale/codepage-encoder';
import type ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterModel } from './models.ts';
import { renderTextLine } from './text-image.ts';
import { displayWidth, fit, wrap, wrapsOnWords } from './text-layout.ts';

type Align = 'left' | 'centre' | 'right';

/** One printed line of text: a double-size line takes half the columns at twice the size. */
export interface PrintedLine {
  text: string;
  bold: boolean;
  double: boolean;
}

/**
 * Builds the bytes of one printout for a printer model: text laid out in the columns the paper
 * shows (wide characters take two), encoded by the printer database's encoder in the model's code
 * pages; a line with a character none of its pages has is printed as an image of the text.
 */
export class EscPosDocument {
  readonly #encoder: ReceiptPrinterEncoder;
  readonly #printable: Set<number>;
  readonly #printed: PrintedLine[] = [];

  constructor(readonly model: PrinterModel) {
    this.#encoder = model.encoder().initialize().codepage('auto');
    this.#printable = printableCodePoints(model);
  }

  get columns(): number {
    return this.model.columns;
  }

  raw(bytes: Uint8Array): this {
    this.#encoder.raw(bytes);
    return this;
  }

  /** One line of text, cut to the paper width. */
  line(text = '', options: { align?: Align; bold?: boolean; double?: boolean } = {}): this {
    const width = options.double ? Math.floor(this.columns / 2) : this.columns;
    const fitted = fit(printerText(text), width);
    const pad = { left: 0, centre: Math.floor((width - displayWidth(fitted)) / 2), right: width - displayWidth(fitted) }[options.align ?? 'left'];
    this.#printed.push({ text: ' '.repeat(pad) + fitted, bold: !!options.bold, double: !!options.double });
    if (this.#canEncode(fitted)) {
      const encoder = this.#encoder;
      if (options.bold) encoder.bold(true);
      if (options.double) encoder.size(2, 2);
      encoder.line(' '.repeat(pad) + fitted);
      if (options.double) encoder.size(1, 1);
      if (options.bold) encoder.bold(false);
    } else {
      const image = renderTextLine(fitted, { dots: this.model.dots, columns: this.columns, startColumn: pad, double: !!options.double, bold: !!options.bold });
      this.#encoder.image(image, image.width, image.height, 'threshold', 128);
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

  #canEncode(text: string): boolean {
    for (const char of text) if (!this.#printable.has(char.codePointAt(0)!)) return false;
    return true;
  }
}

// Printers have ş ţ (cedilla) but no code page has Romanian ș ț (comma below): the cedilla
// letters are what every Romanian till prints. Typographic quotes become plain ones.
const SUBSTITUTES: Record<string, string> = { ș: 'ş', Ș: 'Ş', ț: 'ţ', Ț: 'Ţ', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"' };

function printerText(text: string): string {
  return text.normalize('NFC').replace(/[șȘțȚ\u2018\u2019\u201c\u201d\u201e]/g, (c) => SUBSTITUTES[c]);
}

const printableCache = new WeakMap<PrinterModel, Set<number>>();

/** Every character some code page of the model has, from the database's code-page tables. */
function printableCodePoints(model: PrinterModel): Set<number> {
  let set = printableCache.get(model);
  if (!set) {
    set = new Set<number>();
    for (const codepage of model.codepages) {
      for (const [byte, codePoint] of CodepageEncoder.getCodepoints(codepage, true).entries()) {
        if (byte >= 0x20 && codePoint !== 0xfffd && codePoint !== undefined && codePoint !== null) set.add(codePoint);
      }
    }
    printableCache.set(model, set);
  }
  return set;
}
