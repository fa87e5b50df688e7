import { describe, expect, it } from 'vitest';
import { wrapWords } from './label-layout.ts';
import { textWidth } from './text-bitmap.ts';

describe('names on a label', () => {
  const style = { lineDots: 28 };
  const width = (s: string) => textWidth(s, style);

  it('wrap on words over as many lines as fit, each line within the width', () => {
    const name = 'Молоко пастеризованное ультрапастеризованное 2,5% 1 л';
    const lines = wrapWords(name, 300, 4, width);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(name);
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(300);
  });

  it('end with an ellipsis when the name needs more lines than the label has', () => {
    const name = 'Молоко пастеризованное ультрапастеризованное 2,5% 1 л';
    const lines = wrapWords(name, 300, 2, width);
    expect(lines).toHaveLength(2);
    expect(name.startsWith(lines[0])).toBe(true);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(width(lines[1])).toBeLessThanOrEqual(300);
  });

  it('break Chinese, which has no spaces, between characters', () => {
    const lines = wrapWords('有机全脂牛奶巴氏杀菌一升装', 120, 3, width);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('有机全脂牛奶巴氏杀菌一升装');
  });
});
