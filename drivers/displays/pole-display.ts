import type { DeviceAddress } from '../transports/device-uri.ts';
import { SerialTransport } from '../transports/serial.ts';
import { transliterate } from './transliterate.ts';

export const DISPLAY_COLUMNS = 20;

/**
 * A two-line, 20-column VFD pole display speaking the ESC/POS customer-display command set (Epson
 * DM-D and clones): ESC @ to initialise, FF to clear, US $ n m to move the cursor. Text goes out as
 * ASCII, transliterated, because these displays rarely have the code page a shop needs.
 */
export function poleDisplayBytes(line1: string, line2: string): Uint8Array {
  const fit = (text: string) => [...text].map((c) => (/^[\x20-\x7e]$/.test(c) ? c : transliterate(c))).join('').slice(0, DISPLAY_COLUMNS).padEnd(DISPLAY_COLUMNS, ' ');
  return Buffer.concat([Buffer.from([0x1b, 0x40, 0x0c]), Buffer.from(fit(line1), 'latin1'), Buffer.from([0x1f, 0x24, 0x01, 0x02]), Buffer.from(fit(line2), 'latin1')]);
}

/** Two lines of text: the first left, the second right-aligned amount, as pole displays show prices. */
export function itemLines(left: string, right: string): string {
  const room = DISPLAY_COLUMNS - right.length - 1;
  return `${[...left].slice(0, Math.max(0, room)).join('').padEnd(room, ' ')} ${right}`;
}

/** A pole display on a serial line; a missing display is skipped, never an error for the sale. */
export class PoleDisplay {
  readonly #transport: SerialTransport;
  #last = '';

  constructor(
    readonly id: string,
    address: Extract<DeviceAddress, { transport: 'serial' }>,
  ) {
    this.#transport = new SerialTransport(address, 2000);
  }

  /** Shows two lines; the same text twice is not sent again. */
  async show(line1: string, line2: string): Promise<boolean> {
    const key = `${line1}\n${line2}`;
    if (key === this.#last) return true;
    try {
      await this.#transport.send(poleDisplayBytes(line1, line2));
      this.#last = key;
      return true;
    } catch {
      return false;
    }
  }
}
