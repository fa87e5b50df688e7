import { describe, expect, it } from 'vitest';
import { aiFormat, gs1Year, isExpired, isGs1, parseGs1 } from './gs1.ts';

const GS = '\u001d';

// Check digits computed here from the General Specifications' rule (7.9.1), not with the product's
// helper: weights 3 and 1 alternate from the rightmost data digit; the check digit brings the sum
// to a multiple of ten.
function mod10(data: string): string {
  let sum = 0;
  [...data].reverse().forEach((d, i) => (sum += Number(d) * (i % 2 === 0 ? 3 : 1)));
  return String((10 - (sum % 10)) % 10);
}
const gtin14 = (data13: string) => data13 + mod10(data13);
const gln = (data12: string) => data12 + mod10(data12);

describe('the AI table of the GS1 General Specifications', () => {
  it('knows fixed and variable lengths and which AIs carry decimals', () => {
    expect(aiFormat('01')).toMatchObject({ minLength: 14, maxLength: 14, decimals: false });
    expect(aiFormat('17')).toMatchObject({ minLength: 6, maxLength: 6 });
    expect(aiFormat('21')).toMatchObject({ minLength: 1, maxLength: 20 });
    expect(aiFormat('240')).toMatchObject({ minLength: 1, maxLength: 30 });
    expect(aiFormat('414')).toMatchObject({ minLength: 13, maxLength: 13 });
    expect(aiFormat('7003')).toMatchObject({ minLength: 10, maxLength: 10 });
    expect(aiFormat('8008')).toMatchObject({ minLength: 8, maxLength: 12 });
    expect(aiFormat('3103')).toMatchObject({ minLength: 6, maxLength: 6, decimals: true });
    expect(aiFormat('3922')).toMatchObject({ minLength: 1, maxLength: 15, decimals: true });
    expect(aiFormat('3932')).toMatchObject({ minLength: 4, maxLength: 18, decimals: true });
    for (const ai of ['91', '92', '93', '94', '95', '96', '97', '98', '99']) expect(aiFormat(ai)).toMatchObject({ minLength: 1, maxLength: 90 });
    expect(aiFormat('3106')).toBeUndefined();
    expect(aiFormat('23')).toBeUndefined();
  });
});

describe('GS1 element strings', () => {
  it('reads GTIN, lot, expiry and net weight from a GS1-128 code', () => {
    const gtin = gtin14('0400638133393');
    const data = parseGs1(`]C101${gtin}3103001250${'17'}271231${'10'}LOT42`);
    expect(data).toMatchObject({ gtin: gtin.slice(1), netWeightGrams: 1250, expiry: '2027-12-31', lot: 'LOT42' });
  });

  it('reads a marked-goods DataMatrix: GTIN, serial, then company-internal 91 and 92 ended by GS', () => {
    const gtin = gtin14('0460700978016');
    const crypto = 'aBcD+/eFgH1234567890IjKlMnOpQrStUvWxYz=0123456789abcdEFGHijklMNOPqrstUVWXyz+/ABCDEFGHIJ';
    const data = parseGs1(`]d201${gtin}215sN*qa'Xyz%(${GS}91EE06${GS}92${crypto}`);
    expect(data.gtin).toBe(gtin.slice(1));
    expect(data.serial).toBe("5sN*qa'Xyz%(");
    expect(data.elements).toEqual([
      { ai: '01', data: gtin },
      { ai: '21', data: "5sN*qa'Xyz%(" },
      { ai: '91', data: 'EE06' },
      { ai: '92', data: crypto },
    ]);
  });

  it('reads 240, 414, 7003 and 8008 at their lengths', () => {
    const location = gln('476000000001');
    const data = parseGs1(`01${gtin14('0400638133393')}240ADD-ID/7${GS}414${location}7003${'2801151430'}${GS}8008${'2501311200'}${GS}10L1`);
    expect(data.elements.map((e) => e.ai)).toEqual(['01', '240', '414', '7003', '8008', '10']);
    expect(data.elements.find((e) => e.ai === '414')!.data).toBe(location);
    expect(data.expiry).toBe('2028-01-15T14:30');
    expect(data.lot).toBe('L1');
  });

  it('skips an AI the specifications do not define up to the next GS and reads on', () => {
    const gtin = gtin14('0400638133393');
    const data = parseGs1(`01${gtin}2399XYZ${GS}3103000735`);
    expect(data.gtin).toBe(gtin.slice(1));
    expect(data.netWeightGrams).toBe(735);
    expect(data.elements).toContainEqual({ ai: null, data: '2399XYZ' });
  });

  it('ends a variable-length field at GS', () => {
    const data = parseGs1(`01${gtin14('0400638133393')}10AB12${GS}39220199${GS}21SER9`);
    expect(data).toMatchObject({ lot: 'AB12', price: 199, serial: 'SER9' });
  });

  it('converts prices with other decimal counts to minor units', () => {
    const gtin = gtin14('0400638133393');
    expect(parseGs1(`01${gtin}39210150`).price).toBe(1500);
    expect(parseGs1(`01${gtin}39230123`).price).toBe(12);
  });

  it('keeps a GTIN-14 with a packaging indicator as it is', () => {
    const gtin = gtin14('1400638133393');
    expect(parseGs1(`01${gtin}`).gtin).toBe(gtin);
  });

  it('reads day 00 of an expiry as the last day of its month', () => {
    expect(parseGs1(`01${gtin14('0400638133393')}17280200`).expiry).toBe('2028-02-29');
  });

  it('names what is wrong in a known AI', () => {
    expect(() => parseGs1('01123')).toThrow(/AI \(01\) needs 14 characters/);
    expect(() => parseGs1(`01${gtin14('0400638133393')}17271340`)).toThrow(/AI \(17\) is not a date/);
    expect(() => parseGs1(`01${gtin14('0400638133393')}3103A01250`)).toThrow(/AI \(3103\)/);
    expect(() => parseGs1(`01${gtin14('0400638133393')}91${'x'.repeat(91)}`)).toThrow(/AI \(91\) needs 1 to 90/);
  });

  it('tells GS1 element strings from plain barcodes', () => {
    expect(isGs1('4006381333931')).toBe(false);
    expect(isGs1(']d20104006381333931')).toBe(true);
    expect(isGs1(']J10104006381333931')).toBe(true);
    expect(isGs1('0104006381333931' + '3103001250')).toBe(true);
  });
});

describe('GS1 dates', () => {
  it('puts a two-digit year within 49 years ahead or 50 behind (General Specifications 7.12)', () => {
    const today = new Date('2026-06-01T00:00:00Z');
    expect(gs1Year(27, today)).toBe(2027);
    expect(gs1Year(75, today)).toBe(2075);
    expect(gs1Year(77, today)).toBe(1977);
    expect(gs1Year(0, new Date('2080-01-01T00:00:00Z'))).toBe(2100);
  });

  it('counts a date as expired once its day is over, a date and time from that minute', () => {
    expect(isExpired('2026-03-10', '2026-03-10T23:59:00')).toBe(false);
    expect(isExpired('2026-03-10', '2026-03-11T00:00:00')).toBe(true);
    expect(isExpired('2026-03-10T14:30', '2026-03-10T14:29:59')).toBe(false);
    expect(isExpired('2026-03-10T14:30', '2026-03-10T14:30:00')).toBe(true);
  });
});
