import { newId } from '../../shared/ids.ts';
import { firstLocale } from '../../shared/locales.ts';
import { maskedEmail } from '../../shared/masking.ts';
import type { EmailReceiptRequest, EmailReceiptResponse } from '../../shared/schemas/sales.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { CampaignWorker } from '../campaigns/worker.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';
import type { Db } from '../db/client.ts';
import { IdempotentRequests, isUniqueViolation, requestFingerprint } from '../db/idempotent-requests.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { receiptMessage } from './receipt-message.ts';
import type { SalesService } from './service.ts';
import { toReceiptDocument } from './views.ts';

/** Who asks: the register, for a sale of its open shift (the address it answers is masked), or the back office for any sale it sees. */
export type ReceiptMailCaller = { registerId: string } | 'backoffice';

const CAMPAIGN = 'Receipts (email)';

/**
 * E-mails a sale's receipt in the customer's language through the campaigns outbox (sent and retried
 * by the campaign worker). A receipt is a service message: it goes whether or not the customer agreed
 * to marketing. The shop keeps no separate consent to service messages (the unsubscribe link is for
 * marketing), so a receipt asked for is always sent.
 */
export class ReceiptMails {
  readonly #requests: IdempotentRequests;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly sales: SalesService,
    private readonly worker: CampaignWorker,
    private readonly visibility: CustomerVisibility,
  ) {
    this.#requests = new IdempotentRequests(db);
  }

  /** Queues the receipt once per request key; a key asked again answers what it queued then. */
  async send(auth: AuthContext, caller: ReceiptMailCaller, saleId: string, input: EmailReceiptRequest): Promise<EmailReceiptResponse> {
    const fingerprint = requestFingerprint({ saleId, email: input.email ?? null });
    const label = 'receipt e-mail';

    const loaded = await this.sales.load(saleId);
    if (!loaded || loaded.sale.outletId !== this.outlet.id) throw notFound('sale-not-found', 'No such sale', [{ path: 'params.id', message: 'unknown sale' }]);
    const { sale, ctx } = loaded;
    if (sale.kind !== 'sale') throw badRequest('not-a-sale', 'A return slip is not e-mailed: e-mail the receipt of the sale', [{ path: 'params.id', message: 'a return' }], { variant: 'receipt-mail' });
    if (caller === 'backoffice') {
      if (sale.customerId) this.visibility.assertSees(auth, sale.customerId, 'params.id');
    } else {
      const shift = await this.db.shift.findFirst({ where: { registerId: caller.registerId, closedAt: null }, select: { id: true } });
      if (shift?.id !== sale.shiftId) throw forbidden('sale-of-another-shift', `Receipt ${sale.number} is of another shift: e-mail it from the back office`, [{ path: 'params.id', message: 'not of this shift' }], { number: sale.number });
    }
    if (await this.#requests.isReplay('receipt-email', input.id, fingerprint, () => false, label)) return this.#stored(caller, input.id);
    const customer = sale.customerId ? await this.db.customer.findUnique({ where: { id: sale.customerId }, select: { email: true, locale: true } }) : null;
    const address = input.email ?? customer?.email;
    if (!address) throw badRequest('no-email-address', 'The sale has no customer with an e-mail address: type the address', [{ path: 'body.email', message: 'required' }], { variant: 'receipt' });

    const language = firstLocale(customer?.locale, auth.locale, this.outlet.view.locale);
    const message = receiptMessage(toReceiptDocument(sale, ctx, this.outlet, { copy: false, locale: language }), language, this.outlet.view.name);
    try {
      await this.db.$transaction(async (tx) => {
        this.#requests.record('receipt-email', input.id, fingerprint, label);
        const campaign =
          (await tx.campaign.findFirst({ where: { name: CAMPAIGN, channel: 'email' }, select: { id: true } })) ??
          (await tx.campaign.create({ data: { id: newId(), name: CAMPAIGN, channel: 'email', subject: message.subject, template: '', filter: '{}', createdById: 'system' }, select: { id: true } }));
        await tx.campaignMessage.create({ data: { id: input.id, campaignId: campaign.id, customerId: sale.customerId, address, subject: message.subject, body: message.text, html: message.html } });
        await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'receipt-email', entityType: 'sale', entityId: sale.id, details: { number: sale.number, to: maskedEmail(address), language } });
      });
    } catch (err) {
      // A double tap: the same request committed first under this key.
      if (isUniqueViolation(err)) return this.#stored(caller, input.id);
      throw err;
    }
    this.worker.notify();
    return { id: input.id, to: this.#shown(caller, address), status: 'queued', replayed: false };
  }

  async #stored(caller: ReceiptMailCaller, id: string): Promise<EmailReceiptResponse> {
    const message = await this.db.campaignMessage.findUniqueOrThrow({ where: { id }, select: { address: true, status: true } });
    return { id, to: this.#shown(caller, message.address), status: message.status, replayed: true };
  }

  #shown(caller: ReceiptMailCaller, address: string): string {
    return caller === 'backoffice' ? address : maskedEmail(address);
  }
}
