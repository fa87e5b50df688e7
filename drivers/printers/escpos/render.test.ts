import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { describe, expect, it } from 'vitest';
import { codePageNumbers, decodeEscPos } from '../../testing/escpos-decoder.ts';
import { sampleReceipt, sampleShiftReport } from '../../testing/sample-documents.ts';
import { getModel, MODELS } from './models.ts';
import { renderReceipt } from './render-receipt.ts';
import { layoutShiftReport, renderShiftReport } from './render-shift-report.ts';
import { priceCart } from '../../../shared/pricing/engine.ts';

const epson = getModel('epson-tm-t20iii');
const clone58 = getModel('pos-5890');
const decode = (bytes: Uint8Array, model = epson) => decodeEscPos(bytes, model.id);

/** What the printer database says about a model, asked of the database's own encoder. */
function database(modelId: string) {
  const options = modelId === 'generic-escpos' ? { columns: 48, codepageMapping: 'epson/legacy' as const } : { printerModel: modelId as never };
  const encoder = new ReceiptPrinterEncoder(options);
  const capabilities = encoder.printerCapabilities as { qrcode?: { supported: boolean } };
  const printable = new Set<number>();
  for (const page of codePageNumbers(modelId).values()) for (const [byte, cp] of CodepageEncoder.getCodepoints(page, true).entries()) if (byte >= 0x20 && cp !== 0xfffd) printable.add(cp);
  return { columns: encoder.columns, dots: encoder.printableWidth, qr: modelId !== 'generic-escpos' && capabilities.qrcode?.supported === true, has: (text: string) => [...text].every((c) => printable.has(c.codePointAt(0)!)) };
}

const oneLine = (name: string) => ({ lines: [{ name, unit: 'piece' as const, quantityMilli: 1000, unitPrice: 250, grossAmount: 250, discounts: [], amount: 250 }], subtotal: 250, discountTotal: 0, total: 250, taxes: [{ rateBp: 900, net: 229, tax: 21, gross: 250 }], payments: [{ method: 'cash' as const, amount: 250, tendered: 300, change: 50 }] });

// Product names and the receipt's words for TOTAL in each language of our shops; Romanian ș ț print as ş ţ.
const LANGUAGES = {
  en: { name: 'Orange juice 1 L', total: 'TOTAL' },
  ru: { name: 'Сметана 20% 400 г', total: 'ИТОГ' },
  uk: { name: 'Хліб житній, їжа для всієї родини', total: 'РАЗОМ' },
  ro: { name: 'Brânză de vaci şi ţuică', total: 'TOTAL' },
  lt: { name: 'Šviežias pienas, ąžuolų medus', total: 'IŠ VISO' },
  zh: { name: '绿茶 500 毫升', total: '合计' },
} as const;

describe('receipts in the six languages on every printer model the product offers', () => {
  for (const model of Object.values(MODELS)) {
    const db = database(model.id);
    for (const [locale, { name, total }] of Object.entries(LANGUAGES)) {
      it(`${model.id}: a ${locale} receipt reads as written, within ${db.columns} columns, with the receipt number as ${db.qr ? 'QR' : 'CODE128'}`, () => {
        const source = locale === 'ro' ? 'Brânză de vaci și țuică' : name;
        const printed = decode(renderReceipt(sampleReceipt({ locale, ...oneLine(source) }), model), model);
        expect(printed.unknown).toEqual([]);
        expect(printed.text).not.toMatch(/[?\ufffd]/);
        for (const line of printed.lines) expect([...line].length).toBeLessThanOrEqual(db.columns);
        const firstLine = printed.lines[printed.lines.findIndex((l) => /^-+$/.test(l)) + 1];
        if (db.has(name)) expect(printed.text.replace(/\n/g, ' ')).toContain(name);
        else expect(firstLine).toBe('[image]');
        if (db.has(total)) expect(printed.text).toMatch(new RegExp(`^${total}\\s+2\\.50 EUR$`, 'm'));
        for (const image of printed.images) {
          expect(image.width).toBe(db.dots);
          expect(image.inked).toBeGreaterThan(0);
        }
        expect(printed.barcodes).toEqual([{ type: db.qr ? 'QR' : 'CODE128', data: 'R1-0001-0007' }]);
      });
    }
  }
});

describe('receipt rendering', () => {
  it('prints lines, discount, totals, tenders and the receipt code that decode back to text', () => {
    const printed = decode(renderReceipt(sampleReceipt(), epson));
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
    expect(printed.cuts).toBe(1);
    expect(printed.drawerKicks).toEqual([]);
  });

  it('prints litres and metres with three decimals and the receipt language\'s symbol; kilograms stay kg', () => {
    const lines = [
      { name: 'Молоко', unit: 'l' as const, quantityMilli: 1500, unitPrice: 119, grossAmount: 179, discounts: [], amount: 179 },
      { name: 'Кабель', unit: 'm' as const, quantityMilli: 12_500, unitPrice: 350, grossAmount: 4375, discounts: [], amount: 4375 },
      { name: 'Bananas', unit: 'kg' as const, quantityMilli: 735, unitPrice: 199, grossAmount: 146, discounts: [], amount: 146 },
    ];
    const russian = decode(renderReceipt(sampleReceipt({ locale: 'ru', lines }), epson)).text;
    expect(russian).toMatch(/1\.500 л x 1\.19\s+1\.79/);
    expect(russian).toMatch(/12\.500 м x 3\.50\s+43\.75/);
    expect(russian).toMatch(/0\.735 kg x 1\.99/);
    const english = decode(renderReceipt(sampleReceipt({ lines }), epson)).text;
    expect(english).toMatch(/1\.500 l x 1\.19/);
    expect(english).toMatch(/12\.500 m x 3\.50/);
  });

  it('prints a discount named with a minus sign, as the pricing engine names them ("Dairy week −5%"), as text with a plain minus, not as an image', () => {
    const milk = { lineId: 'l1', productId: 'p1', name: 'Milk', unit: 'piece' as const, quantityMilli: 1000, unitPrice: 300, taxRateBp: 900, discountable: true, categoryId: 'dairy' };
    const priced = priceCart({ lines: [milk], rules: [{ id: 'r1', name: 'Dairy week', kind: 'promotion', categoryIds: ['dairy'], percentBp: 500 }], localTime: '2026-11-24T10:00:00' });
    const reason = priced.lines[0].discounts[0].reason;
    expect(reason).toContain('\u2212');
    const doc = sampleReceipt();
    const discounted = sampleReceipt({ lines: doc.lines.map((l) => ({ ...l, discounts: l.discounts.map((d) => ({ ...d, reason })) })) });
    for (const model of [epson, clone58]) {
      const printed = decode(renderReceipt(discounted, model), model);
      expect(printed.text).toMatch(/Dairy week -5%\s+-0\.15/);
      expect(printed.images).toEqual([]);
    }
  });

  it('prints § and ¶, which code-page tables also list among the control bytes, with their printable bytes', () => {
    for (const model of [epson, clone58, getModel('generic-escpos')]) {
      const printed = decode(renderReceipt(sampleReceipt(oneLine('Notebook A5 § 2 ¶')), model), model);
      expect(printed.unknown).toEqual([]);
      expect(printed.text).toContain('Notebook A5 § 2 ¶');
    }
  });

  it("prints the shop's local time, not UTC", () => {
    const printed = decode(renderReceipt(sampleReceipt({ issuedAt: '2026-11-24T08:15:00.000Z', timeZone: 'Europe/Vilnius' }), epson));
    expect(printed.text).toMatch(/Register: R1\s+2026-11-24 10:15/);
    const inChina = decode(renderReceipt(sampleReceipt({ locale: 'ru', issuedAt: '2026-11-24T23:30:00.000Z', timeZone: 'Asia/Shanghai' }), epson));
    expect(inChina.text).toContain('25.11.2026 07:30');
  });

  it('prints Lithuanian on an Epson TM-T88IV, whose code pages lack ė į ų ū, as an image, and on a TM-T20III as text', () => {
    const doc = sampleReceipt({ locale: 'lt', ...oneLine('Ąžuolų medus') });
    expect(decode(renderReceipt(doc, epson)).text).toContain('Ąžuolų medus');
    const t88 = getModel('epson-tm-t88iv');
    const printed = decode(renderReceipt(doc, t88), t88);
    expect(printed.text).not.toContain('medus');
    expect(printed.images.length).toBeGreaterThan(0);
  });

  it('prints Russian labels for a Russian receipt, and marks a reprint COPY', () => {
    const printed = decode(renderReceipt(sampleReceipt({ locale: 'ru', copy: true }), epson));
    expect(printed.text).toContain('*** КОПИЯ ***');
    expect(printed.text).toMatch(/ИТОГ\s+3\.89 EUR/);
    expect(printed.text).toMatch(/Сдача\s+1\.11/);
  });

  it('prints a gift card by its last four characters only, and the points earned and balance', () => {
    const doc = sampleReceipt({
      payments: [{ method: 'gift-card', amount: 300, reference: 'GIFT-0001-7788' }, { method: 'points', amount: 89 }],
      points: { earned: 15, balance: 1204 },
    });
    const printed = decode(renderReceipt(doc, epson)).text;
    expect(printed).toMatch(/Gift card \*7788 +3\.00/);
    expect(printed).not.toContain('GIFT-0001');
    expect(printed).toMatch(/Points +0\.89/);
    expect(printed).toMatch(/Points earned +15/);
    expect(printed).toMatch(/Points balance +1204/);
  });

  it('wraps long names at spaces within 32 columns on a 58 mm printer', () => {
    const long = 'Сыр Российский выдержанный 45% весовой, нарезка в вакуумной упаковке';
    const printed = decode(renderReceipt(sampleReceipt(oneLine(long)), clone58), clone58);
    for (const line of printed.lines) expect([...line].length).toBeLessThanOrEqual(32);
    const words = printed.lines.flatMap((l) => l.split(' '));
    for (const word of long.split(' ')) expect(words).toContain(word);
  });

  it('never splits a label mid-word beside its amount: the amount moves to a line of its own', () => {
    const printed = decode(renderReceipt(sampleReceipt({ locale: 'uk', total: 1_234_567_89 }), clone58), clone58);
    expect(printed.lines).toContain('РАЗОМ');
    expect(printed.text).toMatch(/^\s+1234567\.89 EUR$/m);
  });

  it('counts a Han character as two columns and lays out a Chinese receipt within the paper width', () => {
    const printed = decode(renderReceipt(sampleReceipt({ locale: 'zh', ...oneLine('绿茶 500 ml 特价 优惠装 大瓶') }), epson));
    expect(printed.images.length).toBeGreaterThan(5);
    for (const image of printed.images) expect(image.width).toBe(576);
    expect(printed.text).toMatch(/2 x 1\.29|1 x 2\.50/);
  });

  it('switches code page in the middle of a line that mixes scripts', () => {
    expect(decode(renderReceipt(sampleReceipt(oneLine('Rokiškio Молоко 2,5% 1 л')), epson)).text).toContain('Rokiškio Молоко 2,5% 1 л');
  });
});

describe('shift report rendering', () => {
  it('prints a Z report with expected and counted cash and the difference', () => {
    const printed = decode(renderShiftReport(sampleShiftReport(), epson));
    expect(printed.text).toContain('Z REPORT');
    expect(printed.text).toMatch(/Sales \(12\)\s+150\.00/);
    expect(printed.text).toMatch(/Expected cash\s+165\.00/);
    expect(printed.text).toMatch(/Counted cash\s+164\.50/);
    expect(printed.text).toMatch(/Difference\s+-0\.50/);
    expect(printed.text).toMatch(/Opened\s+2026-11-24 08:00/);
    expect(printed.unknown).toEqual([]);
  });

  it('prints every figure of a Z: discounts by source, deposits, returns, cash movements and who counted', () => {
    const doc = sampleShiftReport({ deposits: { receipts: 2, taken: 3_000, refunded: 500, used: 1_500 }, copy: true });
    const printed = decode(renderShiftReport(doc, epson));
    expect(printed.text).toMatch(/Customer category \(4\)\s+3\.20/);
    expect(printed.text).toMatch(/Taken \(2 receipts\)\s+30\.00/);
    expect(printed.text).toMatch(/Refunded\s+-5\.00/);
    expect(printed.text).toMatch(/Used at collection\s+15\.00/);
    expect(printed.text).toMatch(/R1-0003-0011 \(R1-0003-0004\)\s+-5\.00/);
    expect(printed.text).toContain('Bank deposit · Max Manager');
    expect(printed.text).toContain('Counted by: Anna Kassir');
    expect(printed.text).toContain('*** COPY ***');
  });

  it('lays the report out on screen in the lines the paper shows', () => {
    const doc = sampleShiftReport();
    const onScreen = layoutShiftReport(doc, epson).printed.map((l) => l.text.trimEnd()).filter((l) => l !== '');
    const onPaper = decode(renderShiftReport(doc, epson)).text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
    expect(onScreen).toEqual(onPaper);
  });

  it('prints a zero without a minus, and sales and returns with their number of receipts alone (as the discount lines), in any language', () => {
    const doc = sampleShiftReport({ returnsCount: 0, returnsTotal: 0, returns: [], cashOut: 0, cashMovements: [] });
    const printed = decode(renderShiftReport(doc, epson));
    expect(printed.text).toMatch(/Returns \(0\)\s+0\.00\n/);
    expect(printed.text).toMatch(/Cash out\s+0\.00\n/);
    expect(printed.text).not.toMatch(/-0\.00/);
    const inRussian = decode(renderShiftReport({ ...doc, locale: 'ru' }, epson));
    expect(inRussian.text).toMatch(/Продажи \(12\)\s+150\.00/);
  });

  it('prints an X report without counted cash', () => {
    const printed = decode(renderShiftReport(sampleShiftReport({ reportKind: 'X', closedAt: null, countedCash: null, difference: null }), epson));
    expect(printed.text).toContain('X REPORT');
    expect(printed.text).not.toContain('Counted cash');
  });
});
