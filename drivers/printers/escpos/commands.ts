import escpos from 'escpos/commands.js';

// ESC/POS command bytes. Where the escpos package's constants are right they are used as they are;
// the drawer kick, cut and barcode are built here because their parameters are configurable (and
// escpos@2's kick leaves out t1 t2, see ../shared/docs/devices.md).

const table = (name: string) => escpos[name] as Record<string, string>;
const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;

/** Initialise, then leave Chinese mode: many printers boot in it and would eat every byte ≥ 0x80. */
export const INITIALISE = Uint8Array.of(...bytes(table('HARDWARE').HW_INIT), FS, 0x2e);
export const ALIGN = {
  left: bytes(table('TEXT_FORMAT').TXT_ALIGN_LT),
  centre: bytes(table('TEXT_FORMAT').TXT_ALIGN_CT),
  right: bytes(table('TEXT_FORMAT').TXT_ALIGN_RT),
};
export const BOLD_ON = bytes(table('TEXT_FORMAT').TXT_BOLD_ON);
export const BOLD_OFF = bytes(table('TEXT_FORMAT').TXT_BOLD_OFF);
export const CHINESE_ON = Uint8Array.of(FS, 0x26);
export const CHINESE_OFF = Uint8Array.of(FS, 0x2e);

/** Character size: width and height multipliers 1–8. */
export function size(width: number, height: number): Uint8Array {
  return Uint8Array.of(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/** Selects character code table n (the number differs by printer vendor: see profiles). */
export function codePage(n: number): Uint8Array {
  return Uint8Array.of(ESC, 0x74, n);
}

export function feedLines(n: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, n);
}

/** Feeds n dots and cuts: GS V 65/66 n (full or partial). */
export function cut(partial: boolean, feedDots = 80): Uint8Array {
  return Uint8Array.of(GS, 0x56, partial ? 0x42 : 0x41, feedDots);
}

/** ESC p m t1 t2: pulse drawer pin 2 (m=0) or 5 (m=1) on for t1×2 ms, off for t2×2 ms. */
export function drawerKick(pin: 0 | 1, onMs: number, offMs: number): Uint8Array {
  const clamp = (ms: number) => Math.max(1, Math.min(255, Math.round(ms / 2)));
  return Uint8Array.of(ESC, 0x70, pin, clamp(onMs), clamp(offMs));
}

/** CODE128 (code set B) with human-readable text below. */
export function code128(data: string, heightDots = 60): Uint8Array {
  const payload = bytes(`{B${data}`);
  return Uint8Array.of(GS, 0x68, heightDots, GS, 0x77, 2, GS, 0x48, 2, GS, 0x6b, 0x49, payload.length, ...payload);
}

/** EAN-13 from its 12 data digits (the printer adds the check digit), text below. */
export function ean13(data12: string): Uint8Array {
  return Uint8Array.of(GS, 0x68, 80, GS, 0x77, 2, GS, 0x48, 2, GS, 0x6b, 0x02, ...bytes(data12), 0x00);
}

/** DLE EOT n: real-time status (1 printer, 2 offline cause, 3 error cause, 4 paper). */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, 0x04, n);
}
