import { mulDivRoundHalfUp } from '../../shared/money.ts';
import { readEmbeddedCode } from '../../shared/scanned-code.ts';
import { manualDiscountShareBp, priceCart } from '../../shared/pricing/engine.ts';
import type { CartLineInput, PricedCart } from '../../shared/pricing/types.ts';
import type { CreateSaleRequest, SaleView } from '../../shared/schemas/sales.ts';
import { localTimeIn } from '../../shared/time.ts';
import { newId } from '../../shared/ids.ts';
import type { AuthContext } from '../auth/context.ts';
import { authorise } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { IdempotentRequests, isUniqueViolation, requestFingerprint } from '../db/idempotent-requests.ts';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { AppError, badRequest, conflict, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { toPricingCustomer, type CustomerService } from '../customers/service.ts';
import type { PricingRules } from '../pricing/service.ts';
import { enqueuePrintJob } from '../devices/print-jobs.ts';
import type { PrintRouting } from '../devices/printing.ts';
import type { ScaleReadings } from '../devices/weighings.ts';
import { SaleDocumentStore } from './document-store.ts';
import { ProductRepository, refuseUnsellable } from '../catalog/repository.ts';
import { saleInclude, type SaleContext, type SaleRecord } from './records.ts';
import { toReceiptDocument, toSaleView } from './views.ts';
import { settleTenders } from './tenders.ts';
import { authoriseOnAccount } from '../invoicing/on-account.ts';
import { contractOn } from '../contracts/service.ts';
import { takesContractPrice } from '../../shared/pricing/contract-prices.ts';
import { LoyaltyLedger } from '../loyalty/ledger.ts';
import { StockLedger } from '../stock/ledger.ts';
import { PreOrderLedger } from '../preorders/deposits.ts';
import type { ProductRecord } from '../catalog/repository.ts';
import type { Unit } from '../../shared/schemas/common.ts';
import { codePriceWithinRules } from './code-prices.ts';

/** Gift cards and deposits are sold one per line at the amount typed, without price changes or discounts. */
function oneAtItsAmount(line: CreateSaleRequest['lines'][number], field: (name: string) => string, code: ErrorCode, message: string, one: string): void {
  if (line.quantityMilli !== 1000 || line.scannedCode || line.priceOverride || line.manualDiscount) {
    throw badRequest(code, message, [{ path: field('quantityMilli'), message: one }]);
  }
}

/** A gift card line's price is the amount loaded on the card; only gift-card products take one. */
function giftCardPrice(product: ProductRecord, line: CreateSaleRequest['lines'][number], field: (name: string) => string): number {
  if (product.kind !== 'gift-card') throw badRequest('not-a-gift-card', `${product.name} is not a gift card`, [{ path: field('giftCard'), message: 'only for gift-card products' }], { name: product.name });
  if (!line.giftCard) throw badRequest('gift-card-required', 'Scan the gift card being sold and enter its amount', [{ path: field('giftCard'), message: 'required for a gift card' }]);
  oneAtItsAmount(line, field, 'invalid-gift-card-line', 'A gift card is sold one per line, at its amount, without discounts', 'must be one card');
  return line.giftCard.amount;
}

/** A deposit line's price is the amount taken for the pre-order; only the deposit product takes one. */
function depositPrice(product: ProductRecord, line: CreateSaleRequest['lines'][number], field: (name: string) => string): number {
  if (product.kind !== 'deposit' || !line.deposit) throw badRequest('invalid-deposit-line', 'A deposit is taken with the deposit product and the pre-order it is for', [{ path: field('deposit'), message: 'deposit product with its pre-order' }]);
  oneAtItsAmount(line, field, 'invalid-deposit-line', 'A deposit is one line, at its amount, without discounts', 'must be one');
  return line.deposit.amount;
}

const pad4 = (n: number) => String(n).padStart(4, '0');

/** Goods and services take discounts and fix a cost on the line; gift cards and deposits are money held. */
const takesDiscounts = (product: ProductRecord) => product.kind === 'goods' || product.kind === 'service';

/** Sales: price as the authority, commit in one transaction, queue the receipt and the drawer. */
export class SalesService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly customers: CustomerService,
    private readonly rules: PricingRules,
    private readonly printing: PrintRouting,
    private readonly readings: ScaleReadings,
  ) {
    this.documents = new SaleDocumentStore(db);
    this.loyalty = new LoyaltyLedger(db);
    this.stock = new StockLedger(db);
    this.preOrders = new PreOrderLedger(db);
    this.products = new ProductRepository(db, outlet.id, outlet.settings);
    this.requests = new IdempotentRequests(db);
  }

  private readonly documents: SaleDocumentStore;
  private readonly loyalty: LoyaltyLedger;
  private readonly stock: StockLedger;
  private readonly preOrders: PreOrderLedger;
  private readonly products: ProductRepository;
  private readonly requests: IdempotentRequests;

  /** Prices the requested cart from the catalogue as it is at the sale's moment; throws naming the field at fault. */
  async #priceRequest(req: CreateSaleRequest, at: Date): Promise<{
    priced: PricedCart;
    inputs: CartLineInput[];
    listPrices: Map<string, number>;
    /** Average cost per unit of each product now: fixed on the sale's lines for margin reports. */
    costs: Map<string, number>;
    customerName: string | null;
    customerCard: string | null;
    pointsEarnBp: number;
    /** Gift cards and deposits: no stock, no points earned on them, deposits kept out of sales figures. */
    nonGoods: Map<string, 'gift-card' | 'deposit'>;
    /** Products that move no stock: services, gift cards, deposits. */
    unstocked: Set<string>;
    /** Per cart line id: the unit price read from its scanned code, and whether it stands on its own. */
    codePrices: Map<string, { unitPrice: number; withinRules: boolean }>;
  }> {
    const codePrices = new Map<string, { unitPrice: number; withinRules: boolean }>();
    const collecting = req.preOrderId ? this.#collecting(req) : null;
    const productIds = [...new Set(req.lines.map((l) => l.productId))];
    const products = this.products.byIds(productIds, at);
    const byId = new Map(products.map((p) => [p.id, p]));
    const contract = req.customerId ? await contractOn(this.db, req.customerId, localTimeIn(this.outlet.view.timezone, at).slice(0, 10)) : null;
    const inputs: CartLineInput[] = req.lines.map((line, i) => {
      const field = (name: string) => `lines.${i}.${name}`;
      const product = byId.get(line.productId);
      if (!product) throw notFound('product-not-found', `Unknown product ${line.productId}`, [{ path: field('productId'), message: 'unknown product' }]);
      refuseUnsellable(product, field('productId'));
      // The customer's contract price (shared/pricing/contract-prices.ts says which lines take it).
      const byContract = takesContractPrice(line) ? contract?.prices.get(product.id) : undefined;
      let unitPrice = byContract ?? product.price;
      if (line.scannedCode) {
        const embedded = readEmbeddedCode(line.scannedCode, this.outlet.settings.inStoreLayouts);
        const belongs = embedded && !('error' in embedded) && (embedded.source === 'in-store' ? embedded.plu === product.plu : product.barcodes.includes(embedded.gtin));
        if (!belongs) {
          throw badRequest('invalid-scanned-code', `The scanned code does not belong to ${product.name}`, [{ path: field('scannedCode'), message: 'does not match the product' }], { name: product.name });
        }
        const grams = product.unit === 'kg' ? embedded.grams : null;
        if (grams !== null && grams !== line.quantityMilli) {
          throw badRequest('invalid-quantity', 'The weight differs from the weighed code', [{ path: field('quantityMilli'), message: `must be ${grams}` }], { variant: 'weighed-code', weightMilli: grams, unit: 'kg' });
        }
        if (embedded.price !== null) {
          if (grams === null && line.quantityMilli !== 1000) {
            throw badRequest('invalid-quantity', 'A price-labelled item is one piece', [{ path: field('quantityMilli'), message: 'must be 1000' }], { variant: 'price-labelled' });
          }
          // The label's price is for the whole item: per kg it is price ÷ weight.
          unitPrice = grams === null ? embedded.price : mulDivRoundHalfUp(embedded.price, 1000, grams);
          codePrices.set(line.lineId, { unitPrice, withinRules: codePriceWithinRules(product, embedded.price, grams, this.outlet.settings.codePriceMaxBelowBp) });
        }
      }
      if (line.priceOverride) {
        if (line.scannedCode) {
          throw badRequest('invalid-price-override', 'A price-labelled or weighed code carries its own price', [{ path: field('priceOverride'), message: 'not with a scanned code' }]);
        }
        unitPrice = line.priceOverride.unitPrice;
      }
      if (product.kind === 'gift-card' || line.giftCard) unitPrice = giftCardPrice(product, line, field);
      if (product.kind === 'deposit' || line.deposit) unitPrice = depositPrice(product, line, field);
      const agreed = collecting?.get(line.preOrderLineId ?? '');
      if (line.preOrderLineId) {
        if (!agreed) throw badRequest('pre-order-line-not-found', 'That line is not on the pre-order being collected', [{ path: field('preOrderLineId'), message: 'not on the pre-order' }]);
        if (agreed.productId !== product.id || agreed.quantityMilli !== line.quantityMilli || line.scannedCode || line.priceOverride || line.manualDiscount) {
          throw badRequest('pre-order-line-changed', `${product.name} is collected as ordered: the same product and quantity, at the agreed price`, [{ path: field('quantityMilli'), message: `must be ${agreed.quantityMilli}` }], { name: product.name });
        }
        unitPrice = agreed.unitPrice;
      }
      if (product.unit === 'piece' && line.quantityMilli % 1000 !== 0 && !line.scannedCode) {
        throw badRequest('invalid-quantity', `${product.name} is sold by the piece, not by weight`, [{ path: field('quantityMilli'), message: 'whole pieces only' }], { name: product.name });
      }
      return {
        lineId: line.lineId,
        productId: product.id,
        name: product.name,
        unit: product.unit as Unit,
        quantityMilli: line.quantityMilli,
        unitPrice,
        taxRateBp: product.taxRateBp,
        floorUnitPrice: !takesDiscounts(product) || agreed || byContract !== undefined ? null : product.floorPrice,
        categoryId: product.categoryId,
        // The agreed price of a pre-order or a contract is final: no further discounts on its lines.
        discountable: product.discountable && takesDiscounts(product) && !agreed && byContract === undefined,
        manualDiscount: line.manualDiscount
          ? line.manualDiscount.kind === 'percent'
            ? { kind: 'percent', valueBp: line.manualDiscount.valueBp, reason: line.manualDiscount.reason }
            : { kind: 'amount', amount: line.manualDiscount.amount, reason: line.manualDiscount.reason }
          : null,
      };
    });
    for (const [i, t] of req.tenders.entries()) {
      if (t.method === 'points' && !req.customerId) {
        throw badRequest('points-need-customer', 'Points can pay only for a sale to the customer who holds them', [{ path: `tenders.${i}.method`, message: 'no customer on the sale' }]);
      }
    }
    const lineIds = new Set(inputs.map((l) => l.lineId));
    if (lineIds.size !== inputs.length) throw badRequest('duplicate-line', 'Two lines share one lineId', [{ path: 'lines', message: 'duplicate lineId' }]);

    let customer = null;
    if (req.customerId) {
      customer = await this.customers.byId(req.customerId);
      if (!customer) throw notFound('customer-not-found', 'Unknown customer', [{ path: 'customerId', message: 'unknown customer' }]);
    }
    const rd = req.receiptDiscount;
    const priced = priceCart({
      lines: inputs,
      customer: customer ? toPricingCustomer(customer) : null,
      rules: await this.rules.active(),
      combination: this.outlet.settings.discountCombination,
      receiptDiscount: rd ? (rd.kind === 'percent' ? { kind: 'percent', valueBp: rd.valueBp, reason: rd.reason } : { kind: 'amount', amount: rd.amount, reason: rd.reason }) : null,
      localTime: localTimeIn(this.outlet.view.timezone, at),
    });
    return {
      priced,
      inputs,
      listPrices: new Map(products.map((p) => [p.id, p.price])),
      costs: new Map(products.map((p) => [p.id, takesDiscounts(p) ? p.cost : 0])),
      customerName: customer?.name ?? null,
      customerCard: customer?.cards[0] ?? null,
      pointsEarnBp: customer?.pointsEarnBp ?? 0,
      nonGoods: new Map(products.flatMap((p) => (p.kind === 'gift-card' || p.kind === 'deposit' ? [[p.id, p.kind] as const] : []))),
      unstocked: new Set(products.filter((p) => p.kind !== 'goods').map((p) => p.id)),
      codePrices,
    };
  }

  /**
   * What each line would cost the customer per unit if sold now: list prices, their category and
   * personal discount, and the rules running now (as the register shows it). Pre-orders agreed
   * below this need the price-override right or an approval.
   */
  async currentUnitPrices(customerId: string, lines: { productId: string; quantityMilli: number }[]): Promise<number[]> {
    const byId = new Map(this.products.byIds([...new Set(lines.map((l) => l.productId))]).map((p) => [p.id, p]));
    const customer = await this.customers.byId(customerId);
    const inputs: CartLineInput[] = lines.map((line, i) => {
      const product = byId.get(line.productId)!;
      return {
        lineId: String(i),
        productId: product.id,
        name: product.name,
        unit: product.unit as Unit,
        quantityMilli: line.quantityMilli,
        unitPrice: product.price,
        taxRateBp: product.taxRateBp,
        floorUnitPrice: !takesDiscounts(product) ? null : product.floorPrice,
        categoryId: product.categoryId,
        discountable: product.discountable && takesDiscounts(product),
        manualDiscount: null,
      };
    });
    const priced = priceCart({
      lines: inputs,
      customer: customer ? toPricingCustomer(customer) : null,
      rules: await this.rules.active(),
      combination: this.outlet.settings.discountCombination,
      receiptDiscount: null,
      localTime: localTimeIn(this.outlet.view.timezone),
    });
    return priced.lines.map((l, i) => mulDivRoundHalfUp(l.amount, 1000, lines[i].quantityMilli));
  }

  /** The agreed lines of the arrived pre-order this sale collects, each of which must be on the sale. */
  #collecting(req: CreateSaleRequest): Map<string, { productId: string | null; quantityMilli: number; unitPrice: number }> {
    const order = this.preOrders.find(req.preOrderId!);
    if (!order) throw notFound('pre-order-not-found', 'Unknown pre-order', [{ path: 'preOrderId', message: 'unknown pre-order' }]);
    if (order.status !== 'arrived') throw new AppError(409, 'pre-order-not-arrived', `Pre-order ${order.number} is ${order.status}: only arrived orders are collected`, [{ path: 'preOrderId', message: order.status }], { number: order.number, status: order.status });
    if (order.customerId !== req.customerId) throw badRequest('pre-order-customer', `Pre-order ${order.number} is collected by its own customer`, [{ path: 'customerId', message: "must be the pre-order's customer" }], { number: order.number });
    const lines = this.preOrders.lines(order.id);
    const onSale = new Set(req.lines.map((l) => l.preOrderLineId));
    const missing = lines.findIndex((l) => !onSale.has(l.id));
    if (missing >= 0) throw badRequest('pre-order-incomplete', `Every line of pre-order ${order.number} is collected together`, [{ path: 'lines', message: `pre-order line ${missing + 1} missing` }], { number: order.number });
    if (req.lines.filter((l) => l.preOrderLineId).length !== lines.length) throw badRequest('duplicate-line', 'A pre-order line is on the sale twice', [{ path: 'lines', message: 'duplicate preOrderLineId' }]);
    return new Map(lines.map((l) => [l.id, l]));
  }

  async create(auth: AuthContext, registerId: string, req: CreateSaleRequest): Promise<{ view: SaleView; replayed: boolean }> {
    // The sale is its register, customer, lines and total; tenders are left out, because a retry
    // after a lost answer has the cash counted and typed again (and gets the payments as stored).
    const { tenders: _retyped, ...cart } = req;
    const fingerprint = requestFingerprint({ kind: 'sale', registerId, request: cart });
    const replay = () => this.requests.isReplay('sale', req.id, fingerprint, () => this.documents.exists(req.id), 'sale');
    if (await replay()) return { view: await this.view(req.id), replayed: true };

    // The sale's moment: it is priced by the prices in force then, and dated by it.
    const at = new Date();
    const { priced, inputs, listPrices, costs, customerName, customerCard, pointsEarnBp, nonGoods, unstocked, codePrices } = await this.#priceRequest(req, at);
    if (priced.total !== req.expectedTotal) {
      throw badRequest('total-mismatch', `The register showed ${req.expectedTotal} but the price is ${priced.total}`, [{ path: 'expectedTotal', message: 'differs from the server price' }], {
        serverTotal: priced.total,
        expectedTotal: req.expectedTotal,
      });
    }
    const payments = settleTenders(priced.total, req.tenders);

    const shift = this.documents.openShift(registerId);
    if (!shift) throw conflict('no-open-shift', 'Open a shift before selling');
    this.readings.check(shift.registerCode, req.lines.map((l, i) => ({ ...l, unit: inputs[i].unit, name: inputs[i].name, weighedElsewhere: !!(l.scannedCode || l.preOrderLineId) })));

    const saleId = req.id;
    const receiptPrinter = this.printing.receiptPrinterFor(registerId);
    const paidCash = payments.some((p) => p.method === 'cash');
    let printJob: { id: string; status: string } | null = null;
    let points: SaleContext['points'] = null;

    let record: SaleRecord;
    try {
      record = await this.db.$transaction(async (tx) => {
        const approvals = await this.#authoriseManualActs(tx, auth, req, priced, codePrices);
        await authoriseOnAccount(tx, auth, this.outlet.id, req, payments);
        this.#refuseBeyondStock(inputs, unstocked, req.preOrderId ?? null);
        const seq = this.documents.nextReceiptSeq(shift.id);
        const number = `${shift.registerCode}-${pad4(shift.number)}-${pad4(seq)}`;
        const createdAt = at;
        const lines = inputs.map((input, i) => {
          const p = priced.lines[i];
          return {
            id: newId(),
            saleId,
            lineNo: i + 1,
            productId: input.productId,
            name: input.name,
            unit: input.unit,
            quantityMilli: input.quantityMilli,
            unitPrice: input.unitPrice,
            grossAmount: p.grossAmount,
            discountAmount: p.discountAmount,
            amount: p.amount,
            taxRateBp: p.taxRateBp,
            taxAmount: p.taxAmount,
            costAmount: Math.round((input.quantityMilli * (costs.get(input.productId) ?? 0)) / 1000),
            originalLineId: null,
            kind: nonGoods.get(input.productId) ?? 'goods',
          };
        });
        const lineIdByCartLine = new Map(inputs.map((input, i) => [input.lineId, lines[i].id]));
        const discounts = priced.lines.flatMap((pl) =>
          pl.discounts.map((d) => ({
            id: newId(),
            saleId,
            lineId: lineIdByCartLine.get(pl.lineId)!,
            source: d.source,
            ruleId: d.ruleId ?? null,
            reason: d.reason,
            amount: d.amount,
            approvedById: d.source === 'manual' ? approvals.discounts.get(pl.lineId) ?? approvals.discounts.get('receipt') ?? null : null,
          })),
        );
        const paymentRows = payments.map((p) => ({ id: newId(), saleId, ...p }));
        const sale = {
          id: saleId,
          idempotencyKey: req.id,
          outletId: this.outlet.id,
          registerId,
          shiftId: shift.id,
          kind: 'sale',
          number,
          seq,
          originalSaleId: null,
          customerId: req.customerId ?? null,
          cashierId: auth.userId,
          subtotal: priced.subtotal,
          discountTotal: priced.discountTotal,
          total: priced.total,
          taxTotal: priced.taxTotal,
          createdAt,
        };
        const saleRecord: SaleRecord = { ...sale, lines, discounts, payments: paymentRows };
        this.requests.record('sale', saleId, fingerprint, 'sale');
        this.documents.insert(saleRecord);
        const goods = lines.filter((l) => !unstocked.has(l.productId));
        this.stock.post(this.outlet.id, 'sale', saleId, goods.map((l) => ({ productId: l.productId, quantityMilli: -l.quantityMilli })), createdAt);
        points = this.#settleLoyalty(auth, req, saleRecord, pointsEarnBp, nonGoods);
        this.#settlePreOrders(req, saleRecord);
        this.documents.addToOutbox(saleRecord);
        this.documents.addToDailySales(saleRecord, localTimeIn(this.outlet.view.timezone, createdAt).slice(0, 10));
        for (const [i, line] of req.lines.entries()) {
          const fromCode = codePrices.get(line.lineId);
          if (fromCode) {
            await writeAudit(tx, {
              outletId: this.outlet.id,
              userId: auth.userId,
              approvedById: approvals.codePrices.get(line.lineId) ?? null,
              action: 'code-price',
              entityType: 'sale',
              entityId: saleId,
              details: { number, lineId: lines[i].id, productId: line.productId, code: line.scannedCode, listPrice: listPrices.get(line.productId), unitPrice: fromCode.unitPrice, withinRules: fromCode.withinRules },
            });
          }
          if (!line.priceOverride) continue;
          await writeAudit(tx, {
            outletId: this.outlet.id,
            userId: auth.userId,
            approvedById: approvals.priceOverrides.get(line.lineId) ?? null,
            action: 'price-override',
            entityType: 'sale',
            entityId: saleId,
            details: { number, lineId: lines[i].id, productId: line.productId, listPrice: listPrices.get(line.productId), unitPrice: line.priceOverride.unitPrice, reason: line.priceOverride.reason },
          });
        }
        for (const d of discounts.filter((x) => x.source === 'manual')) {
          await writeAudit(tx, {
            outletId: this.outlet.id,
            userId: auth.userId,
            approvedById: d.approvedById,
            action: 'manual-discount',
            entityType: 'sale',
            entityId: saleId,
            details: { number, lineId: d.lineId, reason: d.reason, amount: d.amount },
          });
        }
        if (receiptPrinter) {
          // The drawer job goes first so the drawer opens while the receipt prints.
          if (paidCash && this.printing.hasDrawer(registerId)) {
            await enqueuePrintJob(this.db, { deviceId: receiptPrinter, kind: 'drawer', documentId: saleId, document: { type: 'drawer' } });
          }
          const ctx = this.#context(auth.userName, shift.registerCode, req.customerId ? { id: req.customerId, name: customerName!, card: customerCard } : null, points);
          printJob = await enqueuePrintJob(this.db, {
            deviceId: receiptPrinter,
            kind: 'receipt',
            documentId: saleId,
            document: toReceiptDocument(saleRecord, ctx, this.outlet, { copy: false, locale: auth.locale ?? this.outlet.view.locale }),
          });
        }
        return saleRecord;
      });
    } catch (err) {
      // Two submits of one sale racing each other: the second finds the first (or differs from it).
      if (isUniqueViolation(err) && (await replay())) return { view: await this.view(req.id), replayed: true };
      throw err;
    }
    if (receiptPrinter) this.printing.notify(receiptPrinter);
    const ctx = this.#context(auth.userName, shift.registerCode, req.customerId ? { id: req.customerId, name: customerName!, card: customerCard } : null, points);
    return { view: toSaleView(record, ctx, printJob), replayed: false };
  }

  /**
   * Read in the sale's transaction. Goods held for other customers' arrived pre-orders are not
   * sold; with negative stock not allowed, a sale takes at most what the books hold.
   */
  #refuseBeyondStock(lines: CartLineInput[], unstocked: Set<string>, collecting: string | null): void {
    const wanted = new Map<string, number>();
    for (const line of lines) if (!unstocked.has(line.productId)) wanted.set(line.productId, (wanted.get(line.productId) ?? 0) + line.quantityMilli);
    const reserved = this.preOrders.reserved(this.outlet.id, [...wanted.keys()], collecting);
    if (!reserved.size && this.outlet.settings.allowNegativeStock) return;
    for (const [i, line] of lines.entries()) {
      const want = wanted.get(line.productId);
      if (want === undefined) continue;
      const onHand = this.stock.onHand(this.outlet.id, line.productId);
      const held = reserved.get(line.productId) ?? 0;
      if (held > 0 && want > onHand - held) {
        const free = Math.max(0, onHand - held);
        throw new AppError(409, 'reserved-stock', `Only ${free / 1000} of ${line.name} free: ${held / 1000} kept for customers' pre-orders`, [{ path: `lines.${i}.quantityMilli`, message: `at most ${free}` }], { onHandMilli: onHand, reservedMilli: held, freeMilli: free, name: line.name, unit: line.unit });
      }
      if (!this.outlet.settings.allowNegativeStock && want > onHand) {
        throw new AppError(409, 'insufficient-stock', `Only ${Math.max(0, onHand) / 1000} of ${line.name} in stock`, [{ path: `lines.${i}.quantityMilli`, message: `at most ${Math.max(0, onHand)}` }], { onHandMilli: Math.max(0, onHand), name: line.name, unit: line.unit });
      }
    }
  }

  /** Deposits taken on the sale, and the pre-order it collects paid in part by its deposit. */
  #settlePreOrders(req: CreateSaleRequest, sale: SaleRecord): void {
    for (const [i, line] of req.lines.entries()) {
      if (line.deposit) this.preOrders.takeDeposit(line.deposit.preOrderId, req.customerId ?? null, line.deposit.amount, sale.id, sale.createdAt, `lines.${i}.deposit.preOrderId`);
    }
    const depositTenders = req.tenders.map((t, i) => ({ t, i })).filter(({ t }) => t.method === 'deposit');
    if (!req.preOrderId) {
      if (depositTenders.length) throw badRequest('deposit-without-pre-order', 'A deposit pays only for the pre-order it was taken for', [{ path: `tenders.${depositTenders[0].i}.method`, message: 'no pre-order collected' }]);
      return;
    }
    const order = this.preOrders.find(req.preOrderId);
    if (order?.status !== 'arrived') throw conflict('pre-order-not-arrived', `Pre-order ${order?.number ?? ''} was collected or cancelled meanwhile`, { variant: 'meanwhile', number: order?.number });
    const held = this.preOrders.held(req.preOrderId);
    const used = depositTenders.reduce((s, { t }) => s + t.amount, 0);
    const due = Math.min(held, sale.total);
    if (depositTenders.some(({ t }) => t.reference !== req.preOrderId) || used !== due) {
      throw badRequest('deposit-tender', `The pre-order's deposit pays ${due} of this sale`, [{ path: 'tenders', message: `deposit tender must be ${due}` }], { depositHeld: held, due });
    }
    this.preOrders.collect(req.preOrderId, sale.id, used, sale.createdAt);
  }

  #context(cashierName: string, registerCode: string, customer: SaleContext['customer'], points: SaleContext['points']): SaleContext {
    return { cashierName, registerCode, customer, originalNumber: null, returnedMilli: new Map(), points };
  }

  /**
   * Inside the sale's transaction: loads the gift cards sold, debits points and gift cards used as
   * tenders, and credits the points earned. Points are earned on what was paid for goods with money
   * (not on gift cards sold, not on what points paid); a gift card's money earns when it is spent.
   */
  #settleLoyalty(auth: AuthContext, req: CreateSaleRequest, sale: SaleRecord, pointsEarnBp: number, nonGoods: Map<string, string>): SaleContext['points'] {
    const at = sale.createdAt;
    for (const [i, line] of req.lines.entries()) {
      if (!line.giftCard) continue;
      this.loyalty.issueGiftCard(
        { code: line.giftCard.code, amount: line.giftCard.amount, soldInSaleId: sale.id, issuedById: auth.userId, customerId: req.customerId ?? null, note: '' },
        at,
        `lines.${i}.giftCard.code`,
      );
    }
    for (const [i, t] of req.tenders.entries()) {
      if (t.method === 'points') this.loyalty.redeemPoints(req.customerId!, t.amount, sale.id, at, `tenders.${i}.amount`);
      if (t.method === 'gift-card') this.loyalty.redeemGiftCard(t.reference!, t.amount, sale.id, at, `tenders.${i}.reference`);
    }
    const paidByPoints = sale.payments.filter((p) => p.method === 'points').reduce((s, p) => s + p.amount, 0);
    // Customers outside the points programme get no points lines on the receipt (and no balance query).
    if (!sale.customerId || (pointsEarnBp === 0 && paidByPoints === 0)) return null;
    // Gift cards earn when spent, deposits when the goods are collected.
    const notGoods = sale.lines.filter((l) => nonGoods.has(l.productId)).reduce((s, l) => s + l.amount, 0);
    const earned = Math.floor((Math.max(0, sale.total - paidByPoints - notGoods) * pointsEarnBp) / 10_000);
    this.loyalty.postPoints(sale.customerId, 'earn', earned, sale.id, at);
    return { earned, balance: this.loyalty.pointsBalance(sale.customerId) };
  }

  /**
   * Checks the right to each manual discount, price override and price from a code beyond the
   * owner's rules, each bound to this sale and its line. Returns, per cart line id ('receipt' for
   * the receipt discount), who approved it (null when the cashier had the right).
   */
  async #authoriseManualActs(tx: Tx, auth: AuthContext, req: CreateSaleRequest, priced: PricedCart, codePrices: Map<string, { unitPrice: number; withinRules: boolean }>) {
    const discounts = new Map<string, string | null>();
    const priceOverrides = new Map<string, string | null>();
    const fromCodes = new Map<string, string | null>();
    const documentId = req.id;
    for (const [i, line] of req.lines.entries()) {
      const { lineId } = line;
      if (line.priceOverride) {
        const act = { action: 'price-override', documentId, lineId, amount: line.priceOverride.unitPrice } as const;
        priceOverrides.set(lineId, await authorise(tx, auth, act, line.priceOverride.approvalId, `lines.${i}.priceOverride.approvalId`));
      }
      const fromCode = codePrices.get(lineId);
      if (fromCode && !fromCode.withinRules) {
        const act = { action: 'price-override', documentId, lineId, amount: fromCode.unitPrice } as const;
        fromCodes.set(lineId, await authorise(tx, auth, act, line.codePriceApprovalId, `lines.${i}.codePriceApprovalId`));
      }
      if (line.manualDiscount) {
        const act = { action: 'manual-discount', documentId, lineId, valueBp: manualDiscountShareBp(line.manualDiscount, priced.lines[i].grossAmount) } as const;
        discounts.set(lineId, await authorise(tx, auth, act, line.manualDiscount.approvalId, `lines.${i}.manualDiscount.approvalId`));
      }
    }
    if (req.receiptDiscount) {
      const act = { action: 'manual-discount', documentId, valueBp: manualDiscountShareBp(req.receiptDiscount, priced.subtotal) } as const;
      discounts.set('receipt', await authorise(tx, auth, act, req.receiptDiscount.approvalId, 'receiptDiscount.approvalId'));
    }
    return { discounts, priceOverrides, codePrices: fromCodes };
  }

  /** Points lines for a stored document: only when it moved points or the customer holds some. */
  #pointsOf(sale: { id: string; customerId: string | null }): SaleContext['points'] {
    if (!sale.customerId) return null;
    const earned = this.loyalty.pointsOfDocument(sale.id);
    const balance = this.loyalty.pointsBalance(sale.customerId);
    return earned === 0 && balance === 0 ? null : { earned, balance };
  }

  /** Everything a view or a receipt of a stored sale needs. */
  async load(id: string): Promise<{ sale: SaleRecord; ctx: SaleContext } | null> {
    const sale = await this.db.sale.findUnique({ where: { id }, include: saleInclude });
    if (!sale) return null;
    const [cashier, register, customer, original, returned] = await Promise.all([
      this.db.user.findUnique({ where: { id: sale.cashierId }, select: { name: true } }),
      this.db.register.findUnique({ where: { id: sale.registerId }, select: { code: true } }),
      sale.customerId ? this.customers.byId(sale.customerId) : null,
      sale.originalSaleId ? this.db.sale.findUnique({ where: { id: sale.originalSaleId }, select: { number: true } }) : null,
      sale.kind === 'sale'
        ? this.db.saleLine.groupBy({ by: ['originalLineId'], where: { originalLineId: { in: sale.lines.map((l) => l.id) } }, _sum: { quantityMilli: true } })
        : [],
    ]);
    return {
      sale,
      ctx: {
        cashierName: cashier?.name ?? '?',
        registerCode: register?.code ?? '?',
        customer: customer ? { id: customer.id, name: customer.name, card: customer.cards[0] ?? null } : null,
        originalNumber: original?.number ?? null,
        returnedMilli: new Map(returned.map((r) => [r.originalLineId!, r._sum.quantityMilli ?? 0])),
        points: this.#pointsOf(sale),
      },
    };
  }

  async view(id: string): Promise<SaleView> {
    const loaded = await this.load(id);
    if (!loaded) throw notFound('sale-not-found', 'No such sale');
    const job = await this.db.printJob.findFirst({ where: { documentId: id, kind: 'receipt' }, orderBy: { createdAt: 'desc' }, select: { id: true, status: true } });
    return toSaleView(loaded.sale, loaded.ctx, job);
  }

  async byNumber(number: string): Promise<SaleView> {
    const sale = await this.db.sale.findUnique({ where: { outletId_number: { outletId: this.outlet.id, number } }, select: { id: true } });
    if (!sale) throw notFound('sale-not-found', `No receipt ${number}`, [{ path: 'number', message: 'unknown receipt' }], { number });
    return this.view(sale.id);
  }

  async last(registerId: string): Promise<SaleView> {
    const sale = await this.db.sale.findFirst({ where: { registerId }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    if (!sale) throw notFound('sale-not-found', 'No sale yet at this register');
    return this.view(sale.id);
  }

  /** Prints a stored sale again, marked COPY. */
  async reprint(auth: AuthContext, registerId: string, id: string): Promise<{ printJob: { id: string; status: string } | null }> {
    const loaded = await this.load(id);
    if (!loaded) throw notFound('sale-not-found', 'No such sale');
    const printer = this.printing.receiptPrinterFor(registerId);
    if (!printer) throw new AppError(409, 'no-printer', 'No receipt printer is configured for this register');
    const job = await this.db.$transaction(async (tx) => {
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'reprint', entityType: 'sale', entityId: id, details: { number: loaded.sale.number } });
      return enqueuePrintJob(this.db, {
        deviceId: printer,
        kind: 'receipt',
        documentId: id,
        copy: true,
        document: toReceiptDocument(loaded.sale, loaded.ctx, this.outlet, { copy: true, locale: auth.locale ?? this.outlet.view.locale }),
      });
    });
    this.printing.notify(printer);
    return { printJob: job };
  }
}

