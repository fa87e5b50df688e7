import { checkProductBarcode, type InStoreLayout } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import { priceInForce } from '../../shared/pricing/price-changes.ts';
import type { z } from 'zod';
import type { BulkProductActionSchema, ProductDetails, ProductInput } from '../../shared/schemas/products.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { checkValues, valuesOf, writeValues } from '../custom-fields/values.ts';
import { sqliteOf, type Db, type Tx } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { ownedByHeadOffice } from './ownership.ts';
import { checkBarcodes, checkCategoryChoice, checkFamilyOwnCodes, checkPicture, checkPlu, checkSkus, checkVariantShape, conflictOn, field, invalid, variantRows, type FormRow } from './product-rules.ts';
import { allowBelowCost, applyDuePriceChanges, checkOwnPrice, checkPriceRange, priceMoment, setPrice } from './prices.ts';
import { ownPriceRulesOf } from './own-price-rules.ts';
import { belowCost } from '../../shared/pricing/own-price.ts';

/** One sellable row the form writes, with this outlet's minimum level and suppliers' terms. */
interface Row extends FormRow {
  minMilli: number | null;
  suppliers: ProductInput['suppliers'];
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
    if (this.chain) return this.#saveOutletsOwn(auth, id, input);
    if (input.picture) await checkPicture(input.picture);
    const now = new Date();
    const from = priceMoment(input.priceFrom, now, 'priceFrom');
    return this.db.$transaction(async (tx) => {
      const existing = id ? await tx.product.findUnique({ where: { id } }) : null;
      if (id && !existing) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
      if (existing?.parentId) throw conflictOn('edit-the-product', 'A variant is changed in the form of the product it belongs to', 'id', { parentId: existing.parentId });
      const family = input.options.length > 0;
      await this.#checkKind(tx, existing, input, family);
      const taxRate = await tx.taxRate.findUnique({ where: { id: input.taxRateId } });
      if (!taxRate) throw notFound('tax-rate-not-found', 'No such tax rate', [{ path: 'taxRateId', message: 'unknown tax rate' }]);
      if (input.categoryId) checkCategoryChoice(await tx.category.findUnique({ where: { id: input.categoryId } }), existing?.categoryId ?? null);
      const productId = existing?.id ?? newId();
      const ownVariants = new Set((await tx.product.findMany({ where: { parentId: productId }, select: { id: true } })).map((v) => v.id));
      const variants: Row[] = family ? variantRows(input, ownVariants).map(({ variant, ...row }) => ({ ...row, minMilli: variant.minMilli, suppliers: variant.suppliers })) : [];
      const own: Row = { id: productId, path: '', sku: input.sku, name: input.name, price: input.price, cost: input.cost, barcodes: input.barcodes, minMilli: input.minMilli, suppliers: input.suppliers, active: input.active, optionValues: null };
      if (family) {
        checkFamilyOwnCodes(input);
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
      await checkSkus(all, saved, (sku) => tx.product.findUnique({ where: { sku }, select: { id: true, name: true, sku: true } }));
      const barcodes = await checkBarcodes(sellable, saved, this.outlet.settings.inStoreLayouts, async (code) => (await tx.barcode.findUnique({ where: { code }, include: { product: { select: { id: true, name: true, sku: true } } } }))?.product ?? null);
      await checkPlu(input, productId, (plu) => tx.product.findUnique({ where: { plu }, select: { id: true, name: true } }));
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
      const custom = this.#checkCustomFields(input, !existing);

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
          await setPrice(tx, this.outlet, auth.userId, row, row.price, from, now);
          if (row !== own || !family) priceChangedIds.push(row.id);
        }
      }
      for (const row of sellable) {
        for (const code of barcodes.get(row.id) ?? []) await tx.barcode.create({ data: { code, productId: row.id } });
        await this.#writeLevel(tx, row);
        await this.#writeSuppliers(tx, row);
      }
      await writeValues(tx, productId, custom);
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

  /**
   * In a chain head office owns the product; what is the outlet's own (its minimum levels, its
   * suppliers' terms, and its sale prices where head office lets it set them, within their bound)
   * it saves. A form that changes anything of head office's is refused, naming each such field, and
   * nothing is saved.
   */
  async #saveOutletsOwn(auth: AuthContext, id: string | null, input: ProductInput): Promise<{ id: string; priceChangedIds: string[] }> {
    if (!id) ownedByHeadOffice(true, ['sku', 'name', 'price']);
    const current = await this.details(id!);
    const changed = changedFields(input, current, this.outlet.settings.inStoreLayouts);
    const rows: (Row & { newPrice: number })[] = current.variants.length
      ? current.variants.map((v, i) => ({ ...v, path: `variants.${i}`, optionValues: v.values, minMilli: input.variants[i].minMilli, suppliers: input.variants[i].suppliers, newPrice: input.variants[i].price }))
      : [{ ...current, path: '', optionValues: null, minMilli: input.minMilli, suppliers: input.suppliers, newPrice: input.price }];
    const rules = ownPriceRulesOf(sqliteOf(this.db), rows.map((r) => r.id));
    const priced = rows.filter((r) => changed.includes(field(r.path, 'price')) && rules.has(r.id));
    const owned = changed.filter((path) => !OUTLETS_OWN.test(path) && !priced.some((r) => field(r.path, 'price') === path));
    if (owned.length) ownedByHeadOffice(true, owned);
    const custom = this.#checkCustomFields(input, false);
    for (const row of priced) {
      checkPriceRange(row.newPrice, field(row.path, 'price'), 'price');
      checkOwnPrice(rules.get(row.id), row.newPrice, { cost: row.cost, taxRateBp: current.taxRateBp }, field(row.path, 'price'));
    }
    allowBelowCost(auth, input.acknowledge.includes('price-below-cost'), priced.flatMap((r) => (belowCost(r.newPrice, r.cost, current.taxRateBp) ? [{ path: field(r.path, 'price'), price: r.newPrice, cost: r.cost }] : [])));
    const now = new Date();
    const from = priceMoment(input.priceFrom, now, 'priceFrom');
    return this.db.$transaction(async (tx) => {
      await this.#checkSuppliers(tx, current.kind, rows);
      for (const row of rows) {
        await this.#writeLevel(tx, row);
        await this.#writeSuppliers(tx, row);
      }
      await writeValues(tx, current.id, custom);
      for (const row of priced) await setPrice(tx, this.outlet, auth.userId, row, row.newPrice, from, now, true);
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'product-update', entityType: 'product', entityId: current.id, details: { sku: current.sku, name: current.name, outletsOwn: changed, customFields: Object.keys(input.customFields ?? {}) } });
      return { id: current.id, priceChangedIds: priced.map((r) => r.id) };
    });
  }

  /** The product's custom field values checked against the outlet's product fields (which stay its own in a chain too). */
  #checkCustomFields(input: ProductInput, creating: boolean) {
    return checkValues(fieldsOf(sqliteOf(this.db), 'product'), input.customFields, { creating, path: 'body.customFields' });
  }

  /** Gift cards and deposits stay what they are; a product that has moved stock or sold cannot become a product with variants. */
  async #checkKind(tx: Tx, existing: { id: string; kind: string } | null, input: ProductInput, family: boolean): Promise<void> {
    const special = (kind: string) => kind === 'gift-card' || kind === 'deposit';
    checkVariantShape(input);
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
    const [stock, levels, suppliers, pending, picture, rules] = await Promise.all([
      this.db.stockBalance.findMany({ where: { outletId: this.outlet.id, productId: { in: ids } } }),
      this.db.stockLevel.findMany({ where: { outletId: this.outlet.id, productId: { in: ids } } }),
      this.db.supplierProduct.findMany({ where: { productId: { in: ids } } }),
      this.db.priceChange.findMany({ where: { productId: { in: ids }, appliedAt: null }, orderBy: { effectiveAt: 'asc' } }),
      this.db.productPicture.findUnique({ where: { productId: id } }),
      ownPriceRulesOf(sqliteOf(this.db), ids),
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
        ownPrice: rules.get(v.id) ?? null,
      })),
      customFields: valuesOf(sqliteOf(this.db), fieldsOf(sqliteOf(this.db), 'product'), [id]).get(id)!,
      ownPrice: family ? null : rules.get(id) ?? null,
      createdAt: product.createdAt.toISOString(),
      updatedAt: product.updatedAt.toISOString(),
    };
  }
}

/** What of a product is an outlet's own in a chain: its minimum levels and its suppliers' terms. */
const OUTLETS_OWN = /(^|\.)(minMilli|suppliers)$/;

/** The fields a form would change of the product as it is, as the form names them (`variants.1.price`). */
function changedFields(input: ProductInput, current: ProductDetails, layouts: readonly InStoreLayout[]): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const codes = (list: string[]) => list.map((raw) => { const checked = checkProductBarcode(raw, layouts); return checked.ok ? checked.code : raw; }).sort();
  const terms = (list: ProductInput['suppliers'], cost: number) => list.map((s) => ({ supplierId: s.supplierId, supplierSku: s.supplierSku, unitCost: s.unitCost ?? cost, packMilli: s.packMilli })).sort((a, b) => a.supplierId.localeCompare(b.supplierId));
  const changed: string[] = [];
  for (const key of ['name', 'sku', 'kind', 'unit', 'categoryId', 'taxRateId', 'price', 'cost', 'minMilli', 'discountable', 'priceLabelled', 'plu', 'tileColour', 'active', 'options'] as const) {
    if (!same(input[key], current[key])) changed.push(key);
  }
  if (!same(codes(input.barcodes), current.barcodes)) changed.push('barcodes');
  if (!same(terms(input.suppliers, input.cost), terms(current.suppliers, current.cost))) changed.push('suppliers');
  if (input.picture !== undefined && input.picture !== current.picture) changed.push('picture');
  if (input.variants.length !== current.variants.length) return [...changed, 'variants'];
  input.variants.forEach((v, i) => {
    const was = current.variants[i];
    const path = `variants.${i}`;
    if (v.id !== undefined && v.id !== was.id) changed.push(`${path}.id`);
    for (const key of ['values', 'sku', 'price', 'cost', 'active', 'minMilli'] as const) if (!same(v[key], was[key])) changed.push(`${path}.${key}`);
    if (!same(codes(v.barcodes), was.barcodes)) changed.push(`${path}.barcodes`);
    if (!same(terms(v.suppliers, v.cost), terms(was.suppliers, was.cost))) changed.push(`${path}.suppliers`);
  });
  return changed;
}

/** Archives, restores or re-files many products at once (a product with variants with its variants), in one transaction. */
export async function bulkProductAction(db: Db, outlet: OutletInfo, chain: boolean, auth: AuthContext, req: z.infer<typeof BulkProductActionSchema>): Promise<{ changed: number }> {
  ownedByHeadOffice(chain, [req.action.kind === 'category' ? 'action.categoryId' : 'action.kind']);
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
