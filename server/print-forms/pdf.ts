import PDFDocument from 'pdfkit';
import { FONT_FILES, fontRuns, type FontName, type Run } from './fonts.ts';
import type { Align, Block } from './markup.ts';

/** What the renderer places besides the markup: the owner's logo. */
export interface PdfAssets {
  logo: Buffer | null;
}

/** A form may not run to more pages than this (a template looping without end stops here). */
export const MAX_PAGES = 200;

const MARGIN = 50;
const PAGE = { width: 595.28, height: 841.89 };
const CONTENT = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN;
const LOGO = { width: 160, height: 60 };
const STYLE = {
  title: { size: 18, bold: true },
  heading: { size: 11.5, bold: true },
  paragraph: { size: 9.5, bold: false },
  bold: { size: 9.5, bold: true },
  small: { size: 7.5, bold: false },
  right: { size: 9.5, bold: false },
  cell: { size: 8.5, bold: false },
  header: { size: 8.5, bold: true },
  total: { size: 9.5, bold: false },
  grand: { size: 11, bold: true },
} as const;
type Style = (typeof STYLE)[keyof typeof STYLE];

interface Piece extends Run {
  width: number;
}
type Line = Piece[];

export class PageLimitError extends Error {}

const WIDTHS = new Map<string, number>();

/** PDFKit decodes an image once and places it by that handle; its types leave the method out. */
interface PdfImage {
  width: number;
  height: number;
}
export function openImage(doc: PDFKit.PDFDocument, data: Buffer): PdfImage {
  return (doc as PDFKit.PDFDocument & { openImage(src: Buffer): PdfImage }).openImage(data);
}

/**
 * Lays out print-form blocks on A4 pages with PDFKit: text wrapped by words (Chinese between any two
 * characters), each run in the font that has its letters, tables repeating their header on a new page.
 * All text is real text in embedded font subsets, so it can be searched and copied.
 */
export function renderPdf(blocks: Block[], assets: PdfAssets, info: { title: string; language: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, lang: info.language, info: { Title: info.title, Producer: 'Till', Creator: 'Till' } });
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const layout = new Layout(doc, assets);
  try {
    for (const block of blocks) layout.block(block);
  } catch (error) {
    doc.end();
    return done.then(() => Promise.reject(error));
  }
  doc.end();
  return done;
}

class Layout {
  #y = MARGIN;
  #pages = 1;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly assets: PdfAssets,
  ) {}

  block(block: Block): void {
    switch (block.kind) {
      case 'pagebreak':
        return this.#newPage();
      case 'columns':
        return this.#columns(block.columns);
      case 'table':
        return this.#table(block);
      case 'total':
        return this.#total(block);
      default: {
        const height = this.#measure(block, CONTENT);
        this.#room(height);
        this.#draw(block, MARGIN, this.#y, CONTENT);
        this.#y += height;
      }
    }
  }

  #newPage(): void {
    if (++this.#pages > MAX_PAGES) throw new PageLimitError(`the form runs over ${MAX_PAGES} pages`);
    this.doc.addPage();
    this.#y = MARGIN;
  }

  /** Starts a new page unless `height` fits below (a block taller than a page starts at the top). */
  #room(height: number): void {
    if (this.#y + height > BOTTOM && this.#y > MARGIN) this.#newPage();
  }

  #width(font: FontName, size: number, text: string): number {
    // Measuring shapes the text with the font engine, the slowest part of a form: widths are kept
    // across documents (they depend on nothing else), up to a bound.
    const key = `${font}\u0000${size}\u0000${text}`;
    let width = WIDTHS.get(key);
    if (width === undefined) {
      if (WIDTHS.size > 50_000) WIDTHS.clear();
      WIDTHS.set(key, (width = this.doc.font(font).fontSize(size).widthOfString(text)));
    }
    return width;
  }

  /** Wraps text into lines no wider than `width`. */
  #wrap(text: string, style: Style, width: number): Line[] {
    const lines: Line[] = [];
    let line: Line = [];
    let lineWidth = 0;
    const push = () => {
      const last = line.at(-1);
      if (last) {
        last.text = last.text.trimEnd();
        last.width = this.#width(last.font, style.size, last.text);
      }
      lines.push(line);
      line = [];
      lineWidth = 0;
    };
    // A word is a stretch without spaces, or one Chinese character (lines break between those).
    for (const word of text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g) ?? []) {
      if (!line.length && !word.trim()) continue;
      const pieces = fontRuns(word, style.bold).map((run) => ({ ...run, width: this.#width(run.font, style.size, run.text) }));
      const wordWidth = pieces.reduce((sum, p) => sum + p.width, 0);
      // A space at the end of a line takes no room: what must fit is the word without it.
      const bare = fontRuns(word.trimEnd(), style.bold).reduce((sum, run) => sum + this.#width(run.font, style.size, run.text), 0);
      if (lineWidth + bare > width && line.length) {
        push();
        if (!word.trim()) continue;
      }
      if (bare > width) {
        // A word wider than the column (an IBAN in a narrow cell) is cut where it reaches the edge.
        for (const char of word) {
          const [piece] = fontRuns(char, style.bold).map((run) => ({ ...run, width: this.#width(run.font, style.size, run.text) }));
          if (lineWidth + piece.width > width && line.length) push();
          this.#append(line, piece, style.size);
          lineWidth += piece.width;
        }
        continue;
      }
      for (const piece of pieces) this.#append(line, piece, style.size);
      lineWidth += wordWidth;
    }
    if (line.length || !lines.length) push();
    return lines;
  }

  #append(line: Line, piece: Piece, size: number): void {
    const last = line.at(-1);
    if (last?.font === piece.font) {
      last.text += piece.text;
      last.width = this.#width(last.font, size, last.text);
    } else line.push({ ...piece });
  }

  #lineHeight(style: Style): number {
    return style.size * 1.4;
  }

  #textHeight(text: string, style: Style, width: number): number {
    return this.#wrap(text, style, width).length * this.#lineHeight(style);
  }

  #drawText(text: string, style: Style, x: number, y: number, width: number, align: Align): number {
    const lines = this.#wrap(text, style, width);
    for (const line of lines) {
      const lineWidth = line.reduce((sum, p) => sum + p.width, 0);
      let at = align === 'right' ? x + width - lineWidth : x;
      for (const piece of line) {
        // On one baseline: Noto Sans and Noto Sans SC put their letters at different heights from the top.
        this.doc.font(piece.font).fontSize(style.size).fillColor('#000000').text(piece.text, at, y + style.size * 1.08, { lineBreak: false, baseline: 'alphabetic' });
        at += piece.width;
      }
      y += this.#lineHeight(style);
    }
    return lines.length * this.#lineHeight(style);
  }

  #logoSize(): { width: number; height: number } | null {
    if (!this.assets.logo) return null;
    const image = openImage(this.doc, this.assets.logo);
    const scale = Math.min(LOGO.width / image.width, LOGO.height / image.height, 1);
    return { width: image.width * scale, height: image.height * scale };
  }

  #measure(block: Block, width: number): number {
    switch (block.kind) {
      case 'title':
        return this.#textHeight(block.text, STYLE.title, width) + 6;
      case 'heading':
        return this.#textHeight(block.text, STYLE.heading, width) + 3;
      case 'paragraph':
      case 'bold':
      case 'small':
      case 'right':
        return this.#textHeight(block.text, STYLE[block.kind], width);
      case 'logo':
        return (this.#logoSize()?.height ?? 0) + (this.assets.logo ? 6 : 0);
      case 'rule':
        return 8;
      case 'space':
        return 10;
      default:
        return 0;
    }
  }

  #draw(block: Block, x: number, y: number, width: number): void {
    switch (block.kind) {
      case 'title':
      case 'heading':
      case 'paragraph':
      case 'bold':
      case 'small':
      case 'right':
        this.#drawText(block.text, STYLE[block.kind], x, y, width, block.kind === 'right' ? 'right' : 'left');
        return;
      case 'logo': {
        const size = this.#logoSize();
        if (size) this.doc.image(this.assets.logo!, block.align === 'right' ? x + width - size.width : x, y, size);
        return;
      }
      case 'rule':
        this.doc.moveTo(x, y + 4).lineTo(x + width, y + 4).lineWidth(0.5).strokeColor('#888888').stroke();
        return;
    }
  }

  #columns(columns: Block[][]): void {
    const gap = 20;
    const width = (CONTENT - gap * (columns.length - 1)) / columns.length;
    const heights = columns.map((blocks) => blocks.reduce((sum, b) => sum + this.#measure(b, width), 0));
    this.#room(Math.max(...heights));
    columns.forEach((blocks, index) => {
      let y = this.#y;
      for (const block of blocks) {
        this.#draw(block, MARGIN + index * (width + gap), y, width);
        y += this.#measure(block, width);
      }
    });
    this.#y += Math.max(...heights) + 6;
  }

  #table(table: Extract<Block, { kind: 'table' }>): void {
    const padding = 3;
    const weights = table.columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = table.columns.map((c) => (CONTENT * c.weight) / weights);
    const rowHeight = (cells: string[], style: Style) => Math.max(...cells.map((cell, i) => this.#textHeight(cell, style, widths[i] - 2 * padding))) + 2 * padding;
    const drawRow = (cells: string[], style: Style, shaded: boolean) => {
      const height = rowHeight(cells, style);
      if (shaded) this.doc.rect(MARGIN, this.#y, CONTENT, height).fillColor('#eeeeee').fill();
      let x = MARGIN;
      cells.forEach((cell, i) => {
        this.#drawText(cell, style, x + padding, this.#y + padding, widths[i] - 2 * padding, table.columns[i].align);
        x += widths[i];
      });
      this.#y += height;
      this.doc.moveTo(MARGIN, this.#y).lineTo(MARGIN + CONTENT, this.#y).lineWidth(0.3).strokeColor('#bbbbbb').stroke();
    };
    const titles = table.columns.map((c) => c.title);
    this.#room(rowHeight(titles, STYLE.header) + (table.rows[0] ? rowHeight(table.rows[0], STYLE.cell) : 0));
    drawRow(titles, STYLE.header, true);
    for (const row of table.rows) {
      if (this.#y + rowHeight(row, STYLE.cell) > BOTTOM) {
        this.#newPage();
        drawRow(titles, STYLE.header, true);
      }
      drawRow(row, STYLE.cell, false);
    }
    this.#y += 8;
  }

  #total(total: Extract<Block, { kind: 'total' }>): void {
    const style = total.grand ? STYLE.grand : STYLE.total;
    const valueWidth = 120;
    const labelWidth = CONTENT * 0.6 - valueWidth;
    const x = MARGIN + CONTENT * 0.4;
    const height = Math.max(this.#textHeight(total.label, style, labelWidth), this.#textHeight(total.value, style, valueWidth)) + 2;
    this.#room(height);
    this.#drawText(total.label, style, x, this.#y, labelWidth, 'right');
    this.#drawText(total.value, style, x + labelWidth, this.#y, valueWidth, 'right');
    this.#y += height;
  }
}
