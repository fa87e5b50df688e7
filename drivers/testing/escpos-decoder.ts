import iconv from 'iconv-lite';
import { getProfile, type PrinterProfile } from '../printers/escpos/profiles.ts';

export interface DecodedPrintout {
  text: string;
  lines: string[];
  initialised: boolean;
  cuts: number;
  drawerKicks: { pin: number; t1: number; t2: number }[];
  barcodes: { type: string; data: string }[];
  /** Code pages selected with ESC t, in order. */
  codePages: number[];
  /** Bytes the decoder did not understand, as hex offsets: a non-empty list is a bug in the encoder. */
  unknown: string[];
}

/**
 * Reads ESC/POS bytes back into what a customer would see on paper: text decoded with the code page
 * in force on each line, cuts, drawer kicks and barcodes. For tests of what was really printed.
 */
export function decodeEscPos(input: Uint8Array, profile: PrinterProfile = getProfile('epson-generic')): DecodedPrintout {
  const bytes = Buffer.from(input);
  const pageNames = new Map(Object.entries(profile.codePages).map(([name, n]) => [n, name]));
  const out: DecodedPrintout = { text: '', lines: [], initialised: false, cuts: 0, drawerKicks: [], barcodes: [], codePages: [], unknown: [] };
  let page = 'cp437';
  let chinese = false;
  let current: number[] = [];
  let line = '';
  // Bytes are decoded with the code page in force when they arrived: a page may change mid-line.
  const decodePending = () => {
    line += iconv.decode(Buffer.from(current), chinese ? 'gb18030' : page);
    current = [];
  };
  const flush = () => {
    decodePending();
    out.lines.push(line);
    line = '';
  };

  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const next = bytes[i + 1];
    if (b === 0x0a) {
      flush();
      i += 1;
    } else if (b === 0x1b) {
      switch (next) {
        case 0x40: out.initialised = true; i += 2; break;
        case 0x74: {
          decodePending();
          const n = bytes[i + 2];
          out.codePages.push(n);
          page = pageNames.get(n) ?? 'cp437';
          i += 3;
          break;
        }
        case 0x70: out.drawerKicks.push({ pin: bytes[i + 2], t1: bytes[i + 3], t2: bytes[i + 4] }); i += 5; break;
        case 0x61: case 0x45: case 0x64: case 0x21: case 0x4d: case 0x2d: i += 3; break;
        default: out.unknown.push(`1b ${next?.toString(16)} at ${i}`); i += 2;
      }
    } else if (b === 0x1c) {
      decodePending();
      if (next === 0x26) chinese = true;
      else if (next === 0x2e) chinese = false;
      else out.unknown.push(`1c ${next?.toString(16)} at ${i}`);
      i += 2;
    } else if (b === 0x1d) {
      switch (next) {
        case 0x56: {
          const m = bytes[i + 2];
          out.cuts += 1;
          i += m === 0x41 || m === 0x42 ? 4 : 3;
          break;
        }
        case 0x21: case 0x68: case 0x77: case 0x48: case 0x66: i += 3; break;
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
        default: out.unknown.push(`1d ${next?.toString(16)} at ${i}`); i += 2;
      }
    } else if (b === 0x10 && next === 0x04) {
      i += 3;
    } else {
      current.push(b);
      i += 1;
    }
  }
  if (current.length || line) flush();
  out.text = out.lines.join('\n');
  return out;
}
