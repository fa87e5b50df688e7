// When a weight may go on a sale: only a stable, non-zero, in-range weight, and only after the
// scale went back to zero since the last weighed item (the same goods are not sold twice).

export interface ScaleReading {
  state: 'stable' | 'motion' | 'overload' | 'underload' | 'error' | 'offline';
  grams: number | null;
  /** The server's signature of a stable reading, sent back with the weighed sale line. */
  ticket?: string;
}

export interface WeighingLimits {
  /** Smallest weight that counts as goods on the platter (the scale's minimum). */
  minGrams: number;
  maxGrams: number;
  /** Readings at or below this count as "back to zero". */
  zeroBandGrams: number;
}

export const DEFAULT_LIMITS: WeighingLimits = { minGrams: 20, maxGrams: 15_000, zeroBandGrams: 5 };

export type WeighVerdict = { ok: true; grams: number } | { ok: false; reason: 'unstable' | 'empty' | 'too-heavy' | 'not-zeroed' | 'error' };

/** Tracks the return to zero between items and judges each reading. */
export class WeighingGuard {
  #zeroedSinceLastItem = true;

  constructor(readonly limits: WeighingLimits = { ...DEFAULT_LIMITS }) {}

  /** Feed every reading the scale sends. */
  observe(reading: ScaleReading): void {
    if (reading.grams !== null && reading.grams <= this.limits.zeroBandGrams) this.#zeroedSinceLastItem = true;
  }

  verdict(reading: ScaleReading): WeighVerdict {
    if (reading.state === 'overload' || (reading.grams !== null && reading.grams > this.limits.maxGrams)) return { ok: false, reason: 'too-heavy' };
    if (reading.state === 'error' || reading.state === 'offline' || reading.state === 'underload') return { ok: false, reason: 'error' };
    if (reading.state !== 'stable' || reading.grams === null) return { ok: false, reason: 'unstable' };
    if (reading.grams < this.limits.minGrams) return { ok: false, reason: 'empty' };
    if (!this.#zeroedSinceLastItem) return { ok: false, reason: 'not-zeroed' };
    return { ok: true, grams: reading.grams };
  }

  /** The weight went on a sale line: the next item needs the platter emptied first. */
  taken(): void {
    this.#zeroedSinceLastItem = false;
  }
}
