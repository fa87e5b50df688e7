import { describe, expect, it } from 'vitest';
import { isGs1, parseGs1 } from './gs1.ts';

const GS = '\u001d';

describe('GS1 element strings', () => {
  it('reads GTIN, lot, expiry and net weight from a GS1-128 code', () => {
    const data = parseGs1(`]C10104006381333931${'3103'}001250${'17'}271231${'10'}LOT42`);
    expect(data).toMatchObject({ gtin: '4006381333931', netWeightGrams: 1250, expiry: '2027-12-31', lot: 'LOT42' });
  });

  it('ends a variable-length field at GS', () => {
    const data = parseGs1(`0104006381333931${'10'}AB12${GS}${'3922'}0199${GS}21SER9`);
    expect(data).toMatchObject({ lot: 'AB12', price: 199, serial: 'SER9' });
  });

  it('converts prices with other decimal counts to minor units', () => {
    expect(parseGs1('010400638133393139210150').price).toBe(1500);
    expect(parseGs1('010400638133393139230123').price).toBe(12);
  });

  it('keeps a GTIN-14 with a packaging indicator as it is', () => {
    expect(parseGs1('0114006381333938').gtin).toBe('14006381333938');
  });

  it('names what is wrong', () => {
    expect(() => parseGs1('01123')).toThrow(/AI \(01\) needs 14/);
    expect(() => parseGs1('0104006381333931' + '99xx')).toThrow(/unknown application identifier/);
  });

  it('tells GS1 element strings from plain barcodes', () => {
    expect(isGs1('4006381333931')).toBe(false);
    expect(isGs1(']d20104006381333931')).toBe(true);
    expect(isGs1('0104006381333931' + '3103001250')).toBe(true);
  });
});
