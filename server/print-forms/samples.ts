// A sample document of each form type, with every field that may be empty filled, so that a template
// checked against it has met every placeholder a real document can give it (preview and save).
import type { Locale } from '../../shared/locales.ts';
import type { ContractDocument } from '../../shared/invoicing/contract.ts';
import type { InvoiceDocument } from '../../shared/invoicing/document.ts';
import type { CustomerStatement } from '../../shared/invoicing/statement.ts';
import type { PrintFormType } from '../../shared/schemas/print-forms.ts';

const seller = {
  name: 'UAB Šiaurės prekyba',
  companyCode: '304123456',
  vatCode: 'LT100009876543',
  address: 'Gedimino pr. 1, LT-01103 Vilnius',
  country: 'LT',
  bankAccount: 'LT12 1000 0111 0100 1000',
  email: 'info@example.lt',
};
const buyer = {
  name: 'SRL Câmpul Verde',
  companyCode: 'J40/1234/2020',
  vatCode: 'RO12345678',
  address: 'Str. Știrbei Vodă 10, București',
  country: 'RO',
  bankAccount: 'RO49 AAAA 1B31 0075 9384 0000',
  email: 'contabilitate@example.ro',
};

export function sampleInvoice(language: Locale, kind: 'invoice' | 'credit-note' = 'invoice'): InvoiceDocument {
  return {
    kind,
    id: '01900000-0000-7000-8000-000000000001',
    outletCode: 'VLN1',
    series: kind === 'invoice' ? 'INV' : 'CN',
    number: 42,
    displayNumber: kind === 'invoice' ? 'INV-000042' : 'CN-000042',
    issueDate: '2026-03-02',
    supplyDate: '2026-02-28',
    dueDate: '2026-03-16',
    paymentTermsDays: 14,
    currency: 'EUR',
    language,
    seller,
    buyer,
    contract: { id: '01900000-0000-7000-8000-000000000002', number: 'S-2026/7' },
    corrects: { id: '01900000-0000-7000-8000-000000000003', displayNumber: 'INV-000041', issueDate: '2026-02-01' },
    receiptNumbers: ['R1-0001-0012', 'R1-0003-0044'],
    preOrderNumber: 'P-0007',
    lines: [
      { position: 1, productId: '01900000-0000-7000-8000-000000000004', sku: '4770001', description: 'Coffee beans 1 kg', unit: 'piece', quantityMilli: 3000, unitPriceGross: 1815, taxRateBp: 2100, discount: 0, net: 4500, vat: 945, gross: 5445 },
      { position: 2, productId: '01900000-0000-7000-8000-000000000005', sku: '2000123', description: 'Cheese', unit: 'kg', quantityMilli: 1250, unitPriceGross: 1090, taxRateBp: 900, discount: 63, net: 1193, vat: 107, gross: 1300 },
      { position: 3, productId: null, sku: null, description: 'Delivery', unit: 'piece', quantityMilli: 1000, unitPriceGross: 1210, taxRateBp: 2100, discount: 0, net: 1000, vat: 210, gross: 1210 },
    ],
    vatBreakdown: [
      { taxRateBp: 2100, net: 5500, vat: 1155, gross: 6655 },
      { taxRateBp: 900, net: 1193, vat: 107, gross: 1300 },
    ],
    totals: { net: 6693, vat: 1262, gross: 7955 },
    notes: 'Thank you for your order.',
    customFields: {},
  };
}

export function sampleStatement(language: Locale): CustomerStatement {
  return {
    kind: 'statement',
    customerId: '01900000-0000-7000-8000-000000000006',
    seller,
    buyer,
    language,
    currency: 'EUR',
    from: '2026-02-01',
    to: '2026-02-28',
    issueDate: '2026-03-01',
    openingBalance: 12000,
    entries: [
      { day: '2026-02-03', kind: 'payment', reference: 'BT-5521', debit: 0, credit: 12000, balance: 0 },
      { day: '2026-02-10', kind: 'invoice', reference: 'INV-000041', debit: 7955, credit: 0, balance: 7955 },
      { day: '2026-02-10', kind: 'paid-at-till', reference: 'INV-000041', debit: 0, credit: 1000, balance: 6955 },
      { day: '2026-02-12', kind: 'credit-note', reference: 'CN-000003', debit: 0, credit: 1300, balance: 5655 },
      { day: '2026-02-20', kind: 'payment', reference: 'BT-5610', debit: 0, credit: 3000, balance: 2655 },
    ],
    totalDebit: 7955,
    totalCredit: 17300,
    closingBalance: 2655,
  };
}

export function sampleContract(language: Locale): ContractDocument {
  return {
    kind: 'contract',
    id: '01900000-0000-7000-8000-000000000002',
    outletCode: 'VLN1',
    number: 'S-2026/7',
    signedDate: '2026-01-05',
    validFrom: '2026-01-05',
    validUntil: '2026-12-31',
    currency: 'EUR',
    language,
    seller,
    buyer,
    paymentTermsDays: 14,
    terms: '1. The seller supplies the goods listed below at the agreed prices.\n2. The buyer pays each invoice within the payment terms.',
    prices: [
      { productId: '01900000-0000-7000-8000-000000000004', sku: '4770001', description: 'Coffee beans 1 kg', unit: 'piece', unitPriceGross: 1750, taxRateBp: 2100 },
      { productId: '01900000-0000-7000-8000-000000000005', sku: '2000123', description: 'Cheese', unit: 'kg', unitPriceGross: 1050, taxRateBp: 900 },
    ],
  };
}

export function sampleOf(type: PrintFormType, language: Locale): InvoiceDocument | CustomerStatement | ContractDocument {
  if (type === 'statement') return sampleStatement(language);
  if (type === 'contract') return sampleContract(language);
  return sampleInvoice(language, type);
}
