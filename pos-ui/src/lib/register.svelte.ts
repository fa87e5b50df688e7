import { Api, ApiError } from '../../../shared/api-client.ts';
import { readEventStream } from '../../../shared/event-stream.ts';
import { currencyDigits, formatAmount } from '../../../shared/money.ts';
import { newId } from '../../../shared/ids.ts';
import { manualDiscountShareBp, priceCart } from '../../../shared/pricing/engine.ts';
import type { DiscountRule, ManualDiscount, PricedCart } from '../../../shared/pricing/types.ts';
import type { ApprovalResponse, LoginResponse } from '../../../shared/schemas/auth.ts';
import type { ProductView, ScanResult } from '../../../shared/schemas/catalog.ts';
import type { CustomerView } from '../../../shared/schemas/customers.ts';
import type { DeviceStatusView } from '../../../shared/schemas/devices.ts';
import type { CartDraft, ParkedSaleView } from '../../../shared/schemas/parked.ts';
import type { PricingContext } from '../../../shared/schemas/pricing.ts';
import type { PaymentMethod, SaleView } from '../../../shared/schemas/sales.ts';
import type { GiftCardBalance } from '../../../shared/schemas/loyalty.ts';
import type { PreOrderView } from '../../../shared/schemas/pre-orders.ts';
import type { ShiftReport, ShiftView } from '../../../shared/schemas/shifts.ts';
import { rightsCover, type BoundAct } from '../../../shared/permissions.ts';
import { localTimeIn } from '../../../shared/time.ts';
import { WeighingGuard, type ScaleReading } from '../../../shared/weighing.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { displayChannel, type DisplayState } from './customer-display.ts';

export type CartLine = CartDraft['lines'][number];
export type Tender = { method: PaymentMethod; amount: number; reference?: string };

interface PendingApproval {
  act: BoundAct;
  resolve: (approvalId: string) => void;
  reject: (reason: Error) => void;
}

/** The user closed a dialog that an action was waiting for. */
export class Cancelled extends Error {}

const SESSION_KEY = 'till.session';

/**
 * Everything the register screen shows and does: the signed-in cashier, the open shift, the cart
 * (priced by the shared pricing function on every change), payments, and the device status.
 */
export class RegisterState {
  readonly api = new Api();
  session = $state<LoginResponse | null>(null);
  shift = $state<ShiftView | null>(null);
  context = $state<PricingContext | null>(null);
  lines = $state<CartLine[]>([]);
  customer = $state<CustomerView | null>(null);
  receiptDiscount = $state<(ManualDiscount & { approvalId?: string }) | null>(null);
  selectedLineId = $state<string | null>(null);
  /** The arrived pre-order this cart collects: its lines at the agreed prices, its deposit as a tender. */
  collecting = $state<{ id: string; number: string; depositHeld: number } | null>(null);
  /** Id and idempotency key of the sale being paid; kept across retries, new after each sale. */
  saleId = $state(newId());
  devices = $state<DeviceStatusView[]>([]);
  lastSale = $state<SaleView | null>(null);
  /** A drawer kick after this register's cash sale that did not reach the printer. */
  drawerFailure = $state<{ jobId: string; saleId: string; error: string } | null>(null);
  notice = $state<{ kind: 'info' | 'error'; text: string } | null>(null);
  approval = $state<PendingApproval | null>(null);

  priced: PricedCart = $derived.by(() => this.#price());
  /** Set by the sell screen: codes from scanners the server reads (serial, HID) arrive here. */
  deviceScan: ((code: string) => void) | null = null;
  /** The last reading of this register's scale (live while it settles). */
  scaleReading = $state<ScaleReading | null>(null);
  readonly weighing = new WeighingGuard();
  #events: AbortController | null = null;
  #display: BroadcastChannel | null = null;
  /** After a sale, the customer display shows the change until the next item. */
  #paidForDisplay: DisplayState['paid'] = null;
  #savedForDisplay = 0;

  constructor() {
    this.api.onUnauthorised = () => this.#forget();
  }

  get selectedLine(): CartLine | null {
    return this.lines.find((l) => l.lineId === this.selectedLineId) ?? this.lines[this.lines.length - 1] ?? null;
  }

  // Session and shift

  async restore(): Promise<void> {
    const saved = sessionStorage.getItem(SESSION_KEY);
    if (!saved) return;
    const session = JSON.parse(saved) as LoginResponse;
    this.api.token = session.token;
    try {
      await this.api.get('/api/auth/session');
      await this.#start(session);
    } catch {
      this.#forget();
    }
  }

  async login(login: string, pin: string, registerCode: string): Promise<void> {
    const session = await this.api.post<LoginResponse>('/api/auth/login', { login, pin, registerCode });
    this.api.token = session.token;
    session.user.locale = await i18n.adoptAtSignIn(session.user.locale, (locale) => this.api.request('PUT', '/api/auth/locale', { locale }));
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    await this.#start(session);
  }

  async logout(): Promise<void> {
    try {
      await this.api.post('/api/auth/logout');
    } finally {
      this.#forget();
    }
  }

  async #start(session: LoginResponse): Promise<void> {
    i18n.currency = session.outlet.currency;
    i18n.timeZone = session.outlet.timezone;
    const [{ shift }, context] = await Promise.all([
      this.api.get<{ shift: ShiftView | null }>('/api/shifts/current'),
      this.api.get<PricingContext>('/api/pricing/context'),
    ]);
    this.shift = shift;
    this.context = context;
    this.session = session;
    void this.refreshDevices();
    void this.#listen();
    this.#display?.close();
    this.#display = displayChannel(session.register?.code ?? 'R1');
    // A display window opened later asks for the current state.
    this.#display.onmessage = () => this.publishDisplay();
  }

  /** Sends what the customer should see to the customer display window(s) of this register. */
  publishDisplay(): void {
    if (!this.#display || !this.session) return;
    const priced = this.priced;
    const amounts = new Map(priced.lines.map((l) => [l.lineId, l.amount]));
    const state: DisplayState = {
      locale: i18n.locale,
      currency: this.session.outlet.currency,
      shop: this.session.outlet.name,
      lines: this.lines.map((l) => ({ name: l.product.name, quantity: i18n.quantity(l.quantityMilli, l.product.unit), amount: amounts.get(l.lineId) ?? 0 })),
      total: priced.total,
      saved: this.lines.length ? priced.discountTotal : this.#savedForDisplay,
      customer: this.customer?.name ?? null,
      paid: this.lines.length ? null : this.#paidForDisplay,
    };
    this.#display.postMessage(JSON.parse(JSON.stringify(state)));
    this.#publishPole(state);
  }

  #poleText = '';

  /** The register's VFD pole display (driven by the server) shows the last item and the total, then the change. */
  #publishPole(state: DisplayState): void {
    const code = this.session?.register?.code;
    if (!this.devices.some((d) => d.kind === 'pole-display' && d.registerCode === code)) return;
    const plain = (minor: number) => formatAmount(minor, currencyDigits(state.currency));
    const last = state.lines[state.lines.length - 1];
    const [line1, line2] = state.paid
      ? [`${i18n.t('pay.change')} ${plain(state.paid.change)}`, state.shop]
      : last
        ? [`${last.name.slice(0, 13)} ${plain(last.amount)}`, `${i18n.t('sell.total')} ${plain(state.total)}`]
        : [state.shop, ''];
    const text = `${line1}\n${line2}`;
    if (text === this.#poleText) return;
    this.#poleText = text;
    void this.api.post('/api/devices/pole-display', { line1: line1.slice(0, 40), line2: line2.slice(0, 40) }).catch(() => {});
  }

  /** Follows the server's device events (scans from server-side scanners, status changes), reconnecting. */
  async #listen(): Promise<void> {
    this.#events?.abort();
    const abort = new AbortController();
    this.#events = abort;
    while (!abort.signal.aborted && this.api.token) {
      try {
        const res = await fetch('/api/devices/events', { headers: { authorization: `Bearer ${this.api.token}` }, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        await readEventStream(res.body, (event, data) => {
          if (event === 'scan') this.deviceScan?.((data as { code: string }).code);
          if (event === 'weight') this.#weighed(data as ScaleReading);
          if (event === 'status') void this.refreshDevices();
          if (event === 'drawer') this.#drawer(data as { jobId: string; saleId: string; opened: boolean; error: string | null });
        });
      } catch {
        // Server restarting or network gone: try again shortly.
      }
      if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, 3000));
    }
  }

  #drawer(event: { jobId: string; saleId: string; opened: boolean; error: string | null }): void {
    if (!event.opened) this.drawerFailure = { jobId: event.jobId, saleId: event.saleId, error: event.error ?? '' };
    else if (this.drawerFailure?.saleId === event.saleId) this.drawerFailure = null;
  }

  /** Sends the drawer kick that failed once more; the answer says whether it reached the printer. */
  async retryDrawer(): Promise<void> {
    const failure = this.drawerFailure;
    if (!failure) return;
    const job = await this.api.post<{ id: string; status: string; lastError: string | null }>(`/api/print-jobs/${failure.jobId}/retry`);
    this.drawerFailure = job.status === 'sent' ? null : { jobId: job.id, saleId: failure.saleId, error: job.lastError ?? '' };
  }

  #weighed(reading: ScaleReading): void {
    this.scaleReading = { state: reading.state, grams: reading.grams, ticket: reading.ticket };
    this.weighing.observe(reading);
  }

  /** This register's scale, when one is configured and connected. */
  get scale(): DeviceStatusView | null {
    const code = this.session?.register?.code;
    return this.devices.find((d) => d.kind === 'scale' && d.registerCode === code && d.state === 'online') ?? null;
  }

  async scaleCommand(kind: 'zero' | 'tare'): Promise<void> {
    await this.api.post(`/api/devices/scale/${kind}`);
  }

  #forget(): void {
    this.#events?.abort();
    this.#events = null;
    sessionStorage.removeItem(SESSION_KEY);
    this.api.token = null;
    this.session = null;
    this.shift = null;
    this.clearCart();
  }

  async openShift(openingFloat: number): Promise<void> {
    this.shift = await this.api.post<ShiftView>('/api/shifts', { openingFloat });
  }

  async refreshDevices(): Promise<void> {
    if (!this.session) return;
    try {
      this.devices = (await this.api.get<{ items: DeviceStatusView[] }>('/api/devices/status')).items;
      const scale = this.scale;
      if (scale?.maxGrams) this.weighing.limits.maxGrams = scale.maxGrams;
      if (scale?.weight && !this.scaleReading) this.#weighed(scale.weight as ScaleReading);
    } catch {
      // The status bar keeps the last known state; the next poll tries again.
    }
  }

  // Approvals: an act the cashier may not do alone waits for a supervisor's PIN. The approval is
  // bound to the act: the sale or return being made, its line, and the amount or share.

  /** Resolves with an approval id, or undefined when the cashier's rights cover the act (within their limits). */
  async approvalFor(act: BoundAct): Promise<string | undefined> {
    if (this.session && rightsCover({ permissions: this.session.permissions, ...this.session.limits }, act)) return undefined;
    return this.#askApproval(act);
  }

  #askApproval(act: BoundAct): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.approval = { act, resolve, reject };
    });
  }

  /**
   * Sends a request; when the server answers that a supervisor must authorise something in it (a
   * price from a scanned code, a refund, an agreed price), asks for that approval, lets `place` put
   * it where the refusal's field says, and sends again.
   */
  async #withApprovals<T>(send: () => Promise<T>, place: (field: string, approvalId: string) => boolean): Promise<T> {
    for (;;) {
      try {
        return await send();
      } catch (err) {
        const act = err instanceof ApiError && (err.code === 'approval-required' || err.code === 'approval-invalid') ? (err.details.approval as BoundAct | undefined) : undefined;
        if (!act || !(err instanceof ApiError)) throw err;
        const approvalId = await this.#askApproval(act);
        if (!place(err.fields[0]?.path ?? '', approvalId)) throw err;
      }
    }
  }

  async approve(login: string, pin: string): Promise<ApprovalResponse> {
    const pending = this.approval;
    if (!pending) throw new Error('nothing to approve');
    const response = await this.api.post<ApprovalResponse>('/api/approvals', { ...pending.act, login, pin });
    this.approval = null;
    pending.resolve(response.approvalId);
    return response;
  }

  cancelApproval(): void {
    this.approval?.reject(new Cancelled());
    this.approval = null;
  }

  // Cart

  #price(): PricedCart {
    const context = this.context;
    return priceCart({
      lines: this.lines.map((l) => ({
        lineId: l.lineId,
        productId: l.product.id,
        name: l.product.name,
        unit: l.product.unit,
        quantityMilli: l.quantityMilli,
        unitPrice: l.priceOverride?.unitPrice ?? l.unitPrice,
        taxRateBp: l.product.taxRateBp,
        floorUnitPrice: l.product.kind !== 'goods' || l.preOrderLineId ? null : l.product.floorPrice,
        categoryId: l.product.categoryId,
        discountable: l.product.discountable && l.product.kind === 'goods' && !l.preOrderLineId,
        manualDiscount: l.manualDiscount ?? null,
      })),
      customer: this.customer
        ? { id: this.customer.id, categoryCode: this.customer.categoryCode, categoryName: this.customer.categoryName, cumulativeSpend: this.customer.cumulativeSpend, categoryDiscountBp: this.customer.categoryDiscountBp, personalDiscountBp: this.customer.personalDiscountBp }
        : null,
      rules: (context?.rules ?? []) as DiscountRule[],
      receiptDiscount: this.receiptDiscount,
      combination: context?.combination,
      localTime: localTimeIn(context?.timezone ?? 'UTC'),
    });
  }

  /** Looks up whatever was scanned or typed with Enter, and acts on it. */
  async scan(code: string): Promise<ScanResult> {
    const result = await this.api.get<ScanResult>(`/api/scan/${encodeURIComponent(code)}`);
    if (result.type === 'product') {
      this.add(result.product, {
        quantityMilli: result.quantityMilli ?? undefined,
        unitPrice: result.unitPrice ?? undefined,
        scannedCode: result.quantityMilli !== null || result.unitPrice !== null ? result.code : undefined,
      });
      if (result.expiredOn) this.notice = { kind: 'error', text: i18n.t('sell.expired', { name: result.product.name, date: i18n.date(`${result.expiredOn.slice(0, 10)}T12:00:00Z`) }) };
    } else if (result.type === 'customer') {
      this.customer = result.customer;
      this.info(i18n.t('sell.customerAttached', { name: result.customer.name }));
    }
    return result;
  }

  search(q: string): Promise<{ items: ProductView[] }> {
    return this.api.get(`/api/products/search?q=${encodeURIComponent(q)}&limit=12`);
  }

  searchCustomers(q: string): Promise<{ items: CustomerView[] }> {
    return this.api.get(`/api/customers/search?q=${encodeURIComponent(q)}&limit=10`);
  }

  /** Adds a product; the same piece item scanned again adds to its line. Weighed items need a weight. */
  /** Adds an item; null when it needs more first: a weight (kg items) or a card and amount (gift cards). */
  add(product: ProductView, options: { quantityMilli?: number; unitPrice?: number; scannedCode?: string; scaleTicket?: string; giftCard?: { code: string; amount: number } } = {}): CartLine | null {
    if (product.unit === 'kg' && options.quantityMilli === undefined) return null;
    if (product.kind === 'deposit') throw new Error(i18n.t('preOrder.depositFromOrder'));
    if (product.kind === 'gift-card') {
      if (!options.giftCard) return null;
      if (this.lines.some((l) => l.giftCard?.code === options.giftCard!.code)) throw new Error(i18n.t('giftCard.alreadyInCart'));
      const line: CartLine = { lineId: newId(), product, quantityMilli: 1000, unitPrice: options.giftCard.amount, giftCard: options.giftCard };
      this.lines.push(line);
      this.selectedLineId = line.lineId;
      this.info(i18n.t('sell.added', { name: `${product.name} ${options.giftCard.code}` }));
      return line;
    }
    const existing = !options.scannedCode && product.unit === 'piece' ? this.lines.find((l) => l.product.id === product.id && !l.scannedCode && !l.manualDiscount && !l.priceOverride) : undefined;
    if (existing) {
      existing.quantityMilli += options.quantityMilli ?? 1000;
      this.selectedLineId = existing.lineId;
      return existing;
    }
    const line: CartLine = {
      lineId: newId(),
      product,
      quantityMilli: options.quantityMilli ?? 1000,
      unitPrice: options.unitPrice ?? product.price,
      ...(options.scannedCode ? { scannedCode: options.scannedCode } : {}),
      ...(options.scaleTicket ? { scaleTicket: options.scaleTicket } : {}),
    };
    this.lines.push(line);
    this.selectedLineId = line.lineId;
    this.info(i18n.t('sell.added', { name: product.name }));
    return line;
  }

  /** A new quantity; a weighed line keeps the ticket of the scale reading it came from, if any. */
  setQuantity(lineId: string, quantityMilli: number, scaleTicket?: string): void {
    const line = this.lines.find((l) => l.lineId === lineId);
    if (!line) return;
    line.quantityMilli = quantityMilli;
    if (scaleTicket) line.scaleTicket = scaleTicket;
    else delete line.scaleTicket;
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
    const approvalId = await this.approvalFor({ action: 'void-line', documentId: this.saleId, lineId, amount });
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
    const approvalId = await this.approvalFor({ action: 'manual-discount', documentId: this.saleId, lineId, valueBp: manualDiscountShareBp(discount, gross) });
    line.manualDiscount = { ...discount, ...(approvalId ? { approvalId } : {}) };
  }

  async setReceiptDiscount(discount: ManualDiscount | null): Promise<void> {
    if (!discount) {
      this.receiptDiscount = null;
      return;
    }
    const approvalId = await this.approvalFor({ action: 'manual-discount', documentId: this.saleId, valueBp: manualDiscountShareBp(discount, this.priced.subtotal) });
    this.receiptDiscount = { ...discount, ...(approvalId ? { approvalId } : {}) };
  }

  async overridePrice(lineId: string, unitPrice: number, reason: string): Promise<void> {
    const line = this.lines.find((l) => l.lineId === lineId);
    if (!line) return;
    const approvalId = await this.approvalFor({ action: 'price-override', documentId: this.saleId, lineId, amount: unitPrice });
    line.priceOverride = { unitPrice, reason, ...(approvalId ? { approvalId } : {}) };
  }

  clearCart(): void {
    this.lines = [];
    this.customer = null;
    this.receiptDiscount = null;
    this.selectedLineId = null;
    this.collecting = null;
    this.saleId = newId();
  }

  // Payment

  /**
   * Commits the sale. Resolves only once the server has stored it: the register says "paid" after
   * this. A network failure keeps the cart and the sale id, so a retry cannot sell twice.
   */
  async pay(tenders: Tender[]): Promise<SaleView> {
    const sale = await this.#withApprovals(() => this.api.post<SaleView>('/api/sales', {
      id: this.saleId,
      customerId: this.customer?.id ?? null,
      ...(this.collecting ? { preOrderId: this.collecting.id } : {}),
      lines: this.lines.map((l) => ({
        lineId: l.lineId,
        productId: l.product.id,
        quantityMilli: l.quantityMilli,
        ...(l.scannedCode ? { scannedCode: l.scannedCode } : {}),
        ...(l.codePriceApprovalId ? { codePriceApprovalId: l.codePriceApprovalId } : {}),
        ...(l.scaleTicket ? { scaleTicket: l.scaleTicket } : {}),
        ...(l.manualDiscount ? { manualDiscount: l.manualDiscount } : {}),
        ...(l.priceOverride ? { priceOverride: l.priceOverride } : {}),
        ...(l.giftCard ? { giftCard: l.giftCard } : {}),
        ...(l.deposit ? { deposit: l.deposit } : {}),
        ...(l.preOrderLineId ? { preOrderLineId: l.preOrderLineId } : {}),
      })),
      ...(this.receiptDiscount ? { receiptDiscount: this.receiptDiscount } : {}),
      tenders,
      expectedTotal: this.priced.total,
    }), (field, approvalId) => this.#placeInCart(field, approvalId));
    this.#paidForDisplay = { change: sale.change, number: sale.number };
    this.#savedForDisplay = sale.discountTotal;
    this.lastSale = sale;
    this.clearCart();
    this.notice = null;
    void this.#followPrintJob(sale);
    return sale;
  }

  /** Puts an approval where the sale's refusal named it: `lines.2.codePriceApprovalId`, `receiptDiscount.approvalId`… */
  #placeInCart(field: string, approvalId: string): boolean {
    const path = field.split('.');
    let target: Record<string, unknown> | undefined = { lines: this.lines, receiptDiscount: this.receiptDiscount } as Record<string, unknown>;
    for (const key of path.slice(0, -1)) target = target?.[key] as Record<string, unknown> | undefined;
    const key = path.at(-1)!;
    if (!target || (key !== 'approvalId' && key !== 'codePriceApprovalId')) return false;
    target[key] = approvalId;
    return true;
  }

  giftCard(code: string): Promise<GiftCardBalance> {
    return this.api.get<GiftCardBalance>(`/api/gift-cards/${encodeURIComponent(code.trim())}`);
  }

  /**
   * Refreshes what pricing depends on after the server priced differently: a rule changed, or the
   * customer's spend tier moved (a purchase at another register) since the card was scanned.
   */
  async refreshContext(): Promise<void> {
    this.context = await this.api.get<PricingContext>('/api/pricing/context');
    if (this.customer) this.customer = await this.api.get<CustomerView>(`/api/customers/${this.customer.id}`);
  }

  async #followPrintJob(sale: SaleView): Promise<void> {
    for (let i = 0; i < 20 && sale.printJob && ['queued', 'sending'].includes(sale.printJob.status); i++) {
      await new Promise((r) => setTimeout(r, 500));
      const fresh = await this.api.get<SaleView>(`/api/sales/${sale.id}`).catch(() => null);
      if (!fresh || this.lastSale?.id !== sale.id) return;
      this.lastSale = fresh;
      sale = fresh;
    }
  }

  async retryPrint(jobId: string): Promise<void> {
    await this.api.post(`/api/print-jobs/${jobId}/retry`);
    if (this.lastSale) void this.#followPrintJob({ ...this.lastSale, printJob: { id: jobId, status: 'queued' } });
  }

  async reprintLast(): Promise<SaleView> {
    const last = await this.api.get<SaleView>('/api/sales/last');
    await this.api.post(`/api/sales/${last.id}/reprint`);
    this.info(i18n.t('print.reprinted', { number: last.number }));
    return last;
  }

  // Parked sales

  async park(label: string): Promise<void> {
    const cart: CartDraft = { customer: this.customer, lines: this.lines, ...(this.receiptDiscount ? { receiptDiscount: this.receiptDiscount } : {}) };
    await this.api.post('/api/parked', { label: label || undefined, cart });
    this.clearCart();
    this.info(i18n.t('park.parked'));
  }

  async parked(): Promise<ParkedSaleView[]> {
    return (await this.api.get<{ items: ParkedSaleView[] }>('/api/parked')).items;
  }

  async resume(id: string): Promise<void> {
    const parked = await this.api.post<ParkedSaleView>(`/api/parked/${id}/resume`);
    this.clearCart();
    this.lines = parked.cart.lines;
    this.customer = parked.cart.customer;
    this.receiptDiscount = parked.cart.receiptDiscount ?? null;
    this.selectedLineId = this.lines[this.lines.length - 1]?.lineId ?? null;
  }

  // Pre-orders

  preOrders(query: { customerId?: string; q?: string }): Promise<{ items: PreOrderView[] }> {
    const params = new URLSearchParams({ status: 'open', limit: '20', ...(query.customerId ? { customerId: query.customerId } : {}), ...(query.q ? { q: query.q } : {}) });
    return this.api.get(`/api/pre-orders?${params}`);
  }

  async #customerOf(order: PreOrderView): Promise<void> {
    if (this.customer?.id !== order.customer.id) this.customer = await this.api.get<CustomerView>(`/api/customers/${order.customer.id}`);
  }

  /** Orders the cart's goods for the cart's customer at the prices shown; the cart empties. */
  async takePreOrder(expectedDate: string | null, note: string): Promise<PreOrderView> {
    if (!this.customer) throw new Error(i18n.t('preOrder.needsCustomer'));
    const goods = this.lines.filter((l) => l.product.kind === 'goods');
    if (!goods.length) throw new Error(i18n.t('preOrder.needsGoods'));
    const priced = new Map(this.priced.lines.map((l) => [l.lineId, l]));
    const id = newId();
    const lines: { productId: string; quantityMilli: number; unitPrice: number; approvalId?: string }[] = goods.map((l) => ({ productId: l.product.id, quantityMilli: l.quantityMilli, unitPrice: Math.round((priced.get(l.lineId)!.amount * 1000) / l.quantityMilli) }));
    // An agreed price below what the customer would pay now needs a supervisor (lines.N.approvalId).
    const order = await this.#withApprovals(
      () => this.api.post<PreOrderView>('/api/pre-orders', { id, customerId: this.customer!.id, expectedDate, note, lines }),
      (field, approvalId) => {
        const line = lines[Number(/^lines\.(\d+)\.approvalId$/.exec(field)?.[1] ?? -1)];
        if (line) line.approvalId = approvalId;
        return !!line;
      },
    );
    const customer = this.customer;
    this.clearCart();
    this.customer = customer;
    this.info(i18n.t('preOrder.taken', { number: order.number }));
    return order;
  }

  /** Puts a deposit for the order in the cart (with its customer), to be paid like any sale. */
  async addDeposit(order: PreOrderView, amount: number): Promise<void> {
    if (this.collecting || this.lines.some((l) => l.product.kind === 'goods')) throw new Error(i18n.t('preOrder.depositAlone'));
    const product = await this.api.get<ProductView>('/api/pre-orders/deposit-product');
    await this.#customerOf(order);
    const line: CartLine = { lineId: newId(), product, quantityMilli: 1000, unitPrice: amount, deposit: { preOrderId: order.id, amount } };
    this.lines.push(line);
    this.selectedLineId = line.lineId;
    this.info(i18n.t('preOrder.depositAdded', { number: order.number }));
  }

  /** Fills an empty cart with an arrived order's goods at the agreed prices. */
  async collect(order: PreOrderView): Promise<void> {
    if (this.lines.length) throw new Error(i18n.t('preOrder.cartNotEmpty'));
    const products = await Promise.all(order.lines.map((l) => this.api.get<ProductView>(`/api/products/${l.productId}`)));
    await this.#customerOf(order);
    this.lines = order.lines.map((l, i) => ({ lineId: newId(), product: products[i], quantityMilli: l.quantityMilli, unitPrice: l.unitPrice, preOrderLineId: l.id }));
    this.collecting = { id: order.id, number: order.number, depositHeld: order.depositHeld };
    this.selectedLineId = this.lines[this.lines.length - 1]?.lineId ?? null;
    this.info(i18n.t('preOrder.collecting', { number: order.number }));
  }

  /** Gives the deposits back (a return of each deposit receipt), then cancels the order. */
  async cancelPreOrder(order: PreOrderView, refundMethod: 'cash' | 'card'): Promise<void> {
    for (const d of order.deposits.filter((x) => x.kind === 'deposit' && x.saleNumber)) {
      const original = await this.findSale(d.saleNumber!);
      const line = original.lines.find((l) => l.quantityMilli > l.returnedMilli);
      if (!line) continue;
      await this.refund(original, [{ saleLineId: line.id, quantityMilli: line.quantityMilli - line.returnedMilli }], refundMethod);
    }
    await this.api.post(`/api/pre-orders/${order.id}/status`, { to: 'cancelled', depositPolicy: 'refund' });
    this.info(i18n.t('preOrder.cancelled', { number: order.number }));
  }

  // Returns

  findSale(number: string): Promise<SaleView> {
    return this.api.get<SaleView>(`/api/sales/by-number/${encodeURIComponent(number.trim())}`);
  }

  /** The server works out the refund; beyond the cashier's right or limit it names the amount a supervisor approves. */
  async refund(original: SaleView, lines: { saleLineId: string; quantityMilli: number }[], refundMethod: 'cash' | 'card'): Promise<SaleView> {
    const request: { id: string; originalSaleId: string; lines: typeof lines; refundMethod: 'cash' | 'card'; approvalId?: string } = { id: newId(), originalSaleId: original.id, lines, refundMethod };
    const refund = await this.#withApprovals(
      () => this.api.post<SaleView>('/api/returns', request),
      (field, approvalId) => {
        if (field !== 'approvalId') return false;
        request.approvalId = approvalId;
        return true;
      },
    );
    this.lastSale = refund;
    return refund;
  }

  // Shift reports and the drawer

  xReport(print: boolean): Promise<ShiftReport> {
    return print ? this.api.post<ShiftReport>('/api/shifts/current/x-report/print') : this.api.get<ShiftReport>('/api/shifts/current/x-report');
  }

  async closeShift(countedCash: number): Promise<ShiftReport> {
    const z = await this.api.post<ShiftReport>('/api/shifts/current/close', { countedCash });
    this.shift = null;
    return z;
  }

  async noSale(reason: string): Promise<void> {
    const approvalId = await this.approvalFor({ action: 'no-sale' });
    await this.api.post('/api/register/no-sale', { reason, approvalId });
    this.info(i18n.t('noSale.done'));
  }

  // Messages

  info(text: string): void {
    this.notice = { kind: 'info', text };
  }

  error(err: unknown): void {
    if (err instanceof Cancelled) return;
    this.notice = { kind: 'error', text: i18n.error(err) };
  }
}
