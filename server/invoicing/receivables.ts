import type { InvoiceParty } from '../../shared/invoicing/document.ts';
import type { CustomerStatement, StatementEntry } from '../../shared/invoicing/statement.ts';
import type { AgedBuckets, CustomerAccount, ReceivablesReport } from '../../shared/schemas/invoicing.ts';
import { localTimeIn } from '../../shared/time.ts';
import { addAged, emptyBuckets } from '../../shared/invoicing/aging.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { customerAdvance, invoiceBalances } from './balances.ts';
import type { InvoiceService } from './service.ts';
import { documentLanguage } from './service.ts';

/** What company customers owe: a customer's account, the aged receivables report and statements. */
export class Receivables {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly invoices: Pick<InvoiceService, 'list'>,
  ) {}

  #today(): string {
    return localTimeIn(this.outlet.view.timezone).slice(0, 10);
  }

  async account(customerId: string): Promise<CustomerAccount> {
    await this.#customer(customerId);
    const today = this.#today();
    const figures = await invoiceBalances(this.db, { customerIds: [customerId] });
    const advance = await customerAdvance(this.db, customerId);
    const owed = figures.reduce((s, f) => s + f.balance, 0);
    const overdue = figures.filter((f) => f.balance > 0 && f.dueDate! < today).reduce((s, f) => s + f.balance, 0);
    const open = new Set(figures.filter((f) => f.balance !== 0).map((f) => f.id));
    const { items } = await this.invoices.list({ customerId, kind: 'invoice', status: 'issued', limit: 500 });
    return { customerId, currency: this.outlet.view.currency, balance: owed - advance, owed, advance, overdue, openInvoices: items.filter((i) => open.has(i.id)) };
  }

  /**
   * Money owed on issued invoices as of a day, by customer and outlet, in buckets of days past the
   * due date. Only what happened by that day counts (invoices issued, credit notes, payments);
   * invoices owing nothing or owed back, and advances, are not receivables. Only the customers
   * `seen` count (undefined: everyone).
   */
  async aged(asOf = this.#today(), seen?: { in: string[] }): Promise<ReceivablesReport> {
    const seenIds = seen && new Set(seen.in);
    const figures = (await invoiceBalances(this.db, { outletId: this.outlet.id, asOf })).filter((f) => f.balance > 0 && (!seenIds || seenIds.has(f.customerId)));
    const customers = new Map((await this.db.customer.findMany({ where: { id: { in: [...new Set(figures.map((f) => f.customerId))] } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
    const rows = new Map<string, ReceivablesReport['rows'][number]>();
    const totals = emptyBuckets();
    for (const f of figures) {
      const key = `${f.customerId}\u0000${f.outletId}`;
      const row = rows.get(key) ?? { customerId: f.customerId, customerName: customers.get(f.customerId) ?? '', outletCode: this.outlet.view.code, invoices: 0, ...emptyBuckets() };
      addAged([row, totals], f.dueDate!, asOf, f.balance);
      row.invoices += 1;
      rows.set(key, row);
    }
    return { asOf, currency: this.outlet.view.currency, rows: [...rows.values()].sort((a, b) => b.total - a.total || a.customerName.localeCompare(b.customerName)), totals };
  }

  /** A customer's statement: the balance at the start, each invoice, credit note and payment of the period, the balance at the end. */
  async statement(customerId: string, from: string, to: string): Promise<CustomerStatement> {
    const customer = await this.#customer(customerId);
    const [invoices, payments] = await Promise.all([
      this.db.invoice.findMany({ where: { customerId, status: 'issued', issueDate: { lte: to } }, orderBy: [{ issueDate: 'asc' }, { kind: 'desc' }, { number: 'asc' }] }),
      this.db.invoicePayment.findMany({ where: { customerId, day: { lte: to } }, orderBy: [{ day: 'asc' }, { id: 'asc' }] }),
    ]);
    const events: Omit<StatementEntry, 'balance'>[] = [];
    for (const i of invoices) {
      if (i.kind === 'invoice') {
        events.push({ day: i.issueDate!, kind: 'invoice', reference: i.displayNumber!, debit: i.gross, credit: 0 });
        if (i.paidAtTill) events.push({ day: i.issueDate!, kind: 'paid-at-till', reference: i.displayNumber!, debit: 0, credit: i.paidAtTill });
      } else {
        events.push({ day: i.issueDate!, kind: 'credit-note', reference: i.displayNumber!, debit: 0, credit: i.gross });
      }
    }
    for (const p of payments) events.push({ day: p.day, kind: 'payment', reference: p.reference || p.method, debit: 0, credit: p.amount });
    // Stable by day: an invoice comes before what pays or credits it on the same day.
    events.sort((a, b) => a.day.localeCompare(b.day));
    const openingBalance = events.filter((e) => e.day < from).reduce((s, e) => s + e.debit - e.credit, 0);
    let balance = openingBalance;
    const entries = events.filter((e) => e.day >= from).map((e) => ({ ...e, balance: (balance += e.debit - e.credit) }));
    const totalDebit = entries.reduce((s, e) => s + e.debit, 0);
    const totalCredit = entries.reduce((s, e) => s + e.credit, 0);
    const latest = invoices.findLast((i) => i.document);
    const parties = latest ? (JSON.parse(latest.document!) as { seller: InvoiceParty; buyer: InvoiceParty }) : null;
    const seller = this.outlet.settings.invoicing.seller;
    return {
      kind: 'statement',
      customerId,
      seller: { name: seller.name || this.outlet.view.name, companyCode: seller.companyCode, vatCode: seller.vatCode, address: seller.address, country: seller.country, bankAccount: seller.bankAccount, email: seller.email },
      buyer: parties?.buyer ?? { name: customer.name, companyCode: customer.companyCode, vatCode: customer.vatCode, address: customer.address, country: seller.country, bankAccount: null, email: customer.email },
      language: documentLanguage(customer.locale, this.outlet.view.locale),
      currency: this.outlet.view.currency,
      from,
      to,
      issueDate: this.#today(),
      openingBalance,
      entries,
      totalDebit,
      totalCredit,
      closingBalance: openingBalance + totalDebit - totalCredit,
    };
  }

  async #customer(id: string) {
    const customer = await this.db.customer.findUnique({ where: { id }, select: { id: true, name: true, companyCode: true, vatCode: true, address: true, email: true, locale: true } });
    if (!customer) throw notFound('customer-not-found', 'Unknown customer', [{ path: 'params.id', message: 'unknown customer' }]);
    return customer;
  }
}
