import { describe, expect, it } from 'vitest';
import { loadDeviceConfig } from '../config.ts';
import { decodePng, measureEan13Bars, readBarcodes, readText, renderZplLabel, tsplBitmaps } from '../testing/label-reader.ts';
import type { LabelContent, LabelMedia } from './label.ts';
import { renderTspl } from './render-tspl.ts';
import { renderZpl } from './render-zpl.ts';

// EAN-13 check digit by the GS1 rule (weights 3 and 1 from the right), computed here.
const withCheck = (data: string) => data + String((10 - ([...data].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0) % 10)) % 10);
const EAN = withCheck('477000000001');
const milk: LabelContent = { name: 'Молоко пастеризованное 2,5% 1 л', sku: 'SKU-000001', currency: 'EUR', locale: 'en', unit: 'piece', price: 129, barcode: EAN };

// GS1 General Specifications: EAN-13 module (X) at least 0.264 mm; bars 22.85 mm high at X = 0.33 mm, in proportion.
const dotsPerMm = (dpi: number) => dpi / 25.4;
const minModuleDots = (dpi: number) => Math.ceil(0.264 * dotsPerMm(dpi));
const gs1BarMm = (moduleDots: number, dpi: number) => 22.85 * (moduleDots / dotsPerMm(dpi) / 0.33);

type Stock = Pick<LabelMedia, 'widthMm' | 'heightMm' | 'dpi' | 'ean13'>;
const STOCKS: Stock[] = [
  { widthMm: 58, heightMm: 40, dpi: 203, ean13: 'truncated' },
  { widthMm: 100, heightMm: 50, dpi: 203, ean13: 'gs1' },
  { widthMm: 40, heightMm: 30, dpi: 300, ean13: 'truncated' },
  { widthMm: 58, heightMm: 60, dpi: 300, ean13: 'gs1' },
];
const media = (language: 'zpl' | 'tspl', stock: Stock): LabelMedia => ({ language, gapMm: 2, ...stock });

describe.each(STOCKS)('a ZPL label of $widthMm×$heightMm mm at $dpi dpi (EAN-13 $ean13), as a Zebra renderer prints it', (stock) => {
  it('carries an EAN-13 a barcode reader reads, with modules of at least 0.264 mm and, unless truncated by choice, bars of GS1 height', async () => {
    const png = await renderZplLabel(renderZpl([milk], media('zpl', stock)), stock.widthMm, stock.heightMm, stock.dpi);
    expect(readBarcodes(png)).toEqual([`EAN-13:${EAN}`]);
    const bars = measureEan13Bars(await decodePng(png));
    expect(bars.rows).toBeGreaterThan(0);
    expect(bars.narrowest).toBeGreaterThanOrEqual(minModuleDots(stock.dpi));
    if (stock.ean13 === 'gs1') expect(bars.rows / dotsPerMm(stock.dpi)).toBeGreaterThanOrEqual(gs1BarMm(bars.narrowest, stock.dpi) - 0.2);
  });

  it('prints the Cyrillic name as letters a reader can read, not as missing-glyph boxes', async () => {
    const png = await renderZplLabel(renderZpl([milk], media('zpl', stock)), stock.widthMm, stock.heightMm, stock.dpi);
    expect(readText(png)).toMatch(/Молоко/);
  });
});

describe('a TSPL label', () => {
  it.each(STOCKS)('draws the Cyrillic name as a bitmap a reader reads, and an EAN-13 of GS1 module width ($widthMm×$heightMm mm, $dpi dpi)', (stock) => {
    const tspl = renderTspl([milk], media('tspl', stock), 3);
    const dots = (mm: number) => Math.round(mm * dotsPerMm(stock.dpi));
    expect(readText(tsplBitmaps(tspl, dots(stock.widthMm), dots(stock.heightMm)))).toMatch(/Молоко/);
    const barcode = /BARCODE \d+,\d+,"EAN13",(\d+),1,0,(\d+),(\d+),"(\d+)"/.exec(tspl.toString('latin1'));
    expect(barcode).not.toBeNull();
    const [height, narrow, wide, digits] = barcode!.slice(1);
    expect(Number(narrow)).toBeGreaterThanOrEqual(minModuleDots(stock.dpi));
    expect(wide).toBe(narrow);
    expect(digits).toBe(EAN.slice(0, 12));
    if (stock.ean13 === 'gs1') expect(Number(height) / dotsPerMm(stock.dpi)).toBeGreaterThanOrEqual(gs1BarMm(Number(narrow), stock.dpi) - 0.2);
    expect(tspl.toString('latin1')).toContain('PRINT 1,3');
  });
});

describe('label stock in the configuration', () => {
  const config = (query: string) => () => loadDeviceConfig({ POS_LABEL_PRINTER: `socket://127.0.0.1:9100?${query}` });

  it('refuses a stock too narrow for an EAN-13 at GS1 module width, saying what it needs', () => {
    expect(config('language=zpl&width=40&height=30&dpi=203&ean13=truncated')).toThrow(/POS_LABEL_PRINTER: a 40×30 mm label is too narrow .* 43 mm/);
    expect(config('language=zpl&width=40&height=30&dpi=300&ean13=truncated')).not.toThrow();
  });

  it('shortens the bars only when the shop chose truncation', () => {
    expect(config('language=zpl&width=58&height=40&dpi=203')).toThrow(/ean13=truncated/);
    expect(config('language=zpl&width=58&height=40&dpi=203&ean13=truncated')).not.toThrow();
    expect(config('language=tspl&width=100&height=50&dpi=203')).not.toThrow();
  });
});
