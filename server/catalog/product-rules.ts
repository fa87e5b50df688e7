import { loadImage } from '@napi-rs/canvas';
import { imageSize } from 'image-size';
import { checkProductBarcode, type InStoreLayout } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import type { ProductOption } from '../../shared/schemas/products.ts';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { AppError, badRequest } from '../http/errors.ts';

// The rules of a product's form that do not depend on where the catalogue is kept: the outlet's
// editor (SQLite) and head office's (PostgreSQL) both check a form with these, each looking up
// the codes already taken in its own database, so a form refused at one is refused at the other.

export const conflictOn = (code: ErrorCode, message: string, path: string, details?: Record<string, unknown>) => new AppError(409, code, message, [{ path, message }], details);
export const invalid = (code: ErrorCode, message: string, path: string, details?: Record<string, unknown>) => badRequest(code, message, [{ path, message }], details);

/** Where a row's field was entered: `price` for the product, `variants.2.price` for a variant. */
export function field(rowPath: string, name: string): string {
  return rowPath ? `${rowPath}.${name}` : name;
}

/** A picture's longest side: the back office scales pictures to 256 pixels; anything far beyond is not one of its pictures. */
export const MAX_PICTURE_SIDE = 2048;

/**
 * A picture is a PNG, JPEG or WebP data URL whose bytes are that kind of image, of a sensible
 * size, and decode as one: a file that says it is an image but is not (a script, an SVG, a header
 * with something else behind it) is refused. Its size is read from its header before it is
 * decoded, so a small file that would unpack to a huge image is refused without unpacking it.
 */
export async function checkPicture(dataUrl: string, path = 'picture'): Promise<void> {
  const refuse = () => invalid('invalid-picture', 'The picture is not a PNG, JPEG or WebP image', path);
  const match = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!match) throw refuse();
  const bytes = Buffer.from(match[2], 'base64');
  let size: { type?: string; width: number; height: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw refuse();
  }
  if (size.type !== { png: 'png', jpeg: 'jpg', webp: 'webp' }[match[1]]) throw refuse();
  if (Math.max(size.width, size.height) > MAX_PICTURE_SIDE) {
    throw invalid('picture-too-large', `The picture is ${size.width}×${size.height} pixels: at most ${MAX_PICTURE_SIDE} on its longest side`, path, { width: size.width, height: size.height, max: MAX_PICTURE_SIDE });
  }
  try {
    const image = await loadImage(bytes);
    if (!image.width || !image.height) throw refuse();
  } catch {
    throw refuse();
  }
}

/** One sellable row a form writes: the product itself, or one of its variants. */
export interface FormRow {
  id: string;
  path: string;
  sku: string;
  name: string;
  price: number;
  cost: number;
  barcodes: string[];
  active: boolean;
  optionValues: string[] | null;
}

interface VariantFields {
  id?: string;
  values: string[];
  sku: string;
  barcodes: string[];
  price: number;
  cost: number;
  active: boolean;
}

interface FormShape<V extends VariantFields> {
  name: string;
  kind: string;
  options: ProductOption[];
  variants: V[];
  barcodes: string[];
  plu: string | null;
}

/** Variants come with options, and gift cards and deposits have none. */
export function checkVariantShape(input: Pick<FormShape<VariantFields>, 'kind' | 'options' | 'variants'>): void {
  const family = input.options.length > 0;
  if (family && (input.kind === 'gift-card' || input.kind === 'deposit')) throw invalid('variants-not-allowed', `A ${input.kind} has no variants`, 'options');
  if (!family && input.variants.length) throw invalid('variant-without-options', 'Variants need options (size, colour, …) to tell them apart', 'variants.0.values');
}

/** A product with variants has no barcode or PLU of its own: its variants have theirs. */
export function checkFamilyOwnCodes(input: Pick<FormShape<VariantFields>, 'barcodes' | 'plu'>): void {
  if (input.barcodes.length) throw invalid('barcodes-on-variants', 'A product with variants has no barcode of its own: each variant has its own', 'barcodes');
  if (input.plu) throw invalid('plu-on-variants', 'A product with variants has no PLU of its own', 'plu');
}

/**
 * The variants as rows: each with a value of every option, none twice, ids only of this product's
 * own variants (`ownIds`); each row keeps the variant it was made from.
 */
export function variantRows<V extends VariantFields>(input: FormShape<V>, ownIds: Set<string>): (FormRow & { variant: V })[] {
  const names = new Set<string>();
  input.options.forEach((option, i) => {
    if (names.has(option.name.toLowerCase())) throw invalid('duplicate-option', `Two options are called ${option.name}`, `options.${i}.name`);
    names.add(option.name.toLowerCase());
    const seen = new Set<string>();
    option.values.forEach((value, j) => {
      if (seen.has(value.toLowerCase())) throw invalid('duplicate-option-value', `${option.name} has ${value} twice`, `options.${i}.values.${j}`);
      seen.add(value.toLowerCase());
    });
  });
  if (!input.variants.length) throw invalid('variants-required', 'A product with options needs at least one variant', 'variants');
  const combinations = new Map<string, number>();
  return input.variants.map((v, i) => {
    const path = `variants.${i}`;
    if (v.values.length === 0 || v.values.some((value) => !value)) throw invalid('variant-without-options', 'A variant needs a value of each option', `${path}.values`);
    if (v.values.length !== input.options.length) throw invalid('variant-options-mismatch', `A variant needs one value of each of the ${input.options.length} options`, `${path}.values`, { options: input.options.length });
    v.values.forEach((value, j) => {
      if (!input.options[j].values.includes(value)) throw invalid('variant-value-unknown', `${value} is not a value of ${input.options[j].name}`, `${path}.values.${j}`);
    });
    const key = JSON.stringify(v.values.map((value) => value.toLowerCase()));
    if (combinations.has(key)) throw invalid('duplicate-variant', `Variants ${combinations.get(key)! + 1} and ${i + 1} have the same options`, `${path}.values`);
    combinations.set(key, i);
    if (v.id && !ownIds.has(v.id)) throw new AppError(404, 'variant-not-found', 'That variant is not one of this product', [{ path: `${path}.id`, message: 'unknown variant' }]);
    return {
      id: v.id ?? newId(), path, sku: v.sku, name: `${input.name} ${v.values.join(' / ')}`, price: v.price, cost: v.cost, barcodes: v.barcodes,
      active: v.active, optionValues: v.values, variant: v,
    };
  });
}

/** Another product that holds a code: what a refusal names. */
export interface CodeOwner {
  id: string;
  name: string;
  sku: string;
}

/** SKUs unique: among the rows saved, and against every other product (archived variants too). */
export async function checkSkus(rows: FormRow[], saved: Set<string>, ownerOfSku: (sku: string) => Promise<CodeOwner | null>): Promise<void> {
  const seen = new Set<string>();
  for (const row of rows) {
    const path = field(row.path, 'sku');
    if (seen.has(row.sku)) throw conflictOn('duplicate-sku', `SKU ${row.sku} is given twice`, path, { sku: row.sku });
    seen.add(row.sku);
    const other = await ownerOfSku(row.sku);
    if (other && !saved.has(other.id)) throw conflictOn('duplicate-sku', `SKU ${row.sku} is already the SKU of ${other.name}`, path, { sku: row.sku, productId: other.id, name: other.name });
  }
}

/** Every code checked and normalised; none twice, none another product's. Returns each row's codes in their normal form. */
export async function checkBarcodes(
  rows: FormRow[],
  saved: Set<string>,
  layouts: readonly InStoreLayout[],
  ownerOfCode: (code: string) => Promise<CodeOwner | null>,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const row of rows) {
    const codes: string[] = [];
    for (const [j, raw] of row.barcodes.entries()) {
      const path = `${field(row.path, 'barcodes')}.${j}`;
      const checked = checkProductBarcode(raw, layouts);
      if (!checked.ok) throw invalid('invalid-barcode', `Barcode ${raw.trim()}: ${checked.message}`, path, { code: raw.trim(), problem: checked.problem });
      if (seen.has(checked.code)) throw conflictOn('duplicate-barcode', `Barcode ${checked.code} is given twice`, path, { code: checked.code });
      seen.add(checked.code);
      const owner = await ownerOfCode(checked.code);
      if (owner && !saved.has(owner.id)) {
        throw conflictOn('duplicate-barcode', `Barcode ${checked.code} is already on ${owner.name} (${owner.sku})`, path, { code: checked.code, productId: owner.id, name: owner.name, sku: owner.sku });
      }
      codes.push(checked.code);
    }
    result.set(row.id, codes);
  }
  return result;
}

/** Weighed goods sold by label need the PLU their labels carry; no two products share one. */
export async function checkPlu(
  input: { unit: string; priceLabelled: boolean; plu: string | null; options: unknown[] },
  productId: string,
  ownerOfPlu: (plu: string) => Promise<{ id: string; name: string } | null>,
): Promise<void> {
  if (input.unit === 'kg' && input.priceLabelled && !input.plu && !input.options.length) {
    throw invalid('plu-required', 'Weighed goods sold by label need the PLU their labels carry', 'plu');
  }
  if (!input.plu) return;
  const other = await ownerOfPlu(input.plu);
  if (other && other.id !== productId) throw conflictOn('duplicate-plu', `PLU ${input.plu} is already the PLU of ${other.name}`, 'plu', { plu: input.plu, productId: other.id, name: other.name });
}

/** A product goes into a category that exists and is not archived (unless it is already in it). */
export function checkCategoryChoice(category: { id: string; name: string; active: boolean } | null, current: string | null): void {
  if (!category) throw new AppError(404, 'category-not-found', 'No such category', [{ path: 'categoryId', message: 'unknown category' }]);
  if (!category.active && category.id !== current) throw invalid('category-archived', `${category.name} is archived`, 'categoryId');
}
