import { describe, expect, it } from 'vitest';
import { WedgeDetector, type KeyStroke } from './wedge.ts';

const US: Record<string, string> = { '0': 'Digit0', '1': 'Digit1', '2': 'Digit2', '3': 'Digit3', '4': 'Digit4', '5': 'Digit5', '6': 'Digit6', '7': 'Digit7', '8': 'Digit8', '9': 'Digit9' };
const LITHUANIAN_DIGITS = 'ąčęėįšųū90';

function strokes(code: string, start: number, gap: number, layout: 'us' | 'lt' = 'us'): KeyStroke[] {
  return [...code].map((c, i) => ({ code: US[c], key: layout === 'lt' && c >= '1' ? LITHUANIAN_DIGITS[Number(c) - 1] : c, timeStamp: start + i * gap }));
}

function run(detector: WedgeDetector, keys: KeyStroke[], enterAt: number): string | null {
  for (const k of keys) detector.key(k);
  return detector.enter(enterAt);
}

describe('keyboard-wedge scanner detection', () => {
  it('reads a fast burst ending in Enter as a scan', () => {
    expect(run(new WedgeDetector(), strokes('4770000000011', 1000, 8), 1000 + 13 * 8)).toBe('4770000000011');
  });

  it('reads digits from physical keys when the layout gives other characters', () => {
    expect(run(new WedgeDetector(), strokes('4771234567890', 0, 5, 'lt'), 70)).toBe('4771234567890');
  });

  it('treats keys typed at human speed as typing, not a scan', () => {
    expect(run(new WedgeDetector(), strokes('477123', 0, 180), 1200)).toBeNull();
  });

  it('needs at least three characters', () => {
    expect(run(new WedgeDetector(), strokes('12', 0, 5), 12)).toBeNull();
  });

  it('ignores slow typing before a scan burst', () => {
    const d = new WedgeDetector();
    const keys = [...strokes('99', 0, 300), ...strokes('5901234123457', 2000, 6)];
    expect(run(d, keys, 2000 + 13 * 6)).toBe('5901234123457');
  });

  it('does not count an Enter pressed long after the last key', () => {
    expect(run(new WedgeDetector(), strokes('123456', 0, 5), 500)).toBeNull();
  });
});
