import { describe, expect, it } from 'vitest';
import type { LabelContent } from './label.ts';
import { renderEscPosLabels } from './render-escpos-label.ts';
import { getModel } from '../printers/escpos/models.ts';
import { decodeEscPos } from '../testing/escpos-decoder.ts';

const milk: LabelContent = { name: 'Молоко 2,5% 1 л', sku: 'SKU-000001', currency: 'EUR', locale: 'en', unit: 'piece', price: 129, barcode: '4770000000019' };
const apples: LabelContent = { name: 'Яблоки Гала', sku: 'SKU-000002', currency: 'EUR', locale: 'en', unit: 'kg', price: 199, barcode: null };

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
