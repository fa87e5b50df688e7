import { describe, expect, it } from 'vitest';
import type { LabelContent, LabelMedia } from './label.ts';
import { renderTspl } from './render-tspl.ts';
import { renderZpl } from './render-zpl.ts';
import { renderEscPosLabels } from './render-escpos-label.ts';
import { getModel } from '../printers/escpos/models.ts';
import { decodeEscPos } from '../testing/escpos-decoder.ts';

const milk: LabelContent = { name: 'Молоко 2,5% 1 л', sku: 'SKU-000001', currency: 'EUR', locale: 'en', unit: 'piece', price: 129, barcode: '4770000000019' };
const apples: LabelContent = { name: 'Яблоки Гала', sku: 'SKU-000002', currency: 'EUR', locale: 'en', unit: 'kg', price: 199, barcode: null };
const media = (language: 'zpl' | 'tspl'): LabelMedia => ({ language, widthMm: 58, heightMm: 40, gapMm: 2, dpi: 203 });

describe('ZPL labels', () => {
  it('lays out name, price, price per kg and the EAN-13 in dots for the label size', () => {
    const zpl = renderZpl([milk, apples], media('zpl'), 2);
    const formats = zpl.trim().split('^XZ').filter((f) => f.trim());
    expect(formats).toHaveLength(2);
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain('^PW464');
    expect(zpl).toContain('^LL320');
    expect(zpl).toContain('^FDМолоко 2,5% 1 л^FS');
    expect(zpl).toContain('^FD€1.29^FS');
    expect(zpl).toContain('^BEN,80,Y,N^FD477000000001^FS');
    expect(zpl).toContain('^FD€1.99 / kg^FS');
    expect(zpl).toContain('^PQ2');
  });

  it('keeps ZPL control characters out of field data', () => {
    expect(renderZpl([{ ...milk, name: 'Caret ^ and tilde ~' }], media('zpl'))).toContain('^FDCaret   and tilde  ^FS');
  });
});

describe('TSPL labels', () => {
  it('sets size and gap in millimetres, clears, draws and prints each label', () => {
    const tspl = renderTspl([milk], media('tspl'), 3).split('\r\n');
    expect(tspl.slice(0, 3)).toEqual(['SIZE 58 mm,40 mm', 'GAP 2 mm,0 mm', 'CODEPAGE UTF-8']);
    expect(tspl).toContain('CLS');
    expect(tspl).toContain('TEXT 16,16,"0",0,9,9,"Молоко 2,5% 1 л"');
    expect(tspl).toContain('BARCODE 32,160,"EAN13",80,1,0,2,4,"477000000001"');
    expect(tspl).toContain('PRINT 1,3');
  });
});

describe('labels on a receipt printer', () => {
  it('prints one cut slip per label with the name, a big price and the EAN-13', () => {
    const model = getModel('epson-generic');
    const printed = decodeEscPos(renderEscPosLabels([milk, apples], model, 1), model.id);
    expect(printed.cuts).toBe(2);
    expect(printed.text).toContain('Молоко 2,5% 1 л');
    expect(printed.text).toContain('€1.99 / kg');
    expect(printed.barcodes).toEqual([{ type: 'EAN13', data: '477000000001' }]);
    expect(printed.unknown).toEqual([]);
  });
});
