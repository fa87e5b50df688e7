import { describe, expect, it } from 'vitest';
import { CAS_STREAM, MT_SICS, RADWAG, TOLEDO_8217, TOLEDO_CONTINUOUS, toGrams } from './protocols.ts';

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

// Frames written byte for byte from the indicators' manuals.
describe('frames as the manuals lay them out', () => {
  it('reads a CAS CI-series 22-byte frame: device id and lamp byte between the header and the weight', () => {
    // "ST,GS," + device id 0x31 + lamp status (bit 7 set, bit 6 stable, bit 2 gross) + "," + 8 bytes + " kg" CR LF.
    const frame = Buffer.from([0x53, 0x54, 0x2c, 0x47, 0x53, 0x2c, 0x31, 0xc4, 0x2c, 0x30, 0x30, 0x30, 0x31, 0x2e, 0x32, 0x33, 0x34, 0x20, 0x6b, 0x67, 0x0d, 0x0a]);
    expect(frame).toHaveLength(22);
    const message = frame.subarray(0, 20).toString('latin1');
    expect(CAS_STREAM.parse(message)).toEqual({ state: 'stable', grams: 1234 });
    expect(CAS_STREAM.parse(`US,NT,1\x84,0013.500 kg`)).toEqual({ state: 'motion', grams: 13_500 });
    expect(CAS_STREAM.parse(`OL,GS,1\x84,        kg`)).toEqual({ state: 'overload', grams: null });
  });

  it('reads Mettler Toledo continuous frames, checking the checksum when one follows CR', () => {
    // After STX: SWA 0x2D (bit 5, ×1, XXX.XXX), SWB 0x30 (bit 5, kg), SWC 0x20, "001234", "000000", CR, checksum.
    const body = [0x02, 0x2d, 0x30, 0x20, ...Buffer.from('001234000000', 'latin1'), 0x0d];
    const checksum = (0x80 - (body.reduce((s, b) => s + (b & 0x7f), 0) % 0x80)) % 0x80;
    const frame = Buffer.from([...body.slice(1), checksum]).toString('latin1');
    expect(TOLEDO_CONTINUOUS.parse(frame)).toEqual({ state: 'stable', grams: 1234 });
    expect(TOLEDO_CONTINUOUS.parse(frame.slice(0, -1) + String.fromCharCode((checksum + 1) & 0x7f))).toBeNull();
    // No checksum configured; SWB 0x38: in motion.
    expect(TOLEDO_CONTINUOUS.parse(`\x2d\x38\x20000735000000\r`)).toEqual({ state: 'motion', grams: 735 });
    // SWA 0x2A: no decimals (XXXXXX) with SWC bit 0: grams.
    expect(TOLEDO_CONTINUOUS.parse(`\x2a\x30\x21000500000000\r`)).toEqual({ state: 'stable', grams: 500 });
    // SWB bit 2: out of range.
    expect(TOLEDO_CONTINUOUS.parse(`\x2d\x34\x20999999000000\r`)).toEqual({ state: 'overload', grams: null });
    // SWB bit 1: negative.
    expect(TOLEDO_CONTINUOUS.parse(`\x2d\x32\x20000010000000\r`)).toEqual({ state: 'underload', grams: -10 });
  });

  it('reads RADWAG mass frames column by column: stability marker, sign, nine columns of mass, unit', () => {
    // Columns 1–2 "SI", 3 space, 4 stability marker, 5 space, 6 sign, 7–15 mass, 16 space, 17–19 unit.
    const frame = (marker: string, sign: string, mass: string, unit: string) => `SI ${marker} ${sign}${mass.padStart(9)} ${unit.padEnd(3)}`;
    expect(frame('?', ' ', '18.5', 'kg')).toBe('SI ?       18.5 kg ');
    expect(RADWAG.parse(frame('?', ' ', '18.5', 'kg'))).toEqual({ state: 'motion', grams: 18_500 });
    expect(RADWAG.parse(frame(' ', ' ', '0.735', 'kg'))).toEqual({ state: 'stable', grams: 735 });
    expect(RADWAG.parse(frame(' ', '-', '0.010', 'kg'))).toEqual({ state: 'underload', grams: -10 });
    expect(RADWAG.parse(frame(' ', ' ', '250.0', 'g'))).toEqual({ state: 'stable', grams: 250 });
    expect(RADWAG.parse('SI I')).toEqual({ state: 'error', grams: null });
    expect(RADWAG.parse('SI ?  18.5 kg')).toBeNull();
  });
});
