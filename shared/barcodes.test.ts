import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInStoreBarcode, checkProductBarcode, expandUpcE, gs1CheckDigit, hasValidCheckDigit, InStoreLayoutSchema, normaliseBarcode, parseInStoreBarcode, withCheckDigit, type InStoreLayout } from './barcodes.ts';

const weight: InStoreLayout = { prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5 };
const price: InStoreLayout = { prefix: '22', kind: 'price', itemDigits: 5, valueDigits: 5 };
const shortPrefix: InStoreLayout = { prefix: '2', kind: 'weight', itemDigits: 6, valueDigits: 5 };

describe('GS1 check digits', () => {
  it('validates real EAN-13, EAN-8 and UPC-A codes', () => {
    expect(hasValidCheckDigit('4006381333931')).toBe(true);
    expect(hasValidCheckDigit('4770149201011')).toBe(gs1CheckDigit('477014920101') === 1);
    expect(hasValidCheckDigit('96385074')).toBe(true);
    expect(hasValidCheckDigit('036000291452')).toBe(true);
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
  });

  it('detects every single-digit error (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (data, pos, delta) => {
        const code = withCheckDigit(data);
        const wrong = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
        expect(hasValidCheckDigit(code)).toBe(true);
        expect(hasValidCheckDigit(wrong)).toBe(false);
      }),
    );
  });
});

describe('normaliseBarcode', () => {
  it('stores UPC-A as EAN-13 with a leading zero', () => {
    expect(normaliseBarcode('036000291452')).toEqual({ kind: 'upca', code: '0036000291452', valid: true });
  });

  it('expands UPC-E to the same EAN-13 as its UPC-A', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(normaliseBarcode('04252614')).toEqual({ kind: 'upce', code: '0042100005264', valid: true });
  });

  it('keeps EAN-8 as it is', () => {
    expect(normaliseBarcode('96385074')).toEqual({ kind: 'ean8', code: '96385074', valid: true });
  });

  it('reduces GTIN-14 with a zero indicator to EAN-13', () => {
    expect(normaliseBarcode('04006381333931')).toEqual({ kind: 'gtin14', code: '4006381333931', valid: true });
  });

  it('flags a misread EAN-13 and passes other text through trimmed', () => {
    expect(normaliseBarcode('4006381333932').valid).toBe(false);
    expect(normaliseBarcode('  SKU-1 ')).toEqual({ kind: 'other', code: 'SKU-1', valid: true });
  });
});

describe('in-store barcodes (prefixes 20–29)', () => {
  it('reads a weight-embedded code', () => {
    const code = buildInStoreBarcode(weight, '101', 735);
    expect(code).toMatch(/^2100101007350\d$|^21001010073\d{2}$/);
    expect(parseInStoreBarcode(code, [weight, price])).toMatchObject({ plu: '101', kind: 'weight', grams: 735 });
  });

  it('reads a price-embedded code', () => {
    const code = buildInStoreBarcode(price, '215', 1799);
    expect(parseInStoreBarcode(code, [weight, price])).toMatchObject({ plu: '215', kind: 'price', price: 1799 });
  });

  it('rejects a wrong check digit', () => {
    const code = buildInStoreBarcode(weight, '101', 735);
    const bad = code.slice(0, 12) + String((Number(code[12]) + 1) % 10);
    expect(parseInStoreBarcode(bad, [weight])).toEqual({ error: 'check-digit' });
  });

  it('ignores ordinary barcodes and prefixes the shop did not configure', () => {
    expect(parseInStoreBarcode('4006381333931', [weight])).toBeNull();
    expect(parseInStoreBarcode(buildInStoreBarcode(price, '1', 100), [weight])).toBeNull();
  });

  it('prefers the longer prefix when layouts overlap', () => {
    const code = buildInStoreBarcode(price, '7', 250);
    expect(parseInStoreBarcode(code, [shortPrefix, price])).toMatchObject({ kind: 'price', price: 250 });
  });

  it('round-trips any PLU and value through build and parse (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(weight, price, shortPrefix), fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), (layout, plu, value) => {
        const parsed = parseInStoreBarcode(buildInStoreBarcode(layout, String(plu), value), [layout]);
        expect(parsed).toMatchObject(layout.kind === 'weight' ? { plu: String(plu), grams: value } : { plu: String(plu), price: value });
      }),
    );
  });

  it('validates layouts: digits must fill an EAN-13', () => {
    expect(InStoreLayoutSchema.safeParse({ prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 4 }).success).toBe(false);
    expect(InStoreLayoutSchema.safeParse({ prefix: '31', kind: 'weight', itemDigits: 5, valueDigits: 5 }).success).toBe(false);
  });
});

describe('checkProductBarcode', () => {
  const layouts = [weight, price];

  it('stores EAN-13, EAN-8, UPC-A, UPC-E and GTIN-14 in the form scanning looks them up in', () => {
    expect(checkProductBarcode('4006381333931', layouts)).toEqual({ ok: true, code: '4006381333931', kind: 'ean13' });
    expect(checkProductBarcode(' 96385074 ', layouts)).toEqual({ ok: true, code: '96385074', kind: 'ean8' });
    expect(checkProductBarcode('036000291452', layouts)).toEqual({ ok: true, code: normaliseBarcode('036000291452').code, kind: 'upca' });
    expect(checkProductBarcode('036000291452', layouts)).toMatchObject({ code: '0036000291452' });
    expect(checkProductBarcode('04006381333931', layouts)).toEqual({ ok: true, code: '4006381333931', kind: 'gtin14' });
    expect(checkProductBarcode('04252614', layouts)).toEqual({ ok: true, code: `0${expandUpcE('04252614')}`, kind: 'upce' });
  });

  it('refuses a wrong check digit, naming the right one', () => {
    const wrong = checkProductBarcode('4006381333932', layouts);
    expect(wrong).toMatchObject({ ok: false, problem: 'check-digit' });
    expect(!wrong.ok && wrong.message).toContain('1');
    expect(checkProductBarcode('036000291453', layouts)).toMatchObject({ ok: false, problem: 'check-digit' });
    expect(checkProductBarcode('96385075', layouts)).toMatchObject({ ok: false, problem: 'check-digit' });
  });

  it("refuses the shop's in-store label codes, takes produce PLUs and the shop's own codes, and refuses spaces and control characters", () => {
    expect(checkProductBarcode(buildInStoreBarcode(weight, '101', 500), layouts)).toMatchObject({ ok: false, problem: 'in-store-code' });
    // Prefix 23 has no layout at this shop: an ordinary restricted-circulation number.
    expect(checkProductBarcode(withCheckDigit('230000000001'), layouts)).toMatchObject({ ok: true, kind: 'ean13' });
    expect(checkProductBarcode('4011', layouts)).toEqual({ ok: true, code: '4011', kind: 'plu' });
    expect(checkProductBarcode('SHOP-0042', layouts)).toEqual({ ok: true, code: 'SHOP-0042', kind: 'internal' });
    expect(checkProductBarcode('AB 12', layouts)).toMatchObject({ ok: false, problem: 'characters' });
    expect(checkProductBarcode('A\u0000', layouts)).toMatchObject({ ok: false, problem: 'characters' });
    expect(checkProductBarcode('', layouts)).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkProductBarcode('9'.repeat(65), layouts)).toMatchObject({ ok: false, problem: 'too-long' });
  });

  it('accepts every valid EAN-13 outside the in-store prefixes as itself (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[013-9]\d{11}$/), (data) => {
        expect(checkProductBarcode(withCheckDigit(data), layouts)).toEqual({ ok: true, code: withCheckDigit(data), kind: 'ean13' });
      }),
    );
  });
});
