import type { z } from 'zod';
import { normaliseBarcode } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import { priceInForce } from '../../shared/pricing/price-changes.ts';
import type { HeadOfficeProduct, HeadOfficeProductInput, HeadOfficeProductPage, HeadOfficeProductRow } from '../../shared/schemas/headoffice-catalogue.ts';
import type { SupplierDataSchema } from '../../shared/schemas/master-data.ts';
import type { CategoryChangeSchema, NewCategorySchema, ProductListQuerySchema } from '../../shared/schemas/products.ts';
import { newCategoryCode, planCategoryChange, type CategoryView } from '../catalog/categories.ts';
import { checkPriceRange, priceMoment } from '../catalog/prices.ts';
import { searchWords } from '../catalog/name-search.ts';
import { checkBarcodes, checkCategoryChoice, checkFamilyOwnCodes, checkPicture, checkPlu, checkSkus, checkVariantShape, conflictOn, field, invalid, variantRows, type FormRow } from '../catalog/product-rules.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import { storedProductData, unknownReference, withMasterChange, writeMaster, type DataOf } from './master-data.ts';

type ListQuery = Pick<z.output<typeof ProductListQuerySchema>, 'q' | 'categoryId' | 'status' | 'after' | 'limit'>;

const ownerOf = (p: { id: string; name: string; sku: string } | null | undefined) => p ?? null;

/**
 * The chain's catalogue as head office's pages manage it: products with variants, the category
 * tree and suppliers. A save is checked by the outlet's rules of the form (product-rules.ts) and
 * written as master data (writeMaster) in one transaction, so outlets get it by their next pull.
 */
export class HeadOfficeCatalogue {
  constructor(private readonly db: HeadOfficeDb) {}

  /** Products (variants under theirs) by name words in any order, a SKU or its beginning, or a barcode; by name, a page at a time. */
  async page(q: ListQuery): Promise<HeadOfficeProductPage> {
    const { sql, params } = await this.query(q);
    const { rows } = await this.db.pool.query<RawRow>(sql, params);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { items: await this.#rows(page), next: rows.length > q.limit && last ? encodeCursor(last.searchName, last.id) : null };
  }

  /** The statement a page is read by (tests read its plan): a code typed finds its products, otherwise the name's words as at an outlet (name-search.ts). */
  async query(q: ListQuery): Promise<{ sql: string; params: unknown[] }> {
    const where: string[] = [`p."parentId" IS NULL`];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (q.status !== 'all') where.push(`p."active" = ${q.status === 'active'}`);
    if (q.categoryId) {
      where.push(`p."categoryId" IN (WITH RECURSIVE tree(id) AS (SELECT ${param(q.categoryId)}::text UNION SELECT c."id" FROM "Category" c JOIN tree ON c."parentId" = tree.id) SELECT id FROM tree)`);
    }
    const text = q.q?.trim();
    const words = text ? searchWords(text) : null;
    if (text && words) {
      const { rows: byCode } = await this.db.pool.query<{ id: string }>(
        `SELECT DISTINCT coalesce(x."parentId", x."id") AS "id" FROM "Product" x
         WHERE x."id" IN (SELECT "productId" FROM "Barcode" WHERE "code" = $1) OR starts_with(x."sku", $2) LIMIT 1000`,
        [normaliseBarcode(text).code, text],
      );
      if (byCode.length && !/\s/.test(text)) where.push(`p."id" = ANY(${param(byCode.map((r) => r.id))}::text[])`);
      else {
        // A long word through the trigram index (LIKE with its wildcards escaped), a short one by strpos on the rows found.
        const conditions = [
          ...words.long.map((w) => `x."searchName" LIKE ${param(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`),
          ...words.short.map((w) => `strpos(x."searchName", ${param(w)}) > 0`),
        ];
        where.push(`p."id" IN (SELECT coalesce(x."parentId", x."id") FROM "Product" x WHERE ${conditions.join(' AND ')})`);
      }
    }
    if (q.after) {
      const [name, id] = decodeCursor(q.after);
      where.push(`(p."searchName" COLLATE "C", p."id" COLLATE "C") > (${param(name)}, ${param(id)})`);
    }
    const sql = `SELECT p."id", p."sku", p."name", p."searchName", p."kind", p."unit", p."categoryId", c."name" AS "categoryName", t."rateBp" AS "taxRateBp",
              p."price", p."cost", p."active", p."tileColour"
       FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId" LEFT JOIN "Category" c ON c."id" = p."categoryId"
       WHERE ${where.join(' AND ')}
       ORDER BY p."searchName" COLLATE "C", p."id" COLLATE "C" LIMIT ${param(q.limit + 1)}`;
    return { sql, params };
  }

  async #rows(page: RawRow[]): Promise<HeadOfficeProductRow[]> {
    if (!page.length) return [];
    const { prisma } = this.db;
    const variants = await prisma.product.findMany({ where: { parentId: { in: page.filter((r) => r.kind === 'family').map((r) => r.id) } }, include: { barcodes: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const ids = [...page.map((r) => r.id), ...variants.map((v) => v.id)];
    const barcodes = await prisma.barcode.findMany({ where: { productId: { in: ids } }, orderBy: { code: 'asc' } });
    const prices = await this.#prices(ids);
    return page.map((r) => {
      const own = variants.filter((v) => v.parentId === r.id);
      return {
        id: r.id, sku: r.sku, name: r.name, kind: (r.kind === 'family' ? own[0]?.kind ?? 'goods' : r.kind) as HeadOfficeProductRow['kind'], unit: r.unit as HeadOfficeProductRow['unit'],
        categoryId: r.categoryId, categoryName: r.categoryName, taxRateBp: r.taxRateBp, ...prices(r), cost: r.cost, active: r.active, tileColour: r.tileColour,
        barcodes: barcodes.filter((b) => b.productId === r.id).map((b) => b.code),
        variants: own.map((v) => ({
          id: v.id, sku: v.sku, name: v.name, values: v.optionValues ? (JSON.parse(v.optionValues) as string[]) : [], ...prices(v), cost: v.cost,
          barcodes: v.barcodes.map((b) => b.code).sort(), active: v.active,
        })),
      };
    });
  }

  /** Each product's price in force now and the next one waiting. */
  async #prices(ids: string[]) {
    const pending = await this.db.prisma.priceChange.findMany({ where: { productId: { in: ids }, appliedAt: null }, orderBy: { effectiveAt: 'asc' } });
    const now = new Date();
    return (p: { id: string; price: number }) => {
      const own = pending.filter((c) => c.productId === p.id).map((c) => ({ from: c.effectiveAt.toISOString(), price: c.price }));
      return { price: priceInForce({ price: p.price, priceChanges: own }, now), nextPrice: own.find((c) => Date.parse(c.from) > now.getTime()) ?? null };
    };
  }

  /** A product as head office's form shows it, with its variants and the outlets' own prices. */
  async details(id: string): Promise<HeadOfficeProduct> {
    const { prisma } = this.db;
    const product = await prisma.product.findUnique({ where: { id }, include: { barcodes: true, taxRate: true } });
    if (!product) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
    if (product.parentId) return this.details(product.parentId);
    const variants = await prisma.product.findMany({ where: { parentId: id }, include: { barcodes: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const ids = [id, ...variants.map((v) => v.id)];
    const [pending, picture, outletPrices, outlets] = await Promise.all([
      prisma.priceChange.findMany({ where: { productId: { in: ids }, appliedAt: null }, orderBy: { effectiveAt: 'asc' } }),
      prisma.productPicture.findUnique({ where: { productId: id } }),
      prisma.outletPrice.findMany({ where: { productId: { in: ids } } }),
      prisma.outlet.findMany({ select: { id: true, code: true } }),
    ]);
    const now = new Date();
    const pendingOf = (pid: string) => pending.filter((c) => c.productId === pid).map((c) => ({ id: c.id, from: c.effectiveAt.toISOString(), price: c.price }));
    const inForce = (p: { id: string; price: number }) => priceInForce({ price: p.price, priceChanges: pendingOf(p.id) }, now);
    const future = (pid: string) => pendingOf(pid).filter((c) => Date.parse(c.from) > now.getTime());
    const codeOf = new Map(outlets.map((o) => [o.id, o.code]));
    const family = product.kind === 'family';
    return {
      id, name: product.name, sku: product.sku, unit: product.unit as HeadOfficeProduct['unit'], categoryId: product.categoryId, taxRateId: product.taxRateId, taxRateBp: product.taxRate.rateBp,
      price: inForce(product), cost: product.cost, discountable: product.discountable, priceLabelled: product.priceLabelled, plu: product.plu,
      barcodes: product.barcodes.map((b) => b.code).sort(), tileColour: product.tileColour, picture: picture?.dataUrl ?? null, active: product.active,
      kind: (family ? variants[0]?.kind ?? 'goods' : product.kind) as HeadOfficeProduct['kind'], options: family && product.options ? JSON.parse(product.options) : [],
      priceChanges: future(id),
      variants: variants.map((v) => ({
        id: v.id, name: v.name, values: v.optionValues ? JSON.parse(v.optionValues) : [], sku: v.sku, barcodes: v.barcodes.map((b) => b.code).sort(), price: inForce(v), cost: v.cost,
        active: v.active, priceChanges: future(v.id),
      })),
      outletPrices: outletPrices
        .map((o) => ({ outletCode: codeOf.get(o.outletId) ?? o.outletId, productId: o.productId, price: o.price }))
        .sort((a, b) => a.outletCode.localeCompare(b.outletCode) || ids.indexOf(a.productId) - ids.indexOf(b.productId)),
      createdAt: product.createdAt.toISOString(),
      updatedAt: product.updatedAt.toISOString(),
    };
  }

  /**
   * Creates (id null) or changes a product with its variants. Every rule is checked before
   * anything is written; variants left out of the form are archived. Errors name the field.
   */
  async save(id: string | null, input: HeadOfficeProductInput): Promise<string> {
    if (input.picture) await checkPicture(input.picture);
    checkVariantShape(input);
    try {
      return await withMasterChange(this.db, async (tx) => {
        const existing = id ? await tx.product.findUnique({ where: { id } }) : null;
        if (id && !existing) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
        if (existing?.parentId) throw conflictOn('edit-the-product', 'A variant is changed in the form of the product it belongs to', 'id', { parentId: existing.parentId });
        const family = input.options.length > 0;
        if (existing) checkKindChange(existing.kind === 'family' ? 'family' : existing.kind, input.kind, family);
        if (!(await tx.taxRate.findUnique({ where: { id: input.taxRateId } }))) throw notFound('tax-rate-not-found', 'No such tax rate', [{ path: 'taxRateId', message: 'unknown tax rate' }]);
        if (input.categoryId) checkCategoryChoice(await tx.category.findUnique({ where: { id: input.categoryId } }), existing?.categoryId ?? null);
        const productId = existing?.id ?? newId();
        const previous = await tx.product.findMany({ where: { parentId: productId } });
        const variants = family ? variantRows(input, new Set(previous.map((v) => v.id))) : [];
        if (family) checkFamilyOwnCodes(input);
        const own: FormRow = { id: productId, path: '', sku: input.sku, name: input.name, price: input.price, cost: input.cost, barcodes: input.barcodes, active: input.active, optionValues: null };
        const all = [own, ...variants];
        for (const row of all) {
          checkPriceRange(row.price, field(row.path, 'price'), 'price');
          checkPriceRange(row.cost, field(row.path, 'cost'), 'cost');
        }
        const saved = new Set(all.map((r) => r.id));
        await checkSkus(all, saved, async (sku) => ownerOf(await tx.product.findUnique({ where: { sku }, select: { id: true, name: true, sku: true } })));
        // Head office knows no outlet's in-store label layouts: those are checked where the codes are scanned.
        const barcodes = await checkBarcodes(family ? variants : [own], saved, [], async (code) => ownerOf((await tx.barcode.findUnique({ where: { code }, include: { product: { select: { id: true, name: true, sku: true } } } }))?.product));
        await checkPlu(input, productId, (plu) => tx.product.findUnique({ where: { plu }, select: { id: true, name: true } }));

        const pending = new Map<string, { from: string; price: number }[]>();
        for (const c of await tx.priceChange.findMany({ where: { productId: { in: [...saved] }, appliedAt: null }, orderBy: { effectiveAt: 'asc' } })) {
          pending.set(c.productId, [...(pending.get(c.productId) ?? []), { from: c.effectiveAt.toISOString(), price: c.price }]);
        }
        // A price changed from a later moment: the row keeps its price, and the new one waits in its scheduled prices (replacing one at the same moment).
        const now = new Date();
        const from = priceMoment(input.priceFrom, now, 'priceFrom');
        const stored = new Map([...(existing ? [existing] : []), ...previous].map((p) => [p.id, p]));
        const scheduled = (row: FormRow): Partial<DataOf<'product'>> => {
          const before = stored.get(row.id);
          const waiting = pending.get(row.id) ?? [];
          if (from <= now || !before || priceInForce({ price: before.price, priceChanges: waiting }, now) === row.price) return {};
          const at = from.toISOString();
          return { price: before.price, priceChanges: [...waiting.filter((c) => Date.parse(c.from) !== from.getTime()), { from: at, price: row.price }].sort((a, b) => Date.parse(a.from) - Date.parse(b.from)) };
        };
        const common = {
          unit: input.unit, categoryId: input.categoryId, taxRateId: input.taxRateId, discountable: input.discountable, priceLabelled: input.priceLabelled, tileColour: input.tileColour,
        };
        const data = (row: FormRow, rest: Partial<DataOf<'product'>>): DataOf<'product'> => ({
          ...common, sku: row.sku, name: row.name, price: row.price, cost: row.cost, active: input.active && row.active, barcodes: barcodes.get(row.id) ?? [],
          kind: input.kind, plu: null, parentId: null, optionValues: [], options: [], picture: null, priceChanges: pending.get(row.id) ?? [], ...scheduled(row), ...rest,
        });
        const picture = input.picture === undefined ? ((await tx.productPicture.findUnique({ where: { productId } }))?.dataUrl ?? null) : input.picture;
        await writeMaster(tx, 'product', productId, data(own, family ? { kind: 'family', options: input.options, barcodes: [], picture } : { plu: input.plu, picture }));
        for (const v of variants) await writeMaster(tx, 'product', v.id, data(v, { parentId: productId, optionValues: v.optionValues ?? [] }));
        for (const retired of previous.filter((p) => !saved.has(p.id) && p.active)) {
          await tx.product.update({ where: { id: retired.id }, data: { active: false } });
          await tx.masterChange.create({ data: { entity: 'product', entityId: retired.id } });
        }
        return productId;
      });
    } catch (err) {
      throw unknownReference(err);
    }
  }

  /**
   * Withdraws a chain price scheduled from a later moment, before that moment: the product (or
   * variant) is written again without it, so outlets drop it by their next pull. Answers the id of
   * the product whose form shows it (a variant's family).
   */
  async withdrawPriceChange(id: string): Promise<string> {
    return withMasterChange(this.db, async (tx) => {
      const change = await tx.priceChange.findUnique({ where: { id } });
      if (!change) throw notFound('price-change-not-found', 'No such price change', [{ path: 'id', message: 'unknown price change' }]);
      if (change.appliedAt || change.effectiveAt <= new Date()) throw new AppError(409, 'price-change-applied', 'That price is in force already: change the price again instead', [{ path: 'id', message: 'in force' }]);
      const stored = (await storedProductData(tx, change.productId))!;
      const at = change.effectiveAt.getTime();
      await writeMaster(tx, 'product', change.productId, { ...stored, priceChanges: stored.priceChanges.filter((c) => Date.parse(c.from) !== at) });
      return (await tx.product.findUniqueOrThrow({ where: { id: change.productId }, select: { parentId: true } })).parentId ?? change.productId;
    });
  }

  /** An outlet's own price is one of a product that sells: not of a product with variants, whose variants sell. */
  async checkSellable(productId: string): Promise<void> {
    const product = await this.db.prisma.product.findUnique({ where: { id: productId }, select: { kind: true } });
    if (product?.kind === 'family') throw invalid('product-has-variants', 'A product with variants sells by its variants: give each variant its price', 'productId');
  }

  async taxRates() {
    return this.db.prisma.taxRate.findMany({ orderBy: [{ rateBp: 'desc' }, { code: 'asc' }], select: { id: true, code: true, name: true, rateBp: true } });
  }

  async categories(): Promise<CategoryView[]> {
    return this.db.prisma.category.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, code: true, name: true, parentId: true, active: true } });
  }

  async createCategory(input: z.infer<typeof NewCategorySchema>): Promise<CategoryView> {
    return withMasterChange(this.db, async (tx) => {
      const category = { id: newId(), code: newCategoryCode(await tx.category.findMany(), input), name: input.name, parentId: input.parentId, active: true };
      await writeMaster(tx, 'category', category.id, category);
      return category;
    });
  }

  async changeCategory(id: string, input: z.infer<typeof CategoryChangeSchema>): Promise<CategoryView> {
    return withMasterChange(this.db, async (tx) => {
      const all = await tx.category.findMany();
      const { category, parentId, archived } = planCategoryChange(all, id, input);
      const changed = { ...category, name: input.name ?? category.name, parentId, active: input.active ?? category.active };
      await writeMaster(tx, 'category', id, { code: changed.code, name: changed.name, parentId, active: changed.active });
      for (const c of all.filter((c) => archived.includes(c.id) && c.id !== id && c.active)) await writeMaster(tx, 'category', c.id, { code: c.code, name: c.name, parentId: c.parentId, active: false });
      return { id, code: changed.code, name: changed.name, parentId, active: changed.active };
    });
  }

  async suppliers() {
    const rows = await this.db.prisma.supplier.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return rows.map((s) => ({ id: s.id, code: s.code, name: s.name, contact: s.contact, leadTimeDays: s.leadTimeDays, minOrderAmount: s.minOrderAmount, currency: s.currency, archived: s.archivedAt !== null }));
  }

  /** Creates (id null) or changes a supplier; a code another supplier has is refused. */
  async saveSupplier(id: string | null, input: z.output<typeof SupplierDataSchema>): Promise<string> {
    return withMasterChange(this.db, async (tx) => {
      if (id && !(await tx.supplier.findUnique({ where: { id }, select: { id: true } }))) throw notFound('supplier-not-found', 'No such supplier', [{ path: 'id', message: 'unknown supplier' }]);
      const supplierId = id ?? newId();
      await writeMaster(tx, 'supplier', supplierId, input);
      return supplierId;
    });
  }
}

/** Gift cards and deposits stay what they are, and a product with variants keeps them (outlets may hold stock of either form). */
function checkKindChange(before: string, kind: string, family: boolean): void {
  const special = (k: string) => k === 'gift-card' || k === 'deposit';
  if ((special(before) || special(kind)) && before !== kind) throw invalid('kind-not-editable', `A ${before === 'family' ? 'product with variants' : before} cannot become a ${kind}`, 'kind', { kind: before });
  if (before === 'family' && !family) throw invalid('kind-not-editable', 'A product with variants keeps its options: archive variants instead', 'options', { kind: before });
  if (before !== 'family' && family) throw invalid('kind-not-editable', 'A product sold at outlets cannot take variants: make a new product with variants', 'options', { kind: before });
}

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string') return [name, id];
  } catch {
    // Falls through to the refusal.
  }
  throw badRequest('invalid-cursor', 'The page cursor is not one this list gave', [{ path: 'after', message: 'unknown cursor' }]);
}

interface RawRow {
  id: string;
  sku: string;
  name: string;
  searchName: string;
  kind: string;
  unit: string;
  categoryId: string | null;
  categoryName: string | null;
  taxRateBp: number;
  price: number;
  cost: number;
  active: boolean;
  tileColour: string | null;
}
