import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder, { type ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder';

export interface DecodedImage {
  /** Width and height in dots, as the GS v 0 header says. */
  width: number;
  height: number;
  /** Black dots in the image. */
  inked: number;
}

export interface DecodedPrintout {
  text: string;
  /** Lines as printed; an image line reads "[image]". */
  lines: string[];
  initialised: boolean;
  cuts: number;
  drawerKicks: { pin: number; t1: number; t2: number }[];
  barcodes: { type: string; data: string }[];
  images: DecodedImage[];
  /** Code pages selected with ESC t, in order (the numbers sent). */
  codePages: number[];
  /** Bytes the decoder did not understand, as hex offsets: a non-empty list is a bug in the encoder. */
  unknown: string[];
}

// What the tests know about a printer comes from the printer database in
// @point-of-sale/receipt-printer-encoder, never from the product's own code: which code page an
// ESC t number selects on the model, and what each byte of that code page is.
const numbering = new Map<string, Map<number, Codepage>>();

/** The database's encoder options for a model; "generic-escpos" is the database's epson/legacy numbering. */
function databaseOptions(model: string): ReceiptPrinterEncoderOptions {
  if (model === 'generic-escpos') return { language: 'esc-pos', columns: 48, codepageMapping: 'epson/legacy' };
  return { printerModel: model } as ReceiptPrinterEncoderOptions;
}

/** ESC t number → code page for a model, read by asking the database's encoder to select each page. */
export function codePageNumbers(model: string): Map<number, Codepage> {
  let map = numbering.get(model);
  if (map) return map;
  map = new Map();
  for (const codepage of CodepageEncoder.getEncodings()) {
    const encoder = new ReceiptPrinterEncoder(databaseOptions(model));
    try {
      encoder.codepage(codepage);
    } catch {
      continue;
    }
    const bytes = encoder.text('A').encode();
    const at = bytes.findIndex((b, i) => b === 0x1b && bytes[i + 1] === 0x74);
    if (at >= 0 && !map.has(bytes[at + 2])) map.set(bytes[at + 2], codepage);
  }
  numbering.set(model, map);
  return map;
}

/**
 * Reads ESC/POS bytes back into what a customer would see on paper: text decoded with the code page
 * the printer database says the model selects for each ESC t number, images, cuts, drawer kicks
 * and codes. For tests of what was really printed.
 */
export function decodeEscPos(input: Uint8Array, model: string): DecodedPrintout {
  const bytes = Buffer.from(input);
  const pages = codePageNumbers(model);
  const out: DecodedPrintout = { text: '', lines: [], initialised: false, cuts: 0, drawerKicks: [], barcodes: [], images: [], codePages: [], unknown: [] };
  let table = CodepageEncoder.getCodepoints('cp437', true);
  let line = '';
  const flush = () => {
    out.lines.push(line);
    line = '';
  };

  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const next = bytes[i + 1];
    if (b === 0x0a) {
      flush();
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b === 0x1b) {
      switch (next) {
        case 0x40: out.initialised = true; i += 2; break;
        case 0x74: {
          const n = bytes[i + 2];
          out.codePages.push(n);
          const page = pages.get(n);
          if (!page) out.unknown.push(`ESC t ${n} (no such code page on ${model}) at ${i}`);
          table = CodepageEncoder.getCodepoints(page ?? 'cp437', true);
          i += 3;
          break;
        }
        case 0x70: out.drawerKicks.push({ pin: bytes[i + 2], t1: bytes[i + 3], t2: bytes[i + 4] }); i += 5; break;
        case 0x32: i += 2; break;
        case 0x61: case 0x45: case 0x64: case 0x21: case 0x4d: case 0x2d: case 0x33: case 0x47: case 0x7b: case 0x4a: i += 3; break;
        default: out.unknown.push(`1b ${next?.toString(16)} at ${i}`); i += 2;
      }
    } else if (b === 0x1c) {
      if (next !== 0x2e) out.unknown.push(`1c ${next?.toString(16)} at ${i}`);
      i += 2;
    } else if (b === 0x1d) {
      switch (next) {
        case 0x56: {
          const m = bytes[i + 2];
          out.cuts += 1;
          i += m === 0x41 || m === 0x42 ? 4 : 3;
          break;
        }
        case 0x21: case 0x68: case 0x77: case 0x48: case 0x66: case 0x42: i += 3; break;
        case 0x6b: {
          const m = bytes[i + 2];
          if (m >= 65) {
            const len = bytes[i + 3];
            let data = bytes.subarray(i + 4, i + 4 + len).toString('latin1');
            if (m === 0x49 && data.startsWith('{')) data = data.slice(2);
            out.barcodes.push({ type: m === 0x49 ? 'CODE128' : m === 0x43 ? 'EAN13' : `type-${m}`, data });
            i += 4 + len;
          } else {
            const end = bytes.indexOf(0, i + 3);
            out.barcodes.push({ type: m === 2 ? 'EAN13' : `type-${m}`, data: bytes.subarray(i + 3, end).toString('latin1') });
            i = end + 1;
          }
          break;
        }
        case 0x28: {
          // GS ( X pL pH ...: a function with a length; QR (k) stores its data with fn 80.
          const len = bytes[i + 3] + bytes[i + 4] * 256;
          const body = bytes.subarray(i + 5, i + 5 + len);
          if (bytes[i + 2] === 0x6b && body[0] === 0x31 && body[1] === 0x50) out.barcodes.push({ type: 'QR', data: body.subarray(3).toString('latin1') });
          else if (bytes[i + 2] !== 0x6b && bytes[i + 2] !== 0x48) out.unknown.push(`1d 28 ${bytes[i + 2].toString(16)} at ${i}`);
          i += 5 + len;
          break;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH d1...dk: a raster image, x bytes wide (8 dots each), y dots high.
          const widthBytes = bytes[i + 4] + bytes[i + 5] * 256;
          const height = bytes[i + 6] + bytes[i + 7] * 256;
          const data = bytes.subarray(i + 8, i + 8 + widthBytes * height);
          let inked = 0;
          for (const byte of data) for (let bit = 0; bit < 8; bit++) inked += (byte >> bit) & 1;
          out.images.push({ width: widthBytes * 8, height, inked });
          if (line) flush();
          line = '[image]';
          i += 8 + widthBytes * height;
          break;
        }
        default: out.unknown.push(`1d ${next?.toString(16)} at ${i}`); i += 2;
      }
    } else if (b === 0x10 && next === 0x04) {
      i += 3;
    } else if (b === 0x10 && next === 0x14) {
      i += 5;
    } else if (b < 0x20) {
      out.unknown.push(`${b.toString(16)} at ${i}`);
      i += 1;
    } else {
      line += String.fromCodePoint(table[b]);
      i += 1;
    }
  }
  if (line) flush();
  out.text = out.lines.join('\n');
  return out;
}
