// Keyboard-wedge barcode scanners type the code as keys ending in Enter. Scanners send key codes,
// and the keyboard layout turns them into characters: with a Lithuanian layout the digit row gives
// "ąčęėįšųū", with a Russian one letters become Cyrillic. So a code is read from
// KeyboardEvent.code (physical keys) when the characters that reached the field are not one.
//
// Whether Enter looks a code up or searches is decided by what was typed, not by how fast: on a
// busy machine a scanner's keys arrive as slowly as a person's, and a person may type a name fast.

export interface KeyStroke {
  key: string;
  code: string;
  shiftKey?: boolean;
  /** Milliseconds, as KeyboardEvent.timeStamp. */
  timeStamp: number;
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
 * What a code can be: a barcode, a loyalty or gift card, a receipt number (R1-0003-0012), a GS1
 * string (GS between its fields): printable ASCII without spaces, with at least one digit. A word
 * without digits (milk), or anything with a space or a letter of another script, is a name.
 */
export function canBeCode(text: string): boolean {
  return /^[\x21-\x7e\x1d]+$/.test(text) && /\d/.test(text);
}

/** The keys typed into the scan field since it was last empty, to read a code from on Enter. */
export class WedgeDetector {
  readonly #burstGapMs: number;
  #strokes: { char: string | null; at: number }[] = [];

  constructor(options: { burstGapMs?: number } = {}) {
    this.#burstGapMs = options.burstGapMs ?? 50;
  }

  /** Records a key that is not Enter. */
  key(stroke: KeyStroke): void {
    this.#strokes.push({ char: characterOf(stroke), at: stroke.timeStamp });
  }

  /**
   * Enter was pressed on `text` (the field's content): the code to look up, or null when it is a
   * name to search for. A text that is not a code may still be one typed through another keyboard
   * layout: then the physical keys, one per character, spell the code.
   */
  enter(text: string): string | null {
    const strokes = this.#strokes;
    this.#strokes = [];
    const typed = text.trim();
    if (!typed) return null;
    if (canBeCode(typed)) return typed;
    if (/\s/.test(typed) || strokes.length !== [...text].length || strokes.some((s) => s.char === null)) return null;
    const physical = strokes.map((s) => s.char).join('');
    return canBeCode(physical) ? physical : null;
  }

  /** Whether keys are arriving as a scanner types right now (as-you-type search waits then). */
  inBurst(now: number): boolean {
    const last = this.#strokes[this.#strokes.length - 1];
    const before = this.#strokes[this.#strokes.length - 2];
    return !!last && !!before && last.at - before.at <= this.#burstGapMs && now - last.at <= this.#burstGapMs;
  }

  /** The field was emptied or changed other than by typing at its end: the keys no longer spell it. */
  reset(): void {
    this.#strokes = [];
  }
}
