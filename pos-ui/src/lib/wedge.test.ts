import { describe, expect, it } from 'vitest';
import { canBeCode, WedgeDetector, type KeyStroke } from './wedge.ts';

const DIGITS = '0123456789';
const LITHUANIAN_DIGITS = 'ąčęėįšųū90';
const RUSSIAN: Record<string, string> = { R: 'К', V: 'М', J: 'О', K: 'Л', G: 'П' };

/** The keys of a US keyboard for `text` as another layout turns them into characters. */
function strokes(text: string, layout: 'us' | 'lt' | 'ru' = 'us', gap = 8): KeyStroke[] {
  return [...text].map((c, i) => {
    const code = DIGITS.includes(c) ? `Digit${c}` : /[A-Z]/.test(c) ? `Key${c}` : c === '-' ? 'Minus' : c === ' ' ? 'Space' : '';
    const key = layout === 'lt' && c >= '1' && c <= '9' ? LITHUANIAN_DIGITS[Number(c) - 1] : layout === 'ru' && RUSSIAN[c] ? RUSSIAN[c] : c;
    return { code, key, timeStamp: i * gap };
  });
}

/** Types the keys into a fresh detector and presses Enter on what the field shows. */
function enter(keys: KeyStroke[]): string | null {
  const detector = new WedgeDetector();
  for (const k of keys) detector.key(k);
  return detector.enter(keys.map((k) => k.key).join(''));
}

describe('what Enter in the scan field looks up', () => {
  it('takes digits as a code, however slowly they came (a busy machine delays a scanner’s keys)', () => {
    expect(enter(strokes('4770000000011', 'us', 8))).toBe('4770000000011');
    expect(enter(strokes('4770000000011', 'us', 900))).toBe('4770000000011');
  });

  it('reads the code from physical keys when the keyboard layout gave other characters', () => {
    expect(enter(strokes('4771234567890', 'lt'))).toBe('4771234567890');
    expect(enter(strokes('R1-0003-0012', 'ru'))).toBe('R1-0003-0012');
  });

  it('searches for a name however fast it was typed: letters without digits, spaces, another script', () => {
    expect(enter(strokes('MILK', 'us', 5))).toBeNull();
    expect(enter(strokes('GOLD 2', 'us', 5))).toBeNull();
    // молоко typed on a Russian layout: the physical keys spell no code (no digit).
    expect(enter(strokes('VJKJKJ', 'ru', 5))).toBeNull();
    const detector = new WedgeDetector();
    expect(detector.enter('хлеб бор')).toBeNull();
  });

  it('takes the field as it is when it was edited and the keys no longer spell it', () => {
    const detector = new WedgeDetector();
    for (const k of strokes('123', 'lt')) detector.key(k);
    // A paste or an on-screen pad changed the text without keys: it is read as shown.
    expect(detector.enter('ąčę45')).toBeNull();
    expect(detector.enter('GC-7788-0001')).toBe('GC-7788-0001');
  });

  it('knows what can be a code', () => {
    for (const code of ['4770000000011', 'R1-0003-0012', 'GC-7788-0001', 'SKU-000123', '0104607097462011\x1d21abc']) expect(canBeCode(code), code).toBe(true);
    for (const name of ['milk', 'молоко', 'Cola 0.5', 'Jam', '', '12 34']) expect(canBeCode(name), name).toBe(false);
  });
});
