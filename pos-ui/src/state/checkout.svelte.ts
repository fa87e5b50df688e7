import type { Api } from '../../../shared/api-client.ts';
import type { EmailReceiptResponse, PaymentMethod, SaleView } from '../../../shared/schemas/sales.ts';
import type { GiftCardBalance } from '../../../shared/schemas/loyalty.ts';
import { t } from '../i18n/i18n.svelte.ts';
import type { Approvals } from './approvals.svelte.ts';
import type { Cart } from './cart.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { Session } from './session.svelte.ts';

export type Tender = { method: PaymentMethod; amount: number; reference?: string; approvalId?: string };

/** Paying the sale, and what follows it: the receipt's print status, the change shown until the next item. */
export class Checkout {
  /** The last receipt this register made (a sale or a return), with its print job's status. */
  lastSale = $state<SaleView | null>(null);
  /** The sale just paid: "paid, give change" shows over the empty cart until the next item or Enter. */
  justPaid = $state<SaleView | null>(null);
  /** The sale paid last: the customer display shows its change until the next item. */
  lastPaid = $state<SaleView | null>(null);

  constructor(
    private readonly api: Api,
    session: Session,
    private readonly cart: Cart,
    private readonly approvals: Approvals,
    private readonly notices: Notices,
  ) {
    session.onSignedOut(() => {
      this.lastSale = null;
      this.justPaid = null;
      this.lastPaid = null;
    });
  }

  /**
   * Commits the sale. Resolves only once the server has stored it: the register says "paid" after
   * this. A network failure keeps the cart and the sale id, so a retry cannot sell twice.
   */
  async pay(tenders: Tender[]): Promise<SaleView> {
    const cart = this.cart;
    const sale = await this.approvals.withApprovals(
      () =>
        this.api.post<SaleView>('/api/sales', {
          id: cart.saleId,
          customerId: cart.customer?.id ?? null,
          ...(cart.collecting ? { preOrderId: cart.collecting.id } : {}),
          lines: cart.lines.map((l) => ({
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
          ...(cart.receiptDiscount ? { receiptDiscount: cart.receiptDiscount } : {}),
          tenders,
          expectedTotal: cart.priced.total,
        }),
      (field, approvalId) => {
        // On account beyond the credit limit: the approval goes on the tender.
        const tender = /^tenders\.(\d+)\.approvalId$/.exec(field);
        if (tender && tenders[Number(tender[1])]) {
          tenders[Number(tender[1])].approvalId = approvalId;
          return true;
        }
        return cart.placeApproval(field, approvalId);
      },
    );
    this.lastSale = sale;
    this.justPaid = sale;
    this.lastPaid = sale;
    cart.clear();
    this.notices.clear();
    void this.#followPrintJob(sale);
    return sale;
  }

  /** The next sale has begun (an item, or the cashier went on): the change is no longer shown. */
  goOn(): void {
    this.justPaid = null;
  }

  /** A receipt made elsewhere (a return) becomes the last one, for its print status. */
  made(receipt: SaleView): void {
    this.lastSale = receipt;
    void this.#followPrintJob(receipt);
  }

  /** E-mails a receipt of this shift: one message per key however often it is sent (a new key sends it again); no address: the customer's. */
  emailReceipt(saleId: string, key: string, email: string): Promise<EmailReceiptResponse> {
    return this.api.post<EmailReceiptResponse>(`/api/register/sales/${saleId}/email`, { id: key, ...(email ? { email } : {}) });
  }

  giftCard(code: string): Promise<GiftCardBalance> {
    return this.api.get<GiftCardBalance>(`/api/gift-cards/${encodeURIComponent(code.trim())}`);
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
    this.notices.info(t('Receipt {number} sent to the printer as a COPY', { number: last.number }));
    return last;
  }
}
