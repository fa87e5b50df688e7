import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../http/errors.ts';

/** What the check needs to know of the outlet's scales. */
export interface ScaleLocator {
  /** The scale standing at a register, and whether it is connected; null when it has none. */
  scaleAt(registerCode: string): { id: string; online: boolean } | null;
}

/** A sale line as far as its weight goes. */
export interface WeighedLine {
  unit: 'piece' | 'kg' | 'l' | 'm';
  name: string;
  quantityMilli: number;
  /** The signed ticket of the scale reading the register took the weight from. */
  scaleTicket?: string;
  /** Lines whose weight comes from elsewhere: a weight-embedded code, a pre-order's agreed quantity. */
  weighedElsewhere: boolean;
}

// A reading vouches for its weight for a day: long enough for a parked cart, short enough that an
// old ticket is no use.
const VALID_MS = 24 * 60 * 60 * 1000;

/**
 * Stable scale readings as the register receives them are signed (register, scale, grams, time),
 * so the server can tell a weight read from the register's scale from one typed into a request.
 */
export class ScaleReadings {
  readonly #key: Buffer;

  constructor(
    secret: string,
    private readonly scales: ScaleLocator | null,
  ) {
    this.#key = createHmac('sha256', secret).update('scale readings').digest();
  }

  /** The ticket of a stable reading of the scale at a register. */
  sign(registerCode: string, scaleId: string, grams: number, at = Date.now()): string {
    const body = `${scaleId}.${grams}.${at}`;
    return `${body}.${this.#mac(registerCode, body)}`;
  }

  #mac(registerCode: string, body: string): string {
    return createHmac('sha256', this.#key).update(`${registerCode}|${body}`).digest('base64url');
  }

  /** The grams a ticket vouches for at this register, or null when it is not one of ours, for another register or too old. */
  #grams(registerCode: string, ticket: string, now: number): number | null {
    const m = /^([a-z0-9-]{1,60})\.(\d{1,9})\.(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
    if (!m) return null;
    const [, scaleId, grams, at, mac] = m;
    const expected = Buffer.from(this.#mac(registerCode, `${scaleId}.${grams}.${at}`));
    if (!timingSafeEqual(expected, Buffer.from(mac)) || now - Number(at) > VALID_MS || Number(at) > now + 60_000) return null;
    return Number(grams);
  }

  /**
   * Refuses a sale whose weighed line did not come from the register's scale: while the register
   * has a scale online, every line sold by weight (and not carrying its weight in a scanned code)
   * needs a reading of it with exactly its quantity, each reading on one line. Without a scale, or
   * while it is offline, weights typed by the cashier stand: a broken scale must not stop the till.
   */
  check(registerCode: string, lines: readonly WeighedLine[], now = Date.now()): void {
    const scale = this.scales?.scaleAt(registerCode) ?? null;
    const used = new Set<string>();
    lines.forEach((line, i) => {
      if (line.unit !== 'kg' || line.weighedElsewhere) return;
      const field = `lines.${i}.scaleTicket`;
      if (!line.scaleTicket) {
        if (scale?.online) throw badRequest('weight-not-from-scale', `Weigh ${line.name} on the register's scale`, [{ path: field, message: 'a reading of the scale is required' }], { name: line.name });
        return;
      }
      const grams = this.#grams(registerCode, line.scaleTicket, now);
      if (grams === null || used.has(line.scaleTicket)) {
        throw badRequest('weight-not-from-scale', `The weight of ${line.name} is not a reading of this register's scale`, [{ path: field, message: 'not a reading of this scale' }], { variant: 'not-this-scale', name: line.name });
      }
      if (grams !== line.quantityMilli) {
        throw badRequest('weight-not-from-scale', `The scale read ${grams} g of ${line.name}, not ${line.quantityMilli}`, [{ path: `lines.${i}.quantityMilli`, message: `must be ${grams}` }], { variant: 'differs', name: line.name, weightMilli: grams, quantityMilli: line.quantityMilli, unit: 'kg' });
      }
      used.add(line.scaleTicket);
    });
  }
}
