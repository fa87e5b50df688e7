import { normaliseBarcode } from '../../shared/barcodes.ts';
import { isExpired } from '../../shared/gs1.ts';
import { readEmbeddedCode } from '../../shared/scanned-code.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { ProductView, ScanResult } from '../../shared/schemas/catalog.ts';
import type { Db } from '../db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import type { CustomerService } from '../customers/service.ts';
import { ProductRepository, refuseUnsellable, toProductView, type ProductRecord } from './repository.ts';
import { nameCondition } from './name-search.ts';
import { sqliteOf } from '../db/client.ts';
import { statement } from '../db/statements.ts';

/** Receipt numbers look like R1-0003-0012 (register, shift, sequence). */
export const RECEIPT_NUMBER = /^[A-Z0-9]{1,8}-\d{4,}-\d{4,}$/;

/** Products: search, barcode and in-store code resolution. */
export class CatalogService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly customers: CustomerService,
  ) {
    this.#products = new ProductRepository(db, outlet.id, outlet.settings);
  }

  readonly #products: ProductRepository;

  /** A product as the register sells it; a product with variants has no such view (its variants sell). */
  async byId(id: string): Promise<ProductView | null> {
    const [row] = this.#products.byIds([id]);
    if (row?.kind === 'family') throw new AppError(409, 'product-has-variants', `${row.name} is sold as one of its variants`, [{ path: 'id', message: 'has variants' }], { productId: row.id, name: row.name });
    return row ? toProductView(row) : null;
  }

  /**
   * As-you-type search of what sells: exact barcode or SKU first, then names holding every word
   * typed, in any order (deposits are taken from their order; a product with variants shows as
   * its variants, whose names carry their options).
   */
  async search(q: string, limit: number): Promise<ProductView[]> {
    const text = q.trim();
    const sql = sqliteOf(this.db);
    const exact = (statement(sql, `SELECT p."id" FROM "Product" p WHERE p."active" = 1 AND p."kind" <> 'family' AND (p."sku" = @text OR p."id" IN (SELECT "productId" FROM "Barcode" WHERE "code" = @code)) LIMIT @limit`).all({ text, code: normaliseBarcode(text).code, limit }) as { id: string }[]).map((r) => r.id);
    const name = nameCondition(text, 'p', 'q');
    const byName = name && exact.length < limit
      ? (statement(sql, `SELECT p."id" FROM "Product" p WHERE p."active" = 1 AND p."kind" NOT IN ('deposit', 'family') AND ${name.sql} AND p."id" NOT IN (SELECT value FROM json_each(@exact)) ORDER BY p."searchName", p."id" LIMIT @limit`).all({ ...name.params, exact: JSON.stringify(exact), limit: limit - exact.length }) as { id: string }[]).map((r) => r.id)
      : [];
    return this.#products.byIds([...exact, ...byName]).map(toProductView);
  }

  /** Product by barcode (EAN/UPC normalised), as the register sells it; null for none, or for a product with variants. */
  async byBarcode(raw: string): Promise<ProductView | null> {
    const row = this.#products.byBarcode(normaliseBarcode(raw).code);
    return row && row.kind !== 'family' ? toProductView(row) : null;
  }

  /** What a scan found, if it sells: archived products and products with variants are refused by name. */
  #sellable(row: ProductRecord): ProductView {
    refuseUnsellable(row, 'code');
    return toProductView(row);
  }

  /**
   * Reads a code carrying a weight or a price: an in-store EAN-13 (prefixes 20–29, the shop's
   * layouts) or a GS1-128/DataMatrix string. Null for an ordinary barcode; throws on a misread.
   */
  async resolveEmbeddedCode(code: string) {
    const embedded = readEmbeddedCode(code, this.outlet.settings.inStoreLayouts);
    if (!embedded) return null;
    if ('error' in embedded) {
      const check = embedded.error === 'check digit';
      throw badRequest(check ? 'invalid-check-digit' : 'invalid-gs1', check ? `Bad check digit in ${code}` : `Cannot read the GS1 code: ${embedded.error}`, [{ path: 'code', message: embedded.error }], { code });
    }
    const row = embedded.source === 'in-store' ? this.#products.byPlu(embedded.plu) : this.#products.byBarcode(embedded.gtin);
    const key = embedded.source === 'in-store' ? `PLU ${embedded.plu}` : `GTIN ${embedded.gtin}`;
    if (!row) throw notFound('product-not-found', `No product with ${key}`, [{ path: 'code', message: `unknown ${key}` }], { code });
    const product = this.#sellable(row);
    const expiredOn = embedded.source === 'gs1' && embedded.expiry && isExpired(embedded.expiry, localTimeIn(this.outlet.view.timezone)) ? embedded.expiry : undefined;
    if (expiredOn && this.outlet.settings.refuseExpiredGoods) {
      throw conflict('goods-expired', `${product.name} expired on ${expiredOn.replace('T', ' ')}: the shop does not sell expired goods`, { expiredOn, name: product.name });
    }
    const found = { product, ...(expiredOn ? { expiredOn } : {}) };
    // A weight only means something for goods sold by weight.
    const quantityMilli = product.unit === 'kg' ? embedded.grams : null;
    if (quantityMilli === null && embedded.price === null) return { ...found, quantityMilli: null, unitPrice: null, plain: true };
    return { ...found, quantityMilli, unitPrice: embedded.price, plain: false };
  }

  /** Whatever was scanned at the register: product, in-store code, loyalty card or receipt. */
  async scan(raw: string): Promise<ScanResult> {
    const text = raw.trim();
    if (RECEIPT_NUMBER.test(text)) {
      const sale = await this.db.sale.findUnique({
        where: { outletId_number: { outletId: this.outlet.id, number: text } },
        select: { id: true, number: true, kind: true },
      });
      if (sale?.kind === 'sale') return { type: 'receipt', saleId: sale.id, number: sale.number };
    }
    const normalised = normaliseBarcode(text);
    if (normalised.kind === 'ean13' && !normalised.valid) {
      // A wrong check digit is a misread, unless the text is a loyalty card number.
      const customer = await this.customers.byCard(text);
      if (customer) return { type: 'customer', customer };
      throw badRequest('invalid-check-digit', `Bad check digit in ${text}`, [{ path: 'code', message: 'check digit' }], { code: text });
    }
    const embedded = await this.resolveEmbeddedCode(normalised.kind === 'other' ? text : normalised.code);
    if (embedded) {
      const { plain, ...found } = embedded;
      return { type: 'product', code: plain ? embedded.product.barcodes[0] ?? text : text, ...found };
    }
    const byBarcode = this.#products.byBarcode(normalised.code);
    if (byBarcode) return { type: 'product', product: this.#sellable(byBarcode), code: normalised.code, quantityMilli: null, unitPrice: null };
    const customer = await this.customers.byCard(text);
    if (customer) return { type: 'customer', customer };
    const bySku = this.#products.bySku(text);
    if (bySku) return { type: 'product', product: this.#sellable(bySku), code: text, quantityMilli: null, unitPrice: null };
    throw notFound('not-found', `Nothing is known by the code ${text}`, [{ path: 'code', message: 'unknown code' }], { code: text });
  }
}
