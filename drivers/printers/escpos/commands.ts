import escpos from 'escpos/commands.js';

// ESC/POS commands sent outside a document: the drawer, status and print confirmation, whose
// parameters are configurable, and the few a label slip adds to a document. Documents themselves
// are encoded by the printer database's encoder (document-builder.ts).

const table = (name: string) => escpos[name] as Record<string, string>;
const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;

export const ALIGN = {
  left: bytes(table('TEXT_FORMAT').TXT_ALIGN_LT),
  centre: bytes(table('TEXT_FORMAT').TXT_ALIGN_CT),
  right: bytes(table('TEXT_FORMAT').TXT_ALIGN_RT),
};

/** The longest pulse ESC p can give: t × 2 ms with t at most 255. */
export const MAX_PULSE_MS = 510;

/**
 * ESC p m t1 t2: pulse drawer pin 2 (m=0) or 5 (m=1) on for t1×2 ms, off for t2×2 ms. Queued
 * behind print data like any other command, so it waits while the printer is offline.
 */
export function drawerKick(pin: 0 | 1, onMs: number, offMs: number): Uint8Array {
  const units = (ms: number) => {
    if (ms < 2 || ms > MAX_PULSE_MS) throw new RangeError(`a drawer pulse of ${ms} ms is outside 2–${MAX_PULSE_MS} ms`);
    return Math.round(ms / 2);
  };
  return Uint8Array.of(ESC, 0x70, pin, units(onMs), units(offMs));
}

/**
 * DLE DC4 1 m t: the real-time pulse, executed as the printer receives it, even while it is
 * offline or out of paper. Its pulse is on for t × 100 ms and off as long (t 1–8): the
 * configured on-time is rounded to that step.
 */
export function realtimePulse(pin: 0 | 1, onMs: number): Uint8Array {
  const t = Math.min(8, Math.max(1, Math.round(onMs / 100)));
  return Uint8Array.of(DLE, 0x14, 0x01, pin, t);
}

/** EAN-13 from its 12 data digits (the printer adds the check digit), text below. */
export function ean13(data12: string): Uint8Array {
  return Uint8Array.of(GS, 0x68, 80, GS, 0x77, 2, GS, 0x48, 2, GS, 0x6b, 0x02, ...bytes(data12), 0x00);
}

/** DLE EOT n: real-time status (1 printer, 2 offline cause, 3 error cause, 4 paper). */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, 0x04, n);
}

/**
 * GS ( H fn 48: asks for a process ID response once the data before it is printed. The printer
 * answers 37 22 d1 d2 d3 d4 00 (Epson ESC/POS reference), d being four bytes 0x20–0x7E.
 */
export function processIdRequest(id: string): Uint8Array {
  if (!/^[\x20-\x7e]{4}$/.test(id)) throw new RangeError(`process id "${id}" is not four printable ASCII characters`);
  return Uint8Array.of(GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, ...bytes(id));
}

/** The position just past the process ID response for `id` in what the printer sent, or -1. */
export function findProcessIdResponse(received: Uint8Array, id: string): number {
  const expected = [0x37, 0x22, ...bytes(id), 0x00];
  outer: for (let i = 0; i + expected.length <= received.length; i++) {
    for (let j = 0; j < expected.length; j++) if (received[i + j] !== expected[j]) continue outer;
    return i + expected.length;
  }
  return -1;
}

/** What the printer sent, less its process ID responses (their ID bytes could pass for status bytes). */
export function withoutProcessIdResponses(received: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < received.length; i++) {
    if (received[i] === 0x37 && received[i + 1] === 0x22 && received[i + 6] === 0x00) i += 6;
    else out.push(received[i]);
  }
  return Uint8Array.from(out);
}
