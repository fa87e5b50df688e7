import { checkProductBarcode } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import { priceInForce } from '../../shared/pricing/price-changes.ts';
import type { z } from 'zod';
import type { BulkProductActionSchema, ProductDetails, ProductInput, VariantInput } from '../../shared/schemas/products.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { ErrorCode } from '../../shared/error-codes.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { ownedByHeadOffice } from './ownership.ts';
import { allowBelowCost, applyDuePriceChanges, belowCost, checkPriceRange, setPrice } from './prices.ts';

const conflictOn = (code: ErrorCode, message: string, path: string, details?: Record<string, unknown>) => new AppError(409, code, message, [{ path, message }], details);
const invalid = (code: ErrorCode, message: string, path: string, details?: Record<string, unknown>) => badRequest(code, message, [{ path, message }], details);

/** The images a picture may be, by the bytes they start with. */
const PICTURE_MAGIC: Record<string, (b: Buffer) => boolean> = {
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

function checkPicture(dataUrl: string): void {
  const match = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!match || !PICTURE_MAGIC[match[1]](Buffer.from(match[2], 'base64'))) {
    throw invalid('invalid-picture', 'The picture is not a PNG, JPEG or WebP image', 'picture');
  }
}

/** One sellable row the form writes: the product itself, or one of its variants. */
interface Row {
  id: string;
  path: string;
  sku: string;
  name: string;
  price: number;
  cost: number;
  barcodes: string[];
  minMilli: number | null;
  suppliers: ProductInput['suppliers'];
  active: boolean;
  optionValues: string[] | null;
}

/**
 * Creates and changes products with everything the back office's form holds, variants included,
 * in one transaction each: every rule is checked before anything is written, so a refused save
 * leaves nothing behind, and the error names the field (`variants.2.barcodes.0`).
 */
export class ProductEditor {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly chain: boolean,
  ) {}

  async create(auth: AuthContext, input: ProductInput): Promise<{ id: string; priceChangedIds: string[] }> {
    return this.#save(auth, null, input);
  }

  async update(auth: AuthContext, id: string, input: ProductInput): Promise<{ id: string; priceChangedIds: string[] }> {
    return this.#save(auth, id, input);
  }

  async #save(auth: AuthContext, id: string | null, input: ProductInput): Promise<{ id: string; priceChangedIds: string[] }> {
    ownedByHeadOffice(this.chain);
    if (input.picture) checkPicture(input.picture);
    const now = new Date();
    return this.db.$transaction(async (tx) => {
      const existing = id ? await tx.product.findUnique({ where: { id } }) : null;
      if (id && !existing) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
      if (existing?.parentId) throw conflictOn('edit-the-product', 'A variant is changed in the form of the product it belongs to', 'id', { parentId: existing.parentId });
      const family = input.options.length > 0;
      await this.#checkKind(tx, existing, input, family);
      const taxRate = await tx.taxRate.findUnique({ where: { id: input.taxRateId } });
      if (!taxRate) throw notFound('tax-rate-not-found', 'No such tax rate', [{ path: 'taxRateId', message: 'unknown tax rate' }]);
      await this.#checkCategory(tx, input.categoryId, existing?.categoryId ?? null);
      const productId = existing?.id ?? newId();
      const variants = family ? await this.#variantRows(tx, productId, input) : [];
      const own: Row = { id: productId, path: '', sku: input.sku, name: input.name, price: input.price, cost: input.cost, barcodes: input.barcodes, minMilli: input.minMilli, suppliers: input.suppliers, active: input.active, optionValues: null };
      if (family) {
        if (input.barcodes.length) throw invalid('barcodes-on-variants', 'A product with variants has no barcode of its own: each variant has its own', 'barcodes');
        if (input.plu) throw invalid('plu-on-variants', 'A product with variants has no PLU of its own', 'plu');
        if (input.suppliers.length) throw invalid('suppliers-on-variants', "Suppliers' terms belong to each variant", 'suppliers');
        if (input.minMilli !== null) throw invalid('minimum-on-variants', 'Each variant has its own minimum level', 'minMilli');
      }
      const sellable = family ? variants : [own];
      const all = family ? [own, ...variants] : [own];
      for (const row of all) {
        checkPriceRange(row.price, field(row.path, 'price'), 'price');
        checkPriceRange(row.cost, field(row.path, 'cost'), 'cost');
      }
      const saved = new Set(all.map((r) => r.id));
      await this.#checkSkus(tx, saved, all);
      const barcodes = await this.#checkBarcodes(tx, saved, sellable);
      await this.#checkPlu(tx, productId, input);
      await this.#checkSuppliers(tx, input.kind, sellable);
      const previous = new Map((await tx.product.findMany({ where: { OR: [{ id: productId }, { parentId: productId }] }, select: { id: true, price: true, cost: true, active: true, nextPriceAt: true } })).map((p) => [p.id, p]));
      const pricesNow = await this.#pricesInForce(tx, [...previous.keys()], now);
      // A warning is due when a price or cost is set or changed so that it sells below cost.
      allowBelowCost(
        auth,
        input.acknowledge.includes('price-below-cost'),
        sellable.flatMap((row) => {
          const before = previous.get(row.id);
          const changed = !before || pricesNow.get(row.id) !== row.price || before.cost !== row.cost;
          return input.kind !== 'gift-card' && input.kind !== 'deposit' && changed && belowCost(row.price, row.cost, taxRate.rateBp) ? [{ path: field(row.path, 'price'), price: row.price, cost: row.cost }] : [];
        }),
      );
      // Variants left out of the form are archived (they keep their history), as is all of a product archived.
      const retired = [...previous.values()].filter((p) => !saved.has(p.id) && p.active).map((p) => p.id);
      const archiving = [...retired, ...all.filter((r) => previous.get(r.id)?.active && !(input.active && r.active)).map((r) => r.id)];
      await this.#checkArchiving(tx, archiving, input.acknowledge.includes('archive-with-stock'));

      // Everything is checked: write.
      const common = {
        unit: input.unit, categoryId: input.categoryId, taxRateId: input.taxRateId, discountable: input.discountable, priceLabelled: input.priceLabelled,
        tileColour: input.tileColour, updatedAt: now,
      };
      const productFields = {
        ...common, sku: input.sku, name: input.name, searchName: input.name.toLowerCase(), cost: input.cost, active: input.active,
        kind: family ? 'family' : input.kind, plu: family ? null : input.plu, options: family ? JSON.stringify(input.options) : null,
      };
      // SKUs and barcodes may move between the rows saved (a variant's SKU to another): clear them first.
      await this.#clearCodes(tx, all.map((r) => r.id), previous);
      if (existing) await tx.product.update({ where: { id: productId }, data: productFields });
      else await tx.product.create({ data: { id: productId, ...productFields, price: input.price } });
      for (const v of variants) {
        const fields = {
          ...common, sku: v.sku, name: v.name, searchName: v.name.toLowerCase(), cost: v.cost, active: input.active && v.active,
          kind: input.kind, plu: null, parentId: productId, optionValues: JSON.stringify(v.optionValues),
        };
        if (previous.has(v.id)) await tx.product.update({ where: { id: v.id }, data: fields });
        else await tx.product.create({ data: { id: v.id, ...fields, price: v.price } });
      }
      if (retired.length) await tx.product.updateMany({ where: { id: { in: retired } }, data: { active: false, updatedAt: now } });
      const priceChangedIds: string[] = [];
      for (const row of all) {
        if (!previous.has(row.id)) {
          // The first entry of its price history.
          await tx.priceChange.create({ data: { id: newId(), productId: row.id, price: row.price, effectiveAt: now, appliedAt: now, createdById: auth.userId } });
          if (row !== own || !family) priceChangedIds.push(row.id);
        } else if (pricesNow.get(row.id) !== row.price) {
          await setPrice(tx, this.outlet, auth.userId, row, row.price, now, now);
          if (row !== own || !family) priceChangedIds.push(row.id);
        }
      }
      for (const row of sellable) {
        for (const code of barcodes.get(row.id) ?? []) await tx.barcode.create({ data: { code, productId: row.id } });
        await this.#writeLevel(tx, row);
        await this.#writeSuppliers(tx, row);
      }
      if (input.picture === null) await tx.productPicture.deleteMany({ where: { productId } });
      else if (input.picture) await tx.productPicture.upsert({ where: { productId }, create: { productId, dataUrl: input.picture }, update: { dataUrl: input.picture } });
      await writeAudit(tx, {
        outletId: this.outlet.id,
        userId: auth.userId,
        action: existing ? 'product-update' : 'product-create',
        entityType: 'product',
        entityId: productId,
        details: { sku: input.sku, name: input.name, variants: variants.length, archived: archiving, acknowledged: input.acknowledge },
      });
      return { id: productId, priceChangedIds };
    });
  }

  /** Gift cards and deposits stay what they are; a product that has moved stock or sold cannot become a product with variants. */
  async #checkKind(tx: Tx, existing: { id: string; kind: string } | null, input: ProductInput, family: boolean): Promise<void> {
    const special = (kind: string) => kind === 'gift-card' || kind === 'deposit';
    if (family && special(input.kind)) throw invalid('variants-not-allowed', `A ${input.kind} has no variants`, 'options');
    if (!family && input.variants.length) throw invalid('variant-without-options', 'Variants need options (size, colour, …) to tell them apart', 'variants.0.values');
    if (!existing) return;
    const before = existing.kind === 'family' ? 'family' : existing.kind;
    if ((special(before) || special(input.kind)) && before !== input.kind) {
      throw invalid('kind-not-editable', `A ${before === 'family' ? 'product with variants' : before} cannot become a ${input.kind}`, 'kind', { kind: before });
    }
    if (before === 'family' && !family) throw invalid('kind-not-editable', 'A product with variants keeps its options: archive variants instead', 'options', { kind: before });
    if (before !== 'family' && family) {
      const history = (await tx.stockMovement.count({ where: { productId: existing.id } })) + (await tx.saleLine.count({ where: { productId: existing.id } }));
      if (history > 0) throw invalid('kind-not-editable', 'A product that has been stocked or sold cannot take variants: make a new product with variants', 'options', { kind: before });
    }
  }

  async #checkCategory(tx: Tx, categoryId: string | null, current: string | null): Promise<void> {
    if (!categoryId) return;
    const category = await tx.category.findUnique({ where: { id: categoryId } });
    if (!category) throw notFound('category-not-found', 'No such category', [{ path: 'categoryId', message: 'unknown category' }]);
    if (!category.active && categoryId !== current) throw invalid('category-archived', `${category.name} is archived`, 'categoryId');
  }

  /** The variants as rows: each with values of every option, none twice, ids of this product's own. */
  async #variantRows(tx: Tx, productId: string, input: ProductInput): Promise<Row[]> {
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
    const own = new Set((await tx.product.findMany({ where: { parentId: productId }, select: { id: true } })).map((v) => v.id));
    const combinations = new Map<string, number>();
    return input.variants.map((v: VariantInput, i) => {
      const path = `variants.${i}`;
      if (v.values.length === 0 || v.values.some((value) => !value)) throw invalid('variant-without-options', 'A variant needs a value of each option', `${path}.values`);
      if (v.values.length !== input.options.length) throw invalid('variant-options-mismatch', `A variant needs one value of each of the ${input.options.length} options`, `${path}.values`, { options: input.options.length });
      v.values.forEach((value, j) => {
        if (!input.options[j].values.includes(value)) throw invalid('variant-value-unknown', `${value} is not a value of ${input.options[j].name}`, `${path}.values.${j}`);
      });
      const key = JSON.stringify(v.values.map((value) => value.toLowerCase()));
      if (combinations.has(key)) throw invalid('duplicate-variant', `Variants ${combinations.get(key)! + 1} and ${i + 1} have the same options`, `${path}.values`);
      combinations.set(key, i);
      if (v.id && !own.has(v.id)) throw notFound('variant-not-found', 'That variant is not one of this product', [{ path: `${path}.id`, message: 'unknown variant' }]);
      return {
        id: v.id ?? newId(), path, sku: v.sku, name: `${input.name} ${v.values.join(' / ')}`, price: v.price, cost: v.cost, barcodes: v.barcodes,
        minMilli: v.minMilli, suppliers: v.suppliers, active: v.active, optionValues: v.values,
      };
    });
  }

  /** SKUs unique: among the rows saved, and against every other product (archived variants too). */
  async #checkSkus(tx: Tx, saved: Set<string>, rows: Row[]): Promise<void> {
    const seen = new Map<string, string>();
    for (const row of rows) {
      const path = field(row.path, 'sku');
      if (seen.has(row.sku)) throw conflictOn('duplicate-sku', `SKU ${row.sku} is given twice`, path, { sku: row.sku });
      seen.set(row.sku, path);
      const other = await tx.product.findUnique({ where: { sku: row.sku }, select: { id: true, name: true } });
      if (other && !saved.has(other.id)) {
        throw conflictOn('duplicate-sku', `SKU ${row.sku} is already the SKU of ${other.name}`, path, { sku: row.sku, productId: other.id, name: other.name });
      }
    }
  }

  /** Every code checked and normalised; none twice, none another product's. */
  async #checkBarcodes(tx: Tx, saved: Set<string>, rows: Row[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const row of rows) {
      const codes: string[] = [];
      for (const [j, raw] of row.barcodes.entries()) {
        const path = `${field(row.path, 'barcodes')}.${j}`;
        const checked = checkProductBarcode(raw, this.outlet.settings.inStoreLayouts);
        if (!checked.ok) throw invalid('invalid-barcode', `Barcode ${raw.trim()}: ${checked.message}`, path, { code: raw.trim(), problem: checked.problem });
        if (seen.has(checked.code)) throw conflictOn('duplicate-barcode', `Barcode ${checked.code} is given twice`, path, { code: checked.code });
        seen.add(checked.code);
        const owner = await tx.barcode.findUnique({ where: { code: checked.code }, include: { product: { select: { id: true, name: true, sku: true } } } });
        if (owner && !saved.has(owner.product.id)) {
          throw conflictOn('duplicate-barcode', `Barcode ${checked.code} is already on ${owner.product.name} (${owner.product.sku})`, path, { code: checked.code, productId: owner.product.id, name: owner.product.name, sku: owner.product.sku });
        }
        codes.push(checked.code);
      }
      result.set(row.id, codes);
    }
    return result;
  }

  /** Weighed goods sold by label need the PLU their labels carry; no two products share one. */
  async #checkPlu(tx: Tx, productId: string, input: ProductInput): Promise<void> {
    if (input.unit === 'kg' && input.priceLabelled && !input.plu && !input.options.length) {
      throw invalid('plu-required', 'Weighed goods sold by label need the PLU their labels carry', 'plu');
    }
    if (!input.plu) return;
    const other = await tx.product.findUnique({ where: { plu: input.plu }, select: { id: true, name: true } });
    if (other && other.id !== productId) throw conflictOn('duplicate-plu', `PLU ${input.plu} is already the PLU of ${other.name}`, 'plu', { plu: input.plu, productId: other.id, name: other.name });
  }

  async #checkSuppliers(tx: Tx, kind: ProductInput['kind'], rows: Row[]): Promise<void> {
    for (const row of rows) {
      const seen = new Set<string>();
      for (const [j, terms] of row.suppliers.entries()) {
        const path = `${field(row.path, 'suppliers')}.${j}.supplierId`;
        if (kind !== 'goods') throw invalid('suppliers-not-allowed', `A ${kind} is not bought from suppliers`, path);
        if (seen.has(terms.supplierId)) throw invalid('duplicate-supplier', 'The same supplier is given twice', path);
        seen.add(terms.supplierId);
        if (!(await tx.supplier.findUnique({ where: { id: terms.supplierId }, select: { id: true } }))) throw notFound('supplier-not-found', 'No such supplier', [{ path, message: 'unknown supplier' }]);
      }
    }
  }

  /** Archiving what is still in stock needs the user to have seen how much. */
  async #checkArchiving(tx: Tx, ids: string[], acknowledged: boolean): Promise<void> {
    if (!ids.length || acknowledged) return;
    const stock = await tx.stockBalance.aggregate({ where: { outletId: this.outlet.id, productId: { in: ids }, quantityMilli: { gt: 0 } }, _sum: { quantityMilli: true } });
    const stockMilli = stock._sum.quantityMilli ?? 0;
    if (stockMilli > 0) throw conflictOn('product-has-stock', `${stockMilli / 1000} still in stock: archive it anyway?`, 'active', { stockMilli });
  }

  async #pricesInForce(tx: Tx, ids: string[], now: Date): Promise<Map<string, number>> {
    await applyDuePriceChanges(tx, now, ids);
    const rows = await tx.product.findMany({ where: { id: { in: ids } }, select: { id: true, price: true } });
    const pending = await tx.priceChange.findMany({ where: { productId: { in: ids }, appliedAt: null }, select: { productId: true, effectiveAt: true, price: true } });
    return new Map(rows.map((r) => [r.id, priceInForce({ price: r.price, priceChanges: pending.filter((c) => c.productId === r.id).map((c) => ({ from: c.effectiveAt.toISOString(), price: c.price })) }, now)]));
  }

  async #clearCodes(tx: Tx, ids: string[], previous: Map<string, unknown>): Promise<void> {
    await tx.barcode.deleteMany({ where: { productId: { in: ids } } });
    // A placeholder SKU, unique per row, while SKUs are swapped between the rows being saved.
    for (const id of ids) if (previous.has(id)) await tx.product.update({ where: { id }, data: { sku: `\u0000${id}` } });
  }

  async #writeLevel(tx: Tx, row: Row): Promise<void> {
    const key = { outletId_productId: { outletId: this.outlet.id, productId: row.id } };
    if (row.minMilli === null) await tx.stockLevel.deleteMany({ where: { outletId: this.outlet.id, productId: row.id } });
    else await tx.stockLevel.upsert({ where: key, create: { outletId: this.outlet.id, productId: row.id, minMilli: row.minMilli }, update: { minMilli: row.minMilli } });
  }

  async #writeSuppliers(tx: Tx, row: Row): Promise<void> {
    await tx.supplierProduct.deleteMany({ where: { productId: row.id, supplierId: { notIn: row.suppliers.map((s) => s.supplierId) } } });
    for (const s of row.suppliers) {
      const terms = { supplierSku: s.supplierSku, unitCost: s.unitCost ?? row.cost, packMilli: s.packMilli };
      await tx.supplierProduct.upsert({ where: { supplierId_productId: { supplierId: s.supplierId, productId: row.id } }, create: { supplierId: s.supplierId, productId: row.id, ...terms }, update: terms });
    }
  }

  /** A product as its form shows it, variants and pending prices included. */
  async details(id: string): Promise<ProductDetails> {
    const product = await this.db.product.findUnique({ where: { id }, include: { barcodes: true, taxRate: true } });
    if (!product) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
    if (product.parentId) return this.details(product.parentId);
    const variants = await this.db.product.findMany({ where: { parentId: id }, include: { barcodes: true }, orderBy: { createdAt: 'asc' } });
    const ids = [id, ...variants.map((v) => v.id)];
    const [stock, levels, suppliers, pending, picture] = await Promise.all([
      this.db.stockBalance.findMany({ where: { outletId: this.outlet.id, productId: { in: ids } } }),
      this.db.stockLevel.findMany({ where: { outletId: this.outlet.id, productId: { in: ids } } }),
      this.db.supplierProduct.findMany({ where: { productId: { in: ids } } }),
      this.db.priceChange.findMany({ where: { productId: { in: ids }, appliedAt: null }, orderBy: { effectiveAt: 'asc' } }),
      this.db.productPicture.findUnique({ where: { productId: id } }),
    ]);
    const now = new Date();
    const stockOf = (pid: string) => stock.find((s) => s.productId === pid)?.quantityMilli ?? 0;
    const levelOf = (pid: string) => levels.find((l) => l.productId === pid)?.minMilli ?? null;
    const suppliersOf = (pid: string) => suppliers.filter((s) => s.productId === pid).map((s) => ({ supplierId: s.supplierId, supplierSku: s.supplierSku, unitCost: s.unitCost, packMilli: s.packMilli }));
    const pendingOf = (pid: string) => pending.filter((c) => c.productId === pid).map((c) => ({ id: c.id, from: c.effectiveAt.toISOString(), price: c.price }));
    const inForce = (p: { id: string; price: number }) => priceInForce({ price: p.price, priceChanges: pendingOf(p.id) }, now);
    const family = product.kind === 'family';
    return {
      id, name: product.name, sku: product.sku, unit: product.unit as ProductDetails['unit'], categoryId: product.categoryId, taxRateId: product.taxRateId,
      taxRateBp: product.taxRate.rateBp, price: inForce(product), cost: product.cost, minMilli: levelOf(id), discountable: product.discountable, priceLabelled: product.priceLabelled,
      plu: product.plu, barcodes: product.barcodes.map((b) => b.code).sort(), suppliers: suppliersOf(id), tileColour: product.tileColour, picture: picture?.dataUrl ?? null,
      active: product.active, kind: (family ? variants[0]?.kind ?? 'goods' : product.kind) as ProductDetails['kind'],
      options: family && product.options ? JSON.parse(product.options) : [],
      stockMilli: family ? variants.reduce((s, v) => s + stockOf(v.id), 0) : stockOf(id),
      priceChanges: pendingOf(id).filter((c) => Date.parse(c.from) > now.getTime()),
      variants: variants.map((v) => ({
        id: v.id, name: v.name, values: v.optionValues ? JSON.parse(v.optionValues) : [], sku: v.sku, barcodes: v.barcodes.map((b) => b.code).sort(), price: inForce(v), cost: v.cost,
        minMilli: levelOf(v.id), suppliers: suppliersOf(v.id), active: v.active, stockMilli: stockOf(v.id), priceChanges: pendingOf(v.id).filter((c) => Date.parse(c.from) > now.getTime()),
      })),
      createdAt: product.createdAt.toISOString(),
      updatedAt: product.updatedAt.toISOString(),
    };
  }
}

/** Where a row's field was entered: `price` for the product, `variants.2.price` for a variant. */
function field(rowPath: string, name: string): string {
  return rowPath ? `${rowPath}.${name}` : name;
}

/** Archives, restores or re-files many products at once (a product with variants with its variants), in one transaction. */
export async function bulkProductAction(db: Db, outlet: OutletInfo, chain: boolean, auth: AuthContext, req: z.infer<typeof BulkProductActionSchema>): Promise<{ changed: number }> {
  ownedByHeadOffice(chain);
  return db.$transaction(async (tx) => {
    const found = await tx.product.findMany({ where: { id: { in: req.productIds } }, select: { id: true } });
    const missing = req.productIds.findIndex((id) => !found.some((p) => p.id === id));
    if (missing >= 0) throw notFound('product-not-found', `Unknown product ${req.productIds[missing]}`, [{ path: `productIds.${missing}`, message: 'unknown product' }]);
    const ids = [...req.productIds, ...(await tx.product.findMany({ where: { parentId: { in: req.productIds } }, select: { id: true } })).map((v) => v.id)];
    const { action } = req;
    let data: { active?: boolean; categoryId?: string | null };
    if (action.kind === 'category') {
      if (action.categoryId) {
        const category = await tx.category.findUnique({ where: { id: action.categoryId } });
        if (!category) throw notFound('category-not-found', 'No such category', [{ path: 'action.categoryId', message: 'unknown category' }]);
        if (!category.active) throw invalid('category-archived', `${category.name} is archived`, 'action.categoryId');
      }
      data = { categoryId: action.categoryId };
    } else {
      if (action.kind === 'archive' && !req.acknowledge.includes('archive-with-stock')) {
        const stock = await tx.stockBalance.aggregate({ where: { outletId: outlet.id, productId: { in: ids }, quantityMilli: { gt: 0 } }, _sum: { quantityMilli: true } });
        const stockMilli = stock._sum.quantityMilli ?? 0;
        if (stockMilli > 0) throw conflictOn('product-has-stock', `${stockMilli / 1000} still in stock: archive them anyway?`, 'productIds', { stockMilli });
      }
      data = { active: action.kind === 'restore' };
    }
    const { count } = await tx.product.updateMany({ where: { id: { in: ids } }, data: { ...data, updatedAt: new Date() } });
    await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: `product-bulk-${action.kind}`, entityType: 'product', details: { productIds: req.productIds, ...action } });
    return { changed: count };
  });
}
