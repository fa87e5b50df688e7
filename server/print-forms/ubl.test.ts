import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument, InvoiceDocumentLine } from '../../shared/invoicing/document.ts';
import { sampleInvoice } from './samples.ts';
import { invoiceUbl } from './ubl.ts';

// The UBL is read back with a real XML parser and checked against the document and against
// EN 16931's sum rules (BR-CO-10 … BR-CO-17, BR-S-08), each computed here from the XML alone.

const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';

function parse(xml: string): Element {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc.documentElement!;
}

/** Child elements of `parent` with a UBL name ("cac:Party", "cbc:ID"), in order. */
function children(parent: Element, name: string): Element[] {
  const [prefix, local] = name.split(':');
  const ns = prefix === 'cac' ? CAC : CBC;
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === local);
}

/** The one element at a path of child names. */
function at(parent: Element, path: string): Element {
  let node = parent;
  for (const name of path.split('/')) {
    const found = children(node, name);
    expect(found, path).toHaveLength(1);
    node = found[0];
  }
  return node;
}
const text = (parent: Element, path: string) => at(parent, path).textContent!;

/** A decimal amount as written in the XML, in minor units, never through floating point. */
function minor(element: Element, digits: number, currency: string): number {
  expect(element.getAttribute('currencyID')).toBe(currency);
  const value = element.textContent!;
  expect(value).toMatch(digits ? new RegExp(`^\\d+\\.\\d{${digits}}$`) : /^\d+$/);
  return Number(value.replace('.', ''));
}

/** An invoice made up here: lines priced with tax, VAT per line, sums per rate. */
function madeUp(seed: number, currency = 'EUR', kind: 'invoice' | 'credit-note' = 'invoice'): InvoiceDocument {
  let state = seed;
  const random = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const units = ['piece', 'kg', 'l', 'm'] as const;
  const rates = [2100, 900, 500, 0];
  const lines: InvoiceDocumentLine[] = Array.from({ length: 1 + random(9) }, (_, i) => {
    const unit = units[random(4)];
    const quantityMilli = unit === 'piece' ? (1 + random(20)) * 1000 : 1 + random(5000);
    const unitPriceGross = 1 + random(50_000);
    const taxRateBp = rates[random(4)];
    const full = Math.round((quantityMilli * unitPriceGross) / 1000);
    const discount = random(3) === 0 ? random(Math.max(full, 1)) : 0;
    const gross = Math.max(full - discount, 0);
    const vat = Math.round((gross * taxRateBp) / (10_000 + taxRateBp));
    return { position: i + 1, productId: null, sku: random(2) ? `SKU${i}` : null, description: `Line <${i}> & "more"`, unit, quantityMilli, unitPriceGross, taxRateBp, discount, net: gross - vat, vat, gross };
  });
  const byRate = new Map<number, { taxRateBp: number; net: number; vat: number; gross: number }>();
  for (const line of lines) {
    const row = byRate.get(line.taxRateBp) ?? { taxRateBp: line.taxRateBp, net: 0, vat: 0, gross: 0 };
    row.net += line.net;
    row.vat += line.vat;
    row.gross += line.gross;
    byRate.set(line.taxRateBp, row);
  }
  const vatBreakdown = [...byRate.values()];
  const sum = (key: 'net' | 'vat' | 'gross') => lines.reduce((s, l) => s + l[key], 0);
  return { ...sampleInvoice('en', kind), currency, lines, vatBreakdown, totals: { net: sum('net'), vat: sum('vat'), gross: sum('gross') } };
}

function checkAgainst(doc: InvoiceDocument, digits: number) {
  const credit = doc.kind === 'credit-note';
  const root = parse(invoiceUbl(doc));
  expect(root.localName).toBe(credit ? 'CreditNote' : 'Invoice');
  expect(root.namespaceURI).toBe(`urn:oasis:names:specification:ubl:schema:xsd:${credit ? 'CreditNote' : 'Invoice'}-2`);
  expect(text(root, 'cbc:CustomizationID')).toBe('urn:cen.eu:en16931:2017');
  expect(text(root, 'cbc:ID')).toBe(doc.displayNumber);
  expect(text(root, 'cbc:IssueDate')).toBe(doc.issueDate);
  expect(text(root, credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode')).toBe(credit ? '381' : '380');
  expect(text(root, 'cbc:DocumentCurrencyCode')).toBe(doc.currency);
  if (credit) expect(text(root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID')).toBe(doc.corrects!.displayNumber);
  for (const [role, party] of [['cac:AccountingSupplierParty', doc.seller], ['cac:AccountingCustomerParty', doc.buyer]] as const) {
    const p = at(root, `${role}/cac:Party`);
    expect(text(p, 'cac:PartyTaxScheme/cbc:CompanyID')).toBe(party.vatCode);
    expect(text(p, 'cac:PartyTaxScheme/cac:TaxScheme/cbc:ID')).toBe('VAT');
    expect(text(p, 'cac:PartyLegalEntity/cbc:RegistrationName')).toBe(party.name);
    expect(text(p, 'cac:PartyLegalEntity/cbc:CompanyID')).toBe(party.companyCode);
    expect(text(p, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode')).toBe(party.country);
  }
  const amount = (element: Element) => minor(element, digits, doc.currency);

  const lines = children(root, credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine');
  expect(lines).toHaveLength(doc.lines.length);
  const unitCodes = { piece: 'H87', kg: 'KGM', l: 'LTR', m: 'MTR' };
  const lineNets = lines.map((line, i) => {
    const source = doc.lines[i];
    const qty = at(line, credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity');
    expect(qty.getAttribute('unitCode')).toBe(unitCodes[source.unit]);
    expect(Number(qty.textContent) * 1000).toBeCloseTo(source.quantityMilli, 6);
    expect(text(line, 'cac:Item/cbc:Name')).toBe(source.description);
    expect(text(line, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID')).toBe(source.taxRateBp > 0 ? 'S' : 'Z');
    expect(Number(text(line, 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent'))).toBe(source.taxRateBp / 100);
    const net = amount(at(line, 'cbc:LineExtensionAmount'));
    expect(net).toBe(source.net);
    // Quantity × item net price gives the line's net amount (BT-131 = BT-129 × BT-146) to within a cent.
    expect(Math.abs((Number(qty.textContent) * Number(text(line, 'cac:Price/cbc:PriceAmount'))) * 10 ** digits - net)).toBeLessThanOrEqual(1 + Number(qty.textContent) * 0.00005 * 10 ** digits);
    return { net, category: text(line, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID'), percent: text(line, 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent') };
  });

  const totals = at(root, 'cac:LegalMonetaryTotal');
  const lineExtension = amount(at(totals, 'cbc:LineExtensionAmount'));
  const taxExclusive = amount(at(totals, 'cbc:TaxExclusiveAmount'));
  const taxInclusive = amount(at(totals, 'cbc:TaxInclusiveAmount'));
  const payable = amount(at(totals, 'cbc:PayableAmount'));
  const taxTotal = at(root, 'cac:TaxTotal');
  const totalVat = amount(at(taxTotal, 'cbc:TaxAmount'));
  const subtotals = children(taxTotal, 'cac:TaxSubtotal');

  // The document's own totals.
  expect({ net: taxExclusive, vat: totalVat, gross: taxInclusive }).toEqual(doc.totals);
  expect(payable).toBe(doc.totals.gross);
  // BR-CO-10: the sum of line net amounts is the sum of the lines' LineExtensionAmount.
  expect(lineExtension).toBe(lineNets.reduce((s, l) => s + l.net, 0));
  // BR-CO-11, BR-CO-12: no document-level allowances or charges, so BR-CO-13: total without VAT = line sum.
  expect(children(root, 'cac:AllowanceCharge')).toHaveLength(0);
  expect(taxExclusive).toBe(lineExtension);
  // BR-CO-14: the VAT total is the sum of the categories' VAT.
  expect(totalVat).toBe(subtotals.reduce((s, sub) => s + amount(at(sub, 'cbc:TaxAmount')), 0));
  // BR-CO-15: total with VAT = total without VAT + VAT; BR-CO-16: nothing prepaid, all of it due.
  expect(taxInclusive).toBe(taxExclusive + totalVat);
  expect(payable).toBe(taxInclusive);
  for (const sub of subtotals) {
    const category = text(sub, 'cac:TaxCategory/cbc:ID');
    const pct = text(sub, 'cac:TaxCategory/cbc:Percent');
    const taxable = amount(at(sub, 'cbc:TaxableAmount'));
    const vat = amount(at(sub, 'cbc:TaxAmount'));
    const linesOfIt = lineNets.filter((l) => l.category === category && l.percent === pct);
    // BR-S-08 / BR-Z-08: a category's taxable amount is the sum of its lines' net amounts.
    expect(taxable).toBe(linesOfIt.reduce((s, l) => s + l.net, 0));
    // BR-CO-17: VAT = taxable × rate, here within a cent per line (VAT is taken out of each line's tax-inclusive price).
    expect(Math.abs(vat - (taxable * Number(pct)) / 100)).toBeLessThanOrEqual(linesOfIt.length);
    if (category === 'Z') expect(vat).toBe(0);
  }
  return root;
}

describe('invoiceUbl', () => {
  it('writes the sample invoice as an EN 16931 UBL Invoice whose totals are the invoice’s', () => {
    const doc = sampleInvoice('lt');
    const root = checkAgainst(doc, 2);
    expect(text(root, 'cbc:DueDate')).toBe(doc.dueDate);
    expect(text(root, 'cac:ContractDocumentReference/cbc:ID')).toBe(doc.contract!.number);
    expect(text(root, 'cac:Delivery/cbc:ActualDeliveryDate')).toBe(doc.supplyDate);
    expect(text(root, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID')).toBe(doc.seller.bankAccount!.replace(/\s/g, ''));
  });

  it('writes a credit note as a UBL CreditNote referring to the invoice it corrects', () => {
    checkAgainst(sampleInvoice('ro', 'credit-note'), 2);
  });

  it('adds up under EN 16931 for many made-up invoices and credit notes, in euros and in yen', () => {
    for (let seed = 1; seed <= 30; seed++) {
      checkAgainst(madeUp(seed), 2);
      checkAgainst(madeUp(seed + 1000, 'JPY'), 0);
      checkAgainst(madeUp(seed + 2000, 'EUR', 'credit-note'), 2);
    }
  });
});
