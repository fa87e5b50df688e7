import { describe, expect, it } from 'vitest';
import { CAS_STREAM, MT_SICS, TOLEDO_8217, toGrams } from './protocols.ts';

describe('scale protocols', () => {
  it('converts weights to integer grams without floating-point drift', () => {
    expect(toGrams('1.234', 'kg')).toBe(1234);
    expect(toGrams('0,735', 'kg')).toBe(735);
    expect(toGrams('100.00', 'g')).toBe(100);
    expect(toGrams('2.20', 'lb')).toBe(998);
    expect(toGrams('-0.010', 'kg')).toBe(-10);
  });

  it('reads Toledo 8217 weights and status replies', () => {
    expect(TOLEDO_8217.parse('\x0201.234')).toEqual({ state: 'stable', grams: 1234 });
    expect(TOLEDO_8217.parse('\x02?\x21')).toEqual({ state: 'motion', grams: null });
    expect(TOLEDO_8217.parse('\x02?\x22')).toEqual({ state: 'overload', grams: null });
    expect(TOLEDO_8217.parse('\x02?\x24')).toEqual({ state: 'underload', grams: null });
  });

  it('reads MT-SICS stable, dynamic, busy and overload replies', () => {
    expect(MT_SICS.parse('S S     100.00 g')).toEqual({ state: 'stable', grams: 100 });
    expect(MT_SICS.parse('S D       0.512 kg')).toEqual({ state: 'motion', grams: 512 });
    expect(MT_SICS.parse('S I')).toEqual({ state: 'error', grams: null });
    expect(MT_SICS.parse('S +')).toEqual({ state: 'overload', grams: null });
  });

  it('reads CAS streaming lines', () => {
    expect(CAS_STREAM.parse('ST,GS,+  1.500kg')).toEqual({ state: 'stable', grams: 1500 });
    expect(CAS_STREAM.parse('US,GS,+  0.480kg')).toEqual({ state: 'motion', grams: 480 });
    expect(CAS_STREAM.parse('OL,GS,+  9.999kg')).toEqual({ state: 'overload', grams: null });
    expect(CAS_STREAM.parse('garbage')).toBeNull();
  });
});
