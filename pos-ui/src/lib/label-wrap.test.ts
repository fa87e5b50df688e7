import { describe, expect, it } from 'vitest';
import { labelParts } from './label-wrap.ts';

const shown = (text: string) => labelParts(text).map((p) => (p.keep ? `[${p.text}]` : p.text)).join('');

describe('tile labels', () => {
  it('keeps brackets and lone symbols with their neighbours, and the text whole', () => {
    expect(shown('Milk 2.5% (1 l)')).toBe('Milk [2.5%] [(1] [l)]');
    expect(shown('Pienas 2,5 % (pasterizuotas)')).toBe('Pienas [2,5 %] [(pas]terizuo[tas)]');
    expect(shown('Хлеб бородинский')).toBe('Хлеб бородинский');
    for (const name of ['Milk 2.5% (1 l)', 'Молоко «Домик» (1 л)', '(x)']) expect(labelParts(name).map((p) => p.text).join('')).toBe(name);
  });
});
