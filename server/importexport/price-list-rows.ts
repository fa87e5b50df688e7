import { checkProductBarcode, type InStoreLayout } from '../../shared/barcodes.ts';
import { parseMoney } from '../../shared/money.ts';
import type { Unit } from '../../shared/schemas/common.ts';
import type { ProductImportField } from '../../shared/schemas/importexport.ts';
import { headerKey } from './header-aliases.ts';

/** A price list's columns: the outlet's fields, and (at head office) the outlet a row's price is for. */
export type PriceListField = ProductImportField | 'outlet';

const ALIASES: Record<PriceListField, string[]> = {
  sku: ['sku', 'code', 'article', 'артикул', 'код', 'kodas', 'prekės kodas'],
  name: ['name', 'product', 'item', 'наименование', 'название', 'товар', 'pavadinimas', 'prekė'],
  price: ['price', 'retail price', 'цена', 'розничная цена', 'kaina'],
  cost: ['cost', 'cost price', 'purchase price', 'себестоимость', 'закупочная цена', 'savikaina'],
  barcode: ['barcode', 'ean', 'gtin', 'штрихкод', 'штрих-код', 'brūkšninis kodas'],
  category: ['category', 'group', 'категория', 'группа', 'kategorija', 'grupė'],
  tax: ['tax', 'vat', 'vat %', 'ндс', 'pvm'],
  unit: ['unit', 'ед. изм.', 'единица', 'vnt', 'matas'],
  outlet: ['outlet', 'shop', 'store', 'магазин', 'точка', 'магазин код', 'parduotuvė', 'magazin', '门店'],
};

/** The words price lists write units with, in the shops' languages. */
const UNIT_WORDS = new Map<string, Unit>([
  ['piece', 'piece'], ['pcs', 'piece'], ['шт', 'piece'], ['vnt', 'piece'],
  ['kg', 'kg'], ['кг', 'kg'], ['l', 'l'], ['л', 'l'], ['m', 'm'], ['м', 'm'],
]);

/** Each field's column, by the aliases of its header in the shops' languages. */
export function suggestPriceListMapping<F extends PriceListField>(fields: readonly F[], headers: string[]): Partial<Record<F, string>> {
  const mapping: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const header = headers.find((h) => ALIASES[field].map(headerKey).includes(headerKey(h)));
    if (header) mapping[field] = header;
  }
  return mapping;
}

/** The column of each field, or a reason the mapping cannot be read (its key unmapped, a header not in the file). */
export function priceListColumns<F extends PriceListField>(fields: readonly F[], headers: string[], mapping: Partial<Record<F, string>>, key: F): { column: Record<F, number> } | { problem: string } {
  const column = Object.fromEntries(fields.map((f) => [f, mapping[f] ? headers.indexOf(mapping[f]!) : -1])) as Record<F, number>;
  const unknown = fields.find((f) => mapping[f] && column[f] === -1);
  if (column[key] === -1) return { problem: `no column is mapped to the ${key}` };
  if (unknown) return { problem: `no column "${mapping[unknown]}" in the file` };
  return { column };
}

/** What a price list's row says, each cell checked; `reasons` name the field of each cell that does not read. */
export interface PriceListRow {
  sku: string;
  name: string;
  price: number | undefined;
  cost: number | undefined;
  barcode: string | null;
  categoryId: string | undefined;
  taxRateId: string | undefined;
  unit: Unit | undefined;
  outlet: string;
  reasons: string[];
}

/** What a row's category and tax cells are read against: the catalogue's categories and tax rates. */
export interface PriceListReferences {
  categories: { id: string; code: string; name: string }[];
  taxRates: { id: string; code: string; rateBp: number }[];
  inStoreLayouts: readonly InStoreLayout[];
}

/** Reads one row of a price list: amounts, a barcode in its one stored form, the category, tax rate and unit it names. */
export function readPriceListRow<F extends PriceListField>(cells: string[], column: Record<F, number>, refs: PriceListReferences): PriceListRow {
  const cell = (field: PriceListField) => {
    const i = (column as Partial<Record<PriceListField, number>>)[field] ?? -1;
    return i >= 0 ? (cells[i] ?? '').trim() : '';
  };
  const reasons: string[] = [];
  const money = (field: 'price' | 'cost') => {
    if (!cell(field)) return undefined;
    const value = parseMoney(cell(field));
    if (value === null || value < 0) reasons.push(`${field}: "${cell(field)}" is not an amount`);
    return value ?? undefined;
  };
  const price = money('price');
  const cost = money('cost');
  let barcode: string | null = null;
  if (cell('barcode')) {
    const checked = checkProductBarcode(cell('barcode'), refs.inStoreLayouts);
    if (!checked.ok) reasons.push(`barcode: "${cell('barcode')}": ${checked.message}`);
    else barcode = checked.code;
  }
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const category = cell('category') ? refs.categories.find((c) => same(c.code, cell('category')) || same(c.name, cell('category'))) : undefined;
  if (cell('category') && !category) reasons.push(`category: no category "${cell('category')}"`);
  const tax = cell('tax') ? refs.taxRates.find((t) => same(t.code, cell('tax')) || t.rateBp === parseMoney(cell('tax').replace('%', ''))) : undefined;
  if (cell('tax') && !tax) reasons.push(`tax: no tax rate "${cell('tax')}"`);
  const unitWord = cell('unit').toLowerCase();
  const unit = unitWord ? UNIT_WORDS.get(unitWord) : undefined;
  if (unitWord && !unit) reasons.push(`unit: "${cell('unit')}" is none of piece, kg, l, m`);
  return { sku: cell('sku'), name: cell('name'), price, cost, barcode, categoryId: category?.id, taxRateId: tax?.id, unit, outlet: cell('outlet'), reasons };
}

/** What a row that creates a product lacks (a new product needs a SKU, a name, a price and a tax rate). */
export function missingForNewProduct(row: PriceListRow): string[] {
  return [
    ...(row.sku ? [] : ['sku: a new product needs one']),
    ...(row.name ? [] : ['name: a new product needs one']),
    ...(row.price === undefined ? ['price: a new product needs one'] : []),
    ...(row.taxRateId ? [] : ['tax: a new product needs a tax rate']),
  ];
}
