import { newId } from '../../shared/ids.ts';
import { formatMoney } from '../../shared/money.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { CampaignWorker } from '../campaigns/worker.ts';
import type { Db } from '../db/client.ts';
import { AppError, badRequest } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { invoiceBalances } from './balances.ts';
import type { Locale } from '../../shared/locales.ts';
import { loadInvoiceDocument } from './service.ts';

interface ReminderFacts { contact: string; number: string; issueDate: string; dueDate: string; owed: string; seller: string; account: string }

const SUBJECT: Record<Locale, (seller: string) => string> = {
  en: (s) => `Payment reminder from ${s}`,
  ru: (s) => `Напоминание об оплате от ${s}`,
  uk: (s) => `Нагадування про оплату від ${s}`,
  ro: (s) => `Reamintire de plată de la ${s}`,
  lt: (s) => `Priminimas apie mokėjimą iš ${s}`,
  zh: (s) => `${s} 的付款提醒`,
};

const BODY: Record<Locale, (f: ReminderFacts) => string> = {
  en: (f) => `Dear ${f.contact}, invoice ${f.number} of ${f.issueDate} was due on ${f.dueDate}; ${f.owed} is still unpaid. Please pay it${f.account ? ` to ${f.account}` : ''}. ${f.seller}`,
  ru: (f) => `Уважаемый(ая) ${f.contact}, срок оплаты счёта ${f.number} от ${f.issueDate} истёк ${f.dueDate}; не оплачено ${f.owed}. Просим оплатить${f.account ? ` на счёт ${f.account}` : ''}. ${f.seller}`,
  uk: (f) => `Шановний(а) ${f.contact}, термін оплати рахунку ${f.number} від ${f.issueDate} минув ${f.dueDate}; не сплачено ${f.owed}. Просимо сплатити${f.account ? ` на рахунок ${f.account}` : ''}. ${f.seller}`,
  ro: (f) => `Stimate/Stimată ${f.contact}, factura ${f.number} din ${f.issueDate} era scadentă la ${f.dueDate}; rămân de plată ${f.owed}. Vă rugăm să o achitați${f.account ? ` în contul ${f.account}` : ''}. ${f.seller}`,
  lt: (f) => `Gerb. ${f.contact}, ${f.issueDate} sąskaitos ${f.number} apmokėjimo terminas buvo ${f.dueDate}; neapmokėta ${f.owed}. Prašome apmokėti${f.account ? ` į sąskaitą ${f.account}` : ''}. ${f.seller}`,
  zh: (f) => `尊敬的${f.contact}：${f.issueDate} 开具的发票 ${f.number} 已于 ${f.dueDate} 到期，尚有 ${f.owed} 未付。请${f.account ? `汇款至 ${f.account} ` : ''}付款。${f.seller}`,
};

/**
 * A payment reminder for an invoice that still owes, e-mailed to the customer's contact through
 * the campaigns outbox (sent by the campaign worker, retried there), in the document's language.
 */
export async function queuePaymentReminder(db: Db, outlet: OutletInfo, worker: CampaignWorker | null, auth: AuthContext, invoiceId: string): Promise<{ queued: true; to: string; language: string }> {
  const document = await loadInvoiceDocument(db, invoiceId);
  if (document.kind !== 'invoice') throw badRequest('not-an-invoice', 'A credit note is not paid: remind of the invoice', [{ path: 'params.id', message: 'a credit note' }]);
  const [figures] = await invoiceBalances(db, { ids: [invoiceId] });
  if (figures.balance <= 0) throw new AppError(409, 'invoice-paid', `Invoice ${document.displayNumber} owes nothing`, [{ path: 'params.id', message: 'paid' }]);
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { customerId: true } });
  const customer = await db.customer.findUniqueOrThrow({ where: { id: invoice.customerId }, include: { contacts: { orderBy: { name: 'asc' } } } });
  const contact = customer.contacts.find((c) => c.email);
  const address = contact?.email ?? customer.email;
  if (!address) throw badRequest('no-email-address', `${customer.name} has no e-mail address, nor has any of its contacts`, [{ path: 'params.id', message: 'no e-mail address' }]);
  const language = document.language;
  const body = BODY[language]({
    contact: contact?.name ?? customer.name,
    number: document.displayNumber,
    issueDate: document.issueDate,
    dueDate: document.dueDate,
    owed: formatMoney(figures.balance, document.currency, language),
    seller: document.seller.name,
    account: document.seller.bankAccount ?? '',
  });
  await db.$transaction(async (tx) => {
    const name = `Payment reminders (${language})`;
    const campaign =
      (await tx.campaign.findFirst({ where: { name, channel: 'email' }, select: { id: true } })) ??
      (await tx.campaign.create({ data: { id: newId(), name, channel: 'email', subject: SUBJECT[language](document.seller.name), template: '', filter: '{}', createdById: 'system' }, select: { id: true } }));
    await tx.campaignMessage.create({ data: { id: newId(), campaignId: campaign.id, customerId: customer.id, address, body } });
    await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'payment-reminder', entityType: 'invoice', entityId: invoiceId, details: { number: document.displayNumber, to: address, owed: figures.balance } });
  });
  worker?.notify();
  return { queued: true, to: address, language };
}
