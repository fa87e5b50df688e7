import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { InvoiceDocument, InvoiceDocumentLine, InvoiceParty } from '../../shared/invoicing/document.ts';
import { currencyDigits, formatAmount } from '../../shared/money.ts';
import type { Unit } from '../../shared/schemas/common.ts';

// An issued invoice or credit note as a UBL 2.1 document following EN 16931 (the core invoice
// model behind Peppol BIS 3, Romania's RO e-Factura and others). Elements follow the order the
// UBL 2.1 schemas prescribe; amounts are major units with the currency's digits.

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  'credit-note': 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

/** EN 16931's own specification identifier (BT-24). */
export const EN16931_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017';

/** UN/ECE Recommendation 20 unit codes. */
export const UNIT_CODES: Record<Unit, string> = { piece: 'H87', kg: 'KGM', l: 'LTR', m: 'MTR' };

/**
 * The VAT category of a rate (UNCL5305): standard rate above zero, zero-rated at zero. Exempt (E)
 * and reverse charge (AE) need a reason the document does not carry, so they are not chosen here.
 */
export function vatCategory(rateBp: number): 'S' | 'Z' {
  return rateBp > 0 ? 'S' : 'Z';
}

const percent = (rateBp: number) => formatAmount(rateBp, 2).replace(/\.?0+$/, '');
const quantity = (milli: number) => formatAmount(milli, 3).replace(/\.?0+$/, '');

/** The XML of an invoice (UBL Invoice, type 380) or a credit note (UBL CreditNote, type 381). */
export function invoiceUbl(doc: InvoiceDocument): string {
  const credit = doc.kind === 'credit-note';
  const digits = currencyDigits(doc.currency);
  const money = (minor: number) => formatAmount(minor, digits);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS[doc.kind], credit ? 'CreditNote' : 'Invoice', { 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc });
  const cbc = (parent: XMLBuilder, name: string, text: string, attributes?: Record<string, string>) => parent.ele(NS.cbc, `cbc:${name}`, attributes).txt(text).up();
  const amount = (parent: XMLBuilder, name: string, minor: number) => cbc(parent, name, money(minor), { currencyID: doc.currency });
  const cac = (parent: XMLBuilder, name: string) => parent.ele(NS.cac, `cac:${name}`);

  cbc(root, 'CustomizationID', EN16931_CUSTOMIZATION_ID);
  cbc(root, 'ID', doc.displayNumber);
  cbc(root, 'IssueDate', doc.issueDate);
  if (!credit) cbc(root, 'DueDate', doc.dueDate);
  cbc(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', credit ? '381' : '380');
  if (doc.notes) cbc(root, 'Note', doc.notes);
  cbc(root, 'DocumentCurrencyCode', doc.currency);
  if (doc.preOrderNumber) cbc(cac(root, 'OrderReference'), 'ID', doc.preOrderNumber);
  if (doc.corrects) {
    const reference = cac(cac(root, 'BillingReference'), 'InvoiceDocumentReference');
    cbc(reference, 'ID', doc.corrects.displayNumber);
    cbc(reference, 'IssueDate', doc.corrects.issueDate);
  }
  if (doc.contract) cbc(cac(root, 'ContractDocumentReference'), 'ID', doc.contract.number);
  party(cac(root, 'AccountingSupplierParty'), doc.seller, cac, cbc);
  party(cac(root, 'AccountingCustomerParty'), doc.buyer, cac, cbc);
  cbc(cac(root, 'Delivery'), 'ActualDeliveryDate', doc.supplyDate);
  if (doc.seller.bankAccount) {
    const means = cac(root, 'PaymentMeans');
    // 58: SEPA credit transfer for an IBAN, 30: a credit transfer otherwise.
    const iban = doc.seller.bankAccount.replace(/\s+/g, '');
    cbc(means, 'PaymentMeansCode', /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban) ? '58' : '30');
    if (credit) cbc(means, 'PaymentDueDate', doc.dueDate);
    cbc(means, 'PaymentID', doc.displayNumber);
    cbc(cac(means, 'PayeeFinancialAccount'), 'ID', iban);
  }
  cbc(cac(root, 'PaymentTerms'), 'Note', `${doc.paymentTermsDays} days`);

  const taxTotal = cac(root, 'TaxTotal');
  amount(taxTotal, 'TaxAmount', doc.totals.vat);
  for (const rate of doc.vatBreakdown) {
    const subtotal = cac(taxTotal, 'TaxSubtotal');
    amount(subtotal, 'TaxableAmount', rate.net);
    amount(subtotal, 'TaxAmount', rate.vat);
    taxCategory(cac(subtotal, 'TaxCategory'), rate.taxRateBp, cac, cbc);
  }

  const totals = cac(root, 'LegalMonetaryTotal');
  amount(totals, 'LineExtensionAmount', doc.lines.reduce((sum, line) => sum + line.net, 0));
  amount(totals, 'TaxExclusiveAmount', doc.totals.net);
  amount(totals, 'TaxInclusiveAmount', doc.totals.gross);
  amount(totals, 'PayableAmount', doc.totals.gross);

  for (const line of doc.lines) invoiceLine(cac(root, credit ? 'CreditNoteLine' : 'InvoiceLine'), line, credit, { amount, cac, cbc, currency: doc.currency });
  return root.end({ prettyPrint: true });
}

type Cbc = (parent: XMLBuilder, name: string, text: string, attributes?: Record<string, string>) => XMLBuilder;
type Cac = (parent: XMLBuilder, name: string) => XMLBuilder;

function party(role: XMLBuilder, details: InvoiceParty, cac: Cac, cbc: Cbc): void {
  const p = cac(role, 'Party');
  cbc(cac(p, 'PartyName'), 'Name', details.name);
  const address = cac(p, 'PostalAddress');
  cbc(address, 'StreetName', details.address);
  cbc(cac(address, 'Country'), 'IdentificationCode', details.country);
  if (details.vatCode) {
    const scheme = cac(p, 'PartyTaxScheme');
    cbc(scheme, 'CompanyID', details.vatCode);
    cbc(cac(scheme, 'TaxScheme'), 'ID', 'VAT');
  }
  const legal = cac(p, 'PartyLegalEntity');
  cbc(legal, 'RegistrationName', details.name);
  if (details.companyCode) cbc(legal, 'CompanyID', details.companyCode);
  if (details.email) cbc(cac(p, 'Contact'), 'ElectronicMail', details.email);
}

function taxCategory(category: XMLBuilder, rateBp: number, cac: Cac, cbc: Cbc): void {
  cbc(category, 'ID', vatCategory(rateBp));
  cbc(category, 'Percent', percent(rateBp));
  cbc(cac(category, 'TaxScheme'), 'ID', 'VAT');
}

function invoiceLine(element: XMLBuilder, line: InvoiceDocumentLine, credit: boolean, x: { amount: (parent: XMLBuilder, name: string, minor: number) => XMLBuilder; cac: Cac; cbc: Cbc; currency: string }): void {
  x.cbc(element, 'ID', String(line.position));
  x.cbc(element, credit ? 'CreditedQuantity' : 'InvoicedQuantity', quantity(line.quantityMilli), { unitCode: UNIT_CODES[line.unit] });
  x.amount(element, 'LineExtensionAmount', line.net);
  const item = x.cac(element, 'Item');
  x.cbc(item, 'Name', line.description);
  if (line.sku) x.cbc(x.cac(item, 'SellersItemIdentification'), 'ID', line.sku);
  taxCategory(x.cac(item, 'ClassifiedTaxCategory'), line.taxRateBp, x.cac, x.cbc);
  // The item's net price (BT-146) is the line's net over its quantity, the discount taken off, to
  // four decimals (half a ten-thousandth a unit off at most).
  const price = x.cac(element, 'Price');
  const digits = currencyDigits(x.currency);
  const unitNet = (BigInt(line.net) * 10n ** BigInt(4 - digits + 3) * 2n + BigInt(line.quantityMilli)) / (2n * BigInt(line.quantityMilli));
  x.cbc(price, 'PriceAmount', formatAmount(Number(unitNet), 4), { currencyID: x.currency });
}
