import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../testing/escpos-decoder.ts';
import { sampleReceipt, sampleShiftReport } from '../../testing/sample-documents.ts';
import { getProfile } from './profiles.ts';
import { renderReceipt } from './render-receipt.ts';
import { renderShiftReport } from './render-shift-report.ts';
import { encodeText } from './text-encoder.ts';

const epson = getProfile('epson-generic');
const clone58 = getProfile('clone-58');
const clone80 = getProfile('clone-80');

describe('receipt rendering', () => {
  it('prints lines, discount, totals, tenders and the receipt barcode that decode back to text', () => {
    const printed = decodeEscPos(renderReceipt(sampleReceipt(), epson), epson);
    expect(printed.initialised).toBe(true);
    expect(printed.unknown).toEqual([]);
    expect(printed.text).toContain('Молоко 2,5% 1 л');
    expect(printed.text).toMatch(/2 x 1\.29\s+2\.58/);
    expect(printed.text).toMatch(/0\.735 kg x 1\.99\s+1\.46/);
    expect(printed.text).toMatch(/Damaged box\s+-0\.15/);
    expect(printed.text).toMatch(/TOTAL\s+3\.89 EUR/);
    expect(printed.text).toMatch(/Change\s+1\.11/);
    expect(printed.text).toContain('Cashier: Борис Петров');
    expect(printed.text).toContain('Ona Kazlauskienė');
    expect(printed.barcodes).toEqual([{ type: 'CODE128', data: 'R1-0001-0007' }]);
    expect(printed.cuts).toBe(1);
    expect(printed.drawerKicks).toEqual([]);
  });

  it('switches code page per line: CP866 for Russian, CP1257 for Lithuanian, with Epson numbers', () => {
    const printed = decodeEscPos(renderReceipt(sampleReceipt(), epson), epson);
    expect(printed.codePages).toContain(17);
    expect(printed.codePages).toContain(25);
  });

  it('uses the clone numbering of the same code page on a clone', () => {
    const text = encodeText('Україна і їжак', clone80, null);
    expect(text).toMatchObject({ mode: 'code-page', runs: [{ codePage: 73 }] });
  });

  it('prints Russian labels for a Russian receipt, and marks a reprint COPY', () => {
    const printed = decodeEscPos(renderReceipt(sampleReceipt({ locale: 'ru', copy: true }), epson), epson);
    expect(printed.text).toContain('*** КОПИЯ ***');
    expect(printed.text).toMatch(/ИТОГ\s+3\.89 EUR/);
    expect(printed.text).toMatch(/Сдача\s+1\.11/);
  });

  it('prints a gift card by its last four characters only, and the points earned and balance', () => {
    const doc = sampleReceipt({
      payments: [{ method: 'gift-card', amount: 300, reference: 'GIFT-0001-7788' }, { method: 'points', amount: 89 }],
      points: { earned: 15, balance: 1204 },
    });
    const printed = decodeEscPos(renderReceipt(doc, epson), epson).text;
    expect(printed).toMatch(/Gift card \*7788 +3\.00/);
    expect(printed).not.toContain('GIFT-0001');
    expect(printed).toMatch(/Points +0\.89/);
    expect(printed).toMatch(/Points earned +15/);
    expect(printed).toMatch(/Points balance +1204/);
  });

  it('keeps every line within 32 columns on a 58 mm printer, wrapping long names', () => {
    const long = 'Сыр Российский выдержанный 45% весовой, нарезка в вакуумной упаковке';
    const doc = sampleReceipt({ lines: [{ name: long, unit: 'piece', quantityMilli: 1000, unitPrice: 100, grossAmount: 100, discounts: [], amount: 100 }] });
    const printed = decodeEscPos(renderReceipt(doc, clone58), clone58);
    for (const line of printed.lines) expect([...line].length).toBeLessThanOrEqual(32);
    expect(printed.text.replace(/\n/g, ' ')).toContain('Сыр Российский выдержанный');
  });

  it('switches code page in the middle of a line that mixes scripts', () => {
    const doc = sampleReceipt({ lines: [{ name: 'Rokiškio Молоко 2,5% 1 л', unit: 'piece', quantityMilli: 1000, unitPrice: 100, grossAmount: 100, discounts: [], amount: 100 }] });
    expect(decodeEscPos(renderReceipt(doc, epson), epson).text).toContain('Rokiškio Молоко 2,5% 1 л');
  });

  it('transliterates what no code page of the printer has instead of printing garbage', () => {
    const printed = decodeEscPos(renderReceipt(sampleReceipt({ customer: { name: 'Ona Kazlauskienė', card: null } }), clone58), clone58);
    expect(printed.text).toContain('Ona Kazlauskiene');
    expect(printed.text).not.toContain('?');
  });

  it('prints Romanian comma letters as the cedilla letters printers have', () => {
    const printed = decodeEscPos(renderReceipt(sampleReceipt({ customer: { name: 'Brânză și țuică', card: null } }), epson), epson);
    expect(printed.text).toContain('Brânză şi ţuică');
  });

  it('prints the receipt words in the cashier\'s language: Ukrainian, Romanian, Lithuanian, and Chinese in Chinese mode', () => {
    const words = { uk: /РАЗОМ\s+3\.89 EUR/, ro: /TOTAL\s+3\.89 EUR/, lt: /IŠ VISO\s+3\.89 EUR/ };
    for (const [locale, total] of Object.entries(words)) expect(decodeEscPos(renderReceipt(sampleReceipt({ locale }), epson), epson).text).toMatch(total);
    expect(decodeEscPos(renderReceipt(sampleReceipt({ locale: 'ro' }), epson), epson).text).toContain('Rest');
    expect(decodeEscPos(renderReceipt(sampleReceipt({ locale: 'zh-CN' }), clone80), clone80).text).toMatch(/合计\s+3\.89 EUR/);
  });

  it('prints Chinese in Chinese mode on printers that have it', () => {
    const doc = sampleReceipt({ lines: [{ name: '绿茶 500 ml', unit: 'piece', quantityMilli: 1000, unitPrice: 250, grossAmount: 250, discounts: [], amount: 250 }] });
    const printed = decodeEscPos(renderReceipt(doc, clone80), clone80);
    expect(printed.text).toContain('绿茶 500 ml');
  });
});

describe('receipts in the six languages of our shops', () => {
  const names: Record<string, string> = {
    English: 'Orange juice 1 L',
    Russian: 'Сметана 20% 400 г',
    Ukrainian: 'Хліб житній, їжа для всієї родини',
    Romanian: 'Brânză de vaci și țuică',
    Lithuanian: 'Šviežias pienas, ąžuolų medus',
    Chinese: '绿茶 500 毫升',
  };

  for (const [language, name] of Object.entries(names)) {
    it(`prints ${language} names as the customer should read them on an Epson and on a clone`, () => {
      const doc = sampleReceipt({ lines: [{ name, unit: 'piece', quantityMilli: 1000, unitPrice: 250, grossAmount: 250, discounts: [], amount: 250 }] });
      const expected = name.replace('ș', 'ş').replace('ț', 'ţ');
      const onClone = decodeEscPos(renderReceipt(doc, clone80), clone80).text;
      expect(onClone).toContain(expected);
      if (language !== 'Chinese') expect(decodeEscPos(renderReceipt(doc, epson), epson).text).toContain(expected);
    });
  }

  it('marks Han characters a printer without Chinese mode cannot print with "?", not with mis-decoded bytes (raster fallback is still to come)', () => {
    const doc = sampleReceipt({ lines: [{ name: '绿茶 500 ml', unit: 'piece', quantityMilli: 1000, unitPrice: 250, grossAmount: 250, discounts: [], amount: 250 }] });
    const text = decodeEscPos(renderReceipt(doc, epson), epson).text;
    expect(text).toContain('?? 500 ml');
  });
});

describe('shift report rendering', () => {
  it('prints a Z report with expected and counted cash and the difference', () => {
    const printed = decodeEscPos(renderShiftReport(sampleShiftReport(), epson), epson);
    expect(printed.text).toContain('Z REPORT');
    expect(printed.text).toMatch(/Sales \(12 count\)\s+150\.00/);
    expect(printed.text).toMatch(/Expected cash\s+165\.00/);
    expect(printed.text).toMatch(/Counted cash\s+164\.50/);
    expect(printed.text).toMatch(/Difference\s+-0\.50/);
    expect(printed.unknown).toEqual([]);
  });

  it('prints an X report without counted cash', () => {
    const printed = decodeEscPos(renderShiftReport(sampleShiftReport({ reportKind: 'X', closedAt: null, countedCash: null, difference: null }), epson), epson);
    expect(printed.text).toContain('X REPORT');
    expect(printed.text).not.toContain('Counted cash');
  });
});
