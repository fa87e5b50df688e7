import type { Api } from '../../../shared/api-client.ts';
import { newId } from '../../../shared/ids.ts';
import { manualDiscountShareBp, priceCart } from '../../../shared/pricing/engine.ts';
import { takesContractPrice } from '../../../shared/pricing/contract-prices.ts';
import type { DiscountRule, ManualDiscount, PricedCart, PricedLine } from '../../../shared/pricing/types.ts';
import type { ProductView, ScanResult } from '../../../shared/schemas/catalog.ts';
import type { CustomerView } from '../../../shared/schemas/customers.ts';
import type { CartDraft } from '../../../shared/schemas/parked.ts';
import type { PricingContext } from '../../../shared/schemas/pricing.ts';
import { localTimeIn } from '../../../shared/time.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import type { Approvals } from './approvals.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { Session } from './session.svelte.ts';

export type CartLine = CartDraft['lines'][number];

export interface AddOptions {
  quantityMilli?: number;
  unitPrice?: number;
  scannedCode?: string;
  scaleTicket?: string;
  giftCard?: { code: string; amount: number };
}

/**
 * The sale being rung up: its lines, customer and manual discounts, priced by the shared pricing
 * function on every change (the server prices it again as the authority when it is paid).
 */
export class Cart {
  lines = $state<CartLine[]>([]);
  customer = $state<CustomerView | null>(null);
  receiptDiscount = $state<(ManualDiscount & { approvalId?: string }) | null>(null);
  selectedLineId = $state<string | null>(null);
  /** The arrived pre-order this cart collects: its lines at the agreed prices, its deposit as a tender. */
  collecting = $state<{ id: string; number: string; depositHeld: number } | null>(null);
  /** Id and idempotency key of the sale being made; kept across retries, new after each sale. */
  saleId = $state(newId());
  context = $state<PricingContext | null>(null);
  /** Scans sent and not answered yet: the sale cannot be paid until their lines are in it. */
  scanning = $state(0);
  readonly priced: PricedCart = $derived.by(() => this.#keepUnchanged(this.#price()));
  /** The lines as last priced, by id: a line whose pricing did not change keeps its object. */
  #pricedBefore = new Map<string, { line: PricedLine; key: string }>();

  constructor(
    private readonly api: Api,
    session: Session,
    private readonly approvals: Approvals,
    private readonly notices: Notices,
  ) {
    session.onSignedIn(async () => {
      this.context = await this.api.get<PricingContext>('/api/pricing/context');
    });
    session.onSignedOut(() => this.clear());
  }

  get selectedLine(): CartLine | null {
    return this.lines.find((l) => l.lineId === this.selectedLineId) ?? this.lines[this.lines.length - 1] ?? null;
  }

  get empty(): boolean {
    return this.lines.length === 0;
  }

  #price(): PricedCart {
    const context = this.context;
    const contract = new Map((this.customer?.contractPrices ?? []).map((p) => [p.productId, p.unitPrice]));
    return priceCart({
      lines: this.lines.map((l) => {
        const byContract = takesContractPrice(l) ? contract.get(l.product.id) : undefined;
        return {
          lineId: l.lineId,
          productId: l.product.id,
          name: l.product.name,
          unit: l.product.unit,
          quantityMilli: l.quantityMilli,
          unitPrice: l.priceOverride?.unitPrice ?? byContract ?? l.unitPrice,
          taxRateBp: l.product.taxRateBp,
          floorUnitPrice: l.product.kind !== 'goods' || l.preOrderLineId || byContract !== undefined ? null : l.product.floorPrice,
          categoryId: l.product.categoryId,
          discountable: l.product.discountable && l.product.kind === 'goods' && !l.preOrderLineId && byContract === undefined,
          manualDiscount: l.manualDiscount ?? null,
        };
      }),
      customer: this.customer
        ? { id: this.customer.id, categoryCode: this.customer.categoryCode, categoryName: this.customer.categoryName, cumulativeSpend: this.customer.cumulativeSpend, categoryDiscountBp: this.customer.categoryDiscountBp, personalDiscountBp: this.customer.personalDiscountBp }
        : null,
      rules: (context?.rules ?? []) as DiscountRule[],
      receiptDiscount: this.receiptDiscount,
      combination: context?.combination,
      localTime: localTimeIn(context?.timezone ?? 'UTC'),
    });
  }

  /**
   * A scan adds one line, but the whole sale is priced again: lines priced as before keep their
   * objects, so what shows them (a cart row, its discounts) is not redrawn for nothing.
   */
  #keepUnchanged(priced: PricedCart): PricedCart {
    const before = this.#pricedBefore;
    this.#pricedBefore = new Map();
    const lines = priced.lines.map((line) => {
      const key = JSON.stringify(line);
      const kept = before.get(line.lineId);
      const same = kept?.key === key ? kept.line : line;
      this.#pricedBefore.set(line.lineId, { line: same, key });
      return same;
    });
    return { ...priced, lines };
  }

  /** Looks up whatever was scanned or typed with Enter, and puts a product or a customer in the sale. */
  async scan(code: string): Promise<ScanResult> {
    this.scanning++;
    let result: ScanResult;
    try {
      result = await this.api.get<ScanResult>(`/api/scan/${encodeURIComponent(code)}`);
    } finally {
      this.scanning--;
    }
    if (result.type === 'product') {
      this.add(result.product, {
        quantityMilli: result.quantityMilli ?? undefined,
        unitPrice: result.unitPrice ?? undefined,
        scannedCode: result.quantityMilli !== null || result.unitPrice !== null ? result.code : undefined,
      });
      if (result.expiredOn) this.notices.current = { kind: 'error', text: t('{name} expired on {date}: check the goods before selling', { name: result.product.name, date: i18n.date(`${result.expiredOn.slice(0, 10)}T12:00:00Z`) }) };
    } else if (result.type === 'customer') {
      this.attach(result.customer);
    }
    return result;
  }

  search(q: string): Promise<{ items: ProductView[] }> {
    return this.api.get(`/api/products/search?q=${encodeURIComponent(q)}&limit=12`);
  }

  searchCustomers(q: string): Promise<{ items: CustomerView[] }> {
    return this.api.get(`/api/customers/search?q=${encodeURIComponent(q)}&limit=10`);
  }

  /** Registers a customer at the till and attaches them to the sale. */
  async createCustomer(input: { name: string; phone: string | null; email: string | null; locale: string | null }): Promise<CustomerView> {
    const customer = await this.api.post<CustomerView>('/api/customers', input);
    this.attach(customer);
    return customer;
  }

  /** Changes the attached customer's phone, e-mail or language (the fields given). */
  async updateCustomerContact(id: string, input: { phone?: string; email?: string; locale?: string | null }): Promise<CustomerView> {
    const customer = await this.api.request<CustomerView>('PUT', `/api/customers/${id}/contact`, input);
    this.attach(customer);
    return customer;
  }

  attach(customer: CustomerView | null): void {
    this.customer = customer;
    if (customer) this.notices.info(t('Customer {name}', { name: customer.name }));
  }

  /** Adds an item; null when it needs more first: a weight or measure (kg, litre and metre items) or a card and amount (gift cards). The same piece item again adds to its line. */
  add(product: ProductView, options: AddOptions = {}): CartLine | null {
    if (product.unit !== 'piece' && options.quantityMilli === undefined) return null;
    if (product.kind === 'deposit') throw new Error(t('A deposit is taken from its pre-order (Shift+F4)'));
    if (product.kind === 'gift-card') {
      if (!options.giftCard) return null;
      if (this.lines.some((l) => l.giftCard?.code === options.giftCard!.code)) throw new Error(t('That gift card is already in the sale'));
      const line: CartLine = { lineId: newId(), product, quantityMilli: 1000, unitPrice: options.giftCard.amount, giftCard: options.giftCard };
      return this.#push(line, `${product.name} ${options.giftCard.code}`);
    }
    const existing = !options.scannedCode && product.unit === 'piece' ? this.lines.find((l) => l.product.id === product.id && !l.scannedCode && !l.manualDiscount && !l.priceOverride) : undefined;
    if (existing) {
      existing.quantityMilli += options.quantityMilli ?? 1000;
      this.selectedLineId = existing.lineId;
      return existing;
    }
    return this.#push(
      {
        lineId: newId(),
        product,
        quantityMilli: options.quantityMilli ?? 1000,
        unitPrice: options.unitPrice ?? product.price,
        ...(options.scannedCode ? { scannedCode: options.scannedCode } : {}),
        ...(options.scaleTicket ? { scaleTicket: options.scaleTicket } : {}),
      },
      product.name,
    );
  }

  #push(line: CartLine, name: string): CartLine {
    this.lines.push(line);
    this.selectedLineId = line.lineId;
    this.notices.info(t('Added {name}', { name }));
    return this.lines[this.lines.length - 1];
  }

  /** Puts lines the cart did not make itself (a deposit, a collected pre-order, a resumed sale). */
  fill(lines: CartLine[], customer: CustomerView | null, receiptDiscount: Cart['receiptDiscount'] = null): void {
    this.lines = lines;
    this.customer = customer;
    this.receiptDiscount = receiptDiscount;
    this.selectedLineId = lines[lines.length - 1]?.lineId ?? null;
  }

  /** A new quantity; a weighed line keeps the ticket of the scale reading it came from, if any. */
  setQuantity(lineId: string, quantityMilli: number, scaleTicket?: string): void {
    const line = this.lines.find((l) => l.lineId === lineId);
    if (!line) return;
    line.quantityMilli = quantityMilli;
    if (scaleTicket) line.scaleTicket = scaleTicket;
    else delete line.scaleTicket;
  }

  select(lineId: string): void {
    this.selectedLineId = lineId;
  }

  selectNext(step: 1 | -1): void {
    if (this.lines.length === 0) return;
    const index = this.lines.findIndex((l) => l.lineId === this.selectedLine?.lineId);
    const next = Math.min(this.lines.length - 1, Math.max(0, index + step));
    this.selectedLineId = this.lines[next].lineId;
  }

  /** Removes a line; the void (and who allowed it) goes to the audit log first. */
  async voidLine(lineId: string): Promise<void> {
    const line = this.lines.find((l) => l.lineId === lineId);
    if (!line) return;
    const amount = this.priced.lines.find((p) => p.lineId === lineId)?.amount ?? 0;
    const approvalId = await this.approvals.approvalFor({ action: 'void-line', documentId: this.saleId, lineId, amount });
    await this.api.post('/api/register/line-voids', { saleId: this.saleId, lineId, productId: line.product.id, name: line.product.name, quantityMilli: line.quantityMilli, amount, approvalId });
    this.lines = this.lines.filter((l) => l.lineId !== lineId);
    this.selectedLineId = this.lines[this.lines.length - 1]?.lineId ?? null;
  }

  async setLineDiscount(lineId: string, discount: ManualDiscount | null): Promise<void> {
    const line = this.lines.find((l) => l.lineId === lineId);
    if (!line) return;
    if (!discount) {
      delete line.manualDiscount;
      return;
    }
    const gross = this.priced.lines.find((p) => p.lineId === lineId)?.grossAmount ?? 0;
    const approvalId = await this.approvals.approvalFor({ action: 'manual-discount', documentId: this.saleId, lineId, valueBp: manualDiscountShareBp(discount, gross) });
    line.manualDiscount = { ...discount, ...(approvalId ? { approvalId } : {}) };
  }

  async setReceiptDiscount(discount: ManualDiscount | null): Promise<void> {
    if (!discount) {
      this.receiptDiscount = null;
      return;
    }
    const approvalId = await this.approvals.approvalFor({ action: 'manual-discount', documentId: this.saleId, valueBp: manualDiscountShareBp(discount, this.priced.subtotal) });
    this.receiptDiscount = { ...discount, ...(approvalId ? { approvalId } : {}) };
  }

  async overridePrice(lineId: string, unitPrice: number, reason: string): Promise<void> {
    const line = this.lines.find((l) => l.lineId === lineId);
    if (!line) return;
    const approvalId = await this.approvals.approvalFor({ action: 'price-override', documentId: this.saleId, lineId, amount: unitPrice });
    line.priceOverride = { unitPrice, reason, ...(approvalId ? { approvalId } : {}) };
  }

  /**
   * Refreshes what pricing depends on after the server priced differently: a rule changed, or the
   * customer's spend tier moved (a purchase at another register) since the card was scanned.
   */
  async refreshContext(): Promise<void> {
    this.context = await this.api.get<PricingContext>('/api/pricing/context');
    if (this.customer) this.customer = await this.api.get<CustomerView>(`/api/customers/${this.customer.id}`);
  }

  /** Makes sure the sale's customer is this one (a pre-order's). */
  async customerById(id: string): Promise<void> {
    if (this.customer?.id !== id) this.customer = await this.api.get<CustomerView>(`/api/customers/${id}`);
  }

  /** Puts an approval where the sale's refusal named it: `lines.2.codePriceApprovalId`, `receiptDiscount.approvalId`… */
  placeApproval(field: string, approvalId: string): boolean {
    const path = field.split('.');
    let target: Record<string, unknown> | undefined = { lines: this.lines, receiptDiscount: this.receiptDiscount } as Record<string, unknown>;
    for (const key of path.slice(0, -1)) target = target?.[key] as Record<string, unknown> | undefined;
    const key = path.at(-1)!;
    if (!target || (key !== 'approvalId' && key !== 'codePriceApprovalId')) return false;
    target[key] = approvalId;
    return true;
  }

  clear(): void {
    this.lines = [];
    this.customer = null;
    this.receiptDiscount = null;
    this.selectedLineId = null;
    this.collecting = null;
    this.saleId = newId();
  }
}
