// Keyboard-wedge barcode scanners type the code as a burst of keys ending in Enter. Scanners send
// key codes, and the keyboard layout turns them into characters: with a Lithuanian layout the digit
// row gives "ąčęėįšųū", with a Russian one letters become Cyrillic. So a scan is read from
// KeyboardEvent.code (physical keys), not from the characters that reach the input.

export interface KeyStroke {
  key: string;
  code: string;
  shiftKey?: boolean;
  /** Milliseconds, as KeyboardEvent.timeStamp. */
  timeStamp: number;
}

export interface WedgeOptions {
  /** Longest pause between two keys of one scan. */
  maxGapMs?: number;
  minLength?: number;
}

/** The character a US-layout keyboard gives for a physical key, which is what scanners mean. */
export function characterOf(stroke: KeyStroke): string | null {
  const { code, shiftKey } = stroke;
  let m = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (m) return m[1];
  m = /^Key([A-Z])$/.exec(code);
  if (m) return m[1];
  const symbols: Record<string, string> = { Minus: '-', NumpadSubtract: '-', Period: '.', NumpadDecimal: '.', Slash: '/', NumpadDivide: '/', Space: ' ', Equal: '=', NumpadAdd: '+' };
  if (code in symbols) return shiftKey && code === 'Equal' ? '+' : symbols[code];
  // Unknown physical key (virtual keyboards, tests): use the character itself if it is plain.
  return stroke.key.length === 1 ? stroke.key : null;
}

/**
 * Watches keys typed into the scan field. `enter()` tells whether the keys just before Enter were
 * a scanner burst, and gives the scanned code read from physical keys.
 */
export class WedgeDetector {
  readonly #maxGapMs: number;
  readonly #minLength: number;
  #burst: { char: string; at: number }[] = [];

  constructor(options: WedgeOptions = {}) {
    this.#maxGapMs = options.maxGapMs ?? 50;
    this.#minLength = options.minLength ?? 3;
  }

  /** Records a key that is not Enter. */
  key(stroke: KeyStroke): void {
    const char = characterOf(stroke);
    if (char === null) {
      this.#burst = [];
      return;
    }
    const last = this.#burst[this.#burst.length - 1];
    if (last && stroke.timeStamp - last.at > this.#maxGapMs) this.#burst = [];
    this.#burst.push({ char, at: stroke.timeStamp });
  }

  /** Enter was pressed: returns the scanned code, or null when the keys were typed by a person. */
  enter(timeStamp: number): string | null {
    const burst = this.#burst;
    this.#burst = [];
    const last = burst[burst.length - 1];
    if (!last || timeStamp - last.at > this.#maxGapMs || burst.length < this.#minLength) return null;
    return burst.map((k) => k.char).join('');
  }

  /** Whether keys are arriving at scanner speed right now (as-you-type search waits then). */
  inBurst(now: number): boolean {
    const last = this.#burst[this.#burst.length - 1];
    return this.#burst.length >= 2 && now - last.at <= this.#maxGapMs;
  }

  reset(): void {
    this.#burst = [];
  }
}
