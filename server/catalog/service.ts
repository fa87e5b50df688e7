import { normaliseBarcode } from '../../shared/barcodes.ts';
import { isExpired } from '../../shared/gs1.ts';
import { readEmbeddedCode } from '../../shared/scanned-code.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { ProductView, ScanResult } from '../../shared/schemas/catalog.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import type { CustomerService } from '../customers/service.ts';
import { ProductRepository, toProductView } from './repository.ts';

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

  async byId(id: string): Promise<ProductView | null> {
    const [row] = this.#products.byIds([id]);
    return row ? toProductView(row) : null;
  }

  categories(): Promise<{ id: string; code: string; name: string }[]> {
    return this.db.category.findMany({ orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } });
  }

  /** As-you-type search: exact barcode or SKU first, then names containing the text (deposits are taken from their order). */
  async search(q: string, limit: number): Promise<ProductView[]> {
    const text = q.trim();
    const code = normaliseBarcode(text).code;
    const exact = await this.db.product.findMany({
      where: { active: true, OR: [{ sku: text }, { barcodes: { some: { code } } }] },
      select: { id: true },
      take: limit,
    });
    const byName = await this.db.product.findMany({
      where: { active: true, kind: { not: 'deposit' }, searchName: { contains: text.toLowerCase() }, id: { notIn: exact.map((p) => p.id) } },
      select: { id: true },
      orderBy: { name: 'asc' },
      take: limit - exact.length,
    });
    return this.#products.byIds([...exact, ...byName].map((p) => p.id)).map(toProductView);
  }

  /** Product by barcode (EAN/UPC normalised). */
  async byBarcode(raw: string): Promise<ProductView | null> {
    const row = this.#products.byBarcode(normaliseBarcode(raw).code);
    return row ? toProductView(row) : null;
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
    const product = toProductView(row);
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
    const product = await this.byBarcode(text);
    if (product) return { type: 'product', product, code: normalised.code, quantityMilli: null, unitPrice: null };
    const customer = await this.customers.byCard(text);
    if (customer) return { type: 'customer', customer };
    const bySku = this.#products.bySku(text);
    if (bySku) return { type: 'product', product: toProductView(bySku), code: text, quantityMilli: null, unitPrice: null };
    throw notFound('not-found', `Nothing is known by the code ${text}`, [{ path: 'code', message: 'unknown code' }], { code: text });
  }
}
