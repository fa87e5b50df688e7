import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvFile, spreadsheetSafe, unescapeCell } from './csv-file.ts';

// What a spreadsheet runs when a CSV cell starts with it (OWASP), and what only is a number.
const RUNS = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const cellText = fc.oneof(fc.string(), fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'").chain((start) => fc.string().map((rest) => start + rest)));

describe('the CSV writer', () => {
  it('writes no cell a spreadsheet would run, as a third-party parser reads the file', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const cells = (parse(csvFile(rows), { bom: true, delimiter: ';', relax_column_count: true }) as string[][]).flat();
        expect(cells.filter((c) => RUNS.test(c) && !NUMBER.test(c))).toEqual([]);
      }),
    );
  });

  it('gives back every text as it was once the importer takes the apostrophe back', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        expect(unescapeCell(String(spreadsheetSafe(text)))).toBe(text);
      }),
    );
  });

  it('keeps numbers, and texts that are only a number, readable as numbers', () => {
    expect([-12.5, '-12.50', '+37060000000', '3,5'].map(spreadsheetSafe)).toEqual([-12.5, '-12.50', '+37060000000', '3,5']);
    expect(['=1+1', '-2+3', '@SUM(A1)', '+1+1', "'=1"].map(spreadsheetSafe)).toEqual(["'=1+1", "'-2+3", "'@SUM(A1)", "'+1+1", "''=1"]);
  });
});
