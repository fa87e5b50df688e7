// What a completed document must satisfy by its own figures (architecture invariant 10). Pure
// functions over the sync schemas: head office refuses a pushed document that fails them, and the
// outlet checks its own before queueing it, so a document it sends is one head office takes.
import type { z } from 'zod';
import { lineGross, taxIncluded } from './money.ts';
import {
  CustomerEditSchema,
  CustomerMergeSchema,
  SyncedSaleSchema,
  SyncedShiftSchema,
  SyncedStatusMoveSchema,
  SyncedStockDocumentSchema,
  type CustomerEdit,
  type CustomerMerge,
  type SyncDocumentType,
  type SyncedSale,
  type SyncedStatusMove,
  type SyncedStockDocument,
} from './schemas/sync.ts';
import {
  invoiceDocumentIssues,
  paymentDocumentIssues,
  SyncedAdvanceAllocationSchema,
  SyncedInvoicePaymentSchema,
  SyncedInvoiceSchema,
  type SyncedAdvanceAllocation,
  type SyncedInvoice,
  type SyncedInvoicePayment,
} from './invoicing/synced.ts';
import { SyncedOutletPriceSchema, type SyncedOutletPrice } from './schemas/own-prices.ts';

/** A field of the document (path inside it) and what is wrong with it. */
export interface DocumentIssue {
  path: string;
  message: string;
}

const sum = <T>(items: T[], value: (item: T) => number) => items.reduce((s, item) => s + value(item), 0);

/**
 * A sale's lines follow from quantity × price − discounts, with the tax their rate contains; its
 * discounts add up to each line's; a return's lines name the sale lines they return (their amounts
 * are shares of those, so only their sums are checked). For both, the lines add up to the totals,
 * the payments to the total, and quantities are positive.
 */
export function saleDocumentIssues(doc: SyncedSale): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const isSale = doc.kind === 'sale';
  if (isSale && doc.originalSaleId !== null) issue('originalSaleId', 'a sale returns nothing');
  if (!isSale && doc.originalSaleId === null) issue('originalSaleId', 'a return names the sale it returns');
  doc.lines.forEach((l, i) => {
    const at = `lines.${i}`;
    if (l.saleId !== doc.id) issue(`${at}.saleId`, 'not this document');
    if (l.quantityMilli <= 0) issue(`${at}.quantityMilli`, `must be positive on a ${doc.kind}`);
    if (l.unitPrice < 0) issue(`${at}.unitPrice`, 'negative');
    if (l.costAmount < 0) issue(`${at}.costAmount`, 'negative');
    if (!isSale) {
      if (l.originalLineId === null) issue(`${at}.originalLineId`, 'a return line names the sale line it returns');
      return;
    }
    if (l.originalLineId !== null) issue(`${at}.originalLineId`, 'a sale line returns nothing');
    if (l.quantityMilli > 0 && l.grossAmount !== lineGross(l.quantityMilli, l.unitPrice)) issue(`${at}.grossAmount`, `quantity × price is ${lineGross(l.quantityMilli, l.unitPrice)}`);
    if (l.discountAmount < 0 || l.discountAmount > l.grossAmount) issue(`${at}.discountAmount`, 'outside 0 … the gross amount');
    const discounted = sum(doc.discounts.filter((d) => d.lineId === l.id), (d) => d.amount);
    if (discounted !== l.discountAmount) issue(`${at}.discountAmount`, `its discounts add up to ${discounted}`);
    if (l.amount !== l.grossAmount - l.discountAmount) issue(`${at}.amount`, `gross − discount is ${l.grossAmount - l.discountAmount}`);
    if (l.taxAmount !== taxIncluded(l.amount, l.taxRateBp)) issue(`${at}.taxAmount`, `${l.taxRateBp / 100} % of the amount is ${taxIncluded(l.amount, l.taxRateBp)}`);
  });
  doc.discounts.forEach((d, i) => {
    if (d.saleId !== doc.id) issue(`discounts.${i}.saleId`, 'not this document');
    if (d.amount <= 0) issue(`discounts.${i}.amount`, 'must be positive');
    if (!doc.lines.some((l) => l.id === d.lineId)) issue(`discounts.${i}.lineId`, 'not a line of this document');
  });
  const totals = [
    ['subtotal', sum(doc.lines, (l) => l.grossAmount)],
    ['discountTotal', sum(doc.lines, (l) => l.discountAmount)],
    ['total', sum(doc.lines, (l) => l.amount)],
    ['taxTotal', sum(doc.lines, (l) => l.taxAmount)],
  ] as const;
  for (const [field, lines] of totals) if (doc[field] !== lines) issue(field, `the lines add up to ${lines}`);
  doc.payments.forEach((p, i) => {
    const at = `payments.${i}`;
    if (p.saleId !== doc.id) issue(`${at}.saleId`, 'not this document');
    if (p.amount < 0) issue(`${at}.amount`, 'negative');
    if (p.change < 0 || (p.change > 0 && !(isSale && p.method === 'cash'))) issue(`${at}.change`, 'only cash handed over for a sale gives change');
    if (isSale && p.method === 'cash' && p.tendered !== p.amount + p.change) issue(`${at}.tendered`, 'is not the amount plus change');
  });
  const paid = sum(doc.payments, (p) => p.amount);
  if (paid !== doc.total) issue('payments', `pay ${paid} of a total of ${doc.total}`);
  return issues;
}

/** How each kind of stock document may move a quantity: the sign its lines' quantities have. */
const QUANTITY_SIGN = { delivery: 'positive', 'write-off': 'positive', 'transfer-out': 'positive', 'transfer-in': 'zero or positive', count: 'zero or positive' } as const;

/**
 * A posted stock document's lines have the sign its kind allows and cost what they say; a count's
 * and a received transfer's differences follow from what was expected; a received transfer carries
 * the note it was received by, whose lines are what was expected.
 */
export function stockDocumentIssues(doc: SyncedStockDocument): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const status = doc.kind === 'transfer-out' ? 'in-transit' : 'posted';
  if (doc.status !== status) issue('status', `a ${doc.kind} is sent ${status}`);
  if (doc.postedAt === null) issue('postedAt', 'not posted');
  if (doc.kind !== 'count' && !doc.lines.length) issue('lines', 'no lines');
  const positive = QUANTITY_SIGN[doc.kind] === 'positive';
  const expects = doc.kind === 'count' || doc.kind === 'transfer-in';
  doc.lines.forEach((l, i) => {
    const at = `lines.${i}`;
    if (positive ? l.quantityMilli <= 0 : l.quantityMilli < 0) issue(`${at}.quantityMilli`, `must be ${QUANTITY_SIGN[doc.kind]} on a ${doc.kind}`);
    if (doc.kind !== 'count' && (l.unitCost === null || l.unitCost < 0)) issue(`${at}.unitCost`, 'a cost of zero or more');
    if (expects && (l.expectedMilli === null || l.differenceMilli !== l.quantityMilli - l.expectedMilli)) issue(`${at}.differenceMilli`, 'is not the quantity less what was expected');
  });
  if (doc.kind !== 'count') {
    const cost = sum(doc.lines, (l) => (l.quantityMilli > 0 && l.unitCost !== null ? lineGross(l.quantityMilli, l.unitCost) : 0));
    if (doc.totalCost !== cost) issue('totalCost', `the lines cost ${cost}`);
  }
  if ((doc.kind === 'transfer-out' || doc.kind === 'transfer-in') && !doc.counterpart) issue('counterpart', 'a transfer names the other outlet');
  if (doc.kind === 'transfer-in') {
    const note = doc.transferNote;
    if (!doc.transferId) issue('transferId', 'a received transfer names the transfer');
    if (!note) issue('transferNote', 'a received transfer carries its note');
    else {
      if (note.id !== doc.transferId) issue('transferNote.id', 'not the transfer received');
      if (note.from.code !== doc.counterpart) issue('counterpart', 'not the outlet the note is from');
      const sent = note.lines.map((l) => l.quantityMilli).sort((a, b) => a - b);
      const expected = doc.lines.map((l) => l.expectedMilli ?? -1).sort((a, b) => a - b);
      if (sent.join() !== expected.join()) issue('lines', 'what was expected is not what the note sent');
    }
  }
  return issues;
}

/** A pushed document read by its type's schema. */
export type ReadDocument =
  | { type: 'sale' | 'return'; sale: SyncedSale }
  | { type: `stock-${SyncedStockDocument['kind']}`; stock: SyncedStockDocument }
  | { type: 'shift'; shift: z.output<typeof SyncedShiftSchema> }
  | { type: 'customer-edit'; edit: CustomerEdit }
  | { type: 'customer-merge'; merge: CustomerMerge }
  | { type: 'invoice' | 'credit-note'; invoice: SyncedInvoice }
  | { type: 'invoice-payment'; payment: SyncedInvoicePayment }
  | { type: 'advance-allocation'; advance: SyncedAdvanceAllocation }
  | { type: 'customer-status-move'; move: SyncedStatusMove }
  | { type: 'outlet-price'; outletPrice: SyncedOutletPrice };

function parse<T>(schema: z.ZodType<T>, payload: unknown): { data: T; issues: [] } | { data: null; issues: DocumentIssue[] } {
  const result = schema.safeParse(payload);
  if (result.success) return { data: result.data, issues: [] };
  return { data: null, issues: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/**
 * Reads a document of a type by its schema and checks it: the document, or every issue found (paths
 * inside the payload). The document's id, outlet and dates are the reader's to check.
 */
export function readDocument(type: SyncDocumentType, payload: unknown): { document: ReadDocument; issues: [] } | { document: null; issues: DocumentIssue[] } {
  if (type === 'sale' || type === 'return') {
    const { data, issues } = parse(SyncedSaleSchema, payload);
    if (!data) return { document: null, issues };
    const found = data.kind === type ? saleDocumentIssues(data) : [{ path: 'kind', message: `not a ${type}` }];
    return found.length ? { document: null, issues: found } : { document: { type, sale: data }, issues: [] };
  }
  if (type === 'shift') {
    const { data, issues } = parse(SyncedShiftSchema, payload);
    return data ? { document: { type, shift: data }, issues: [] } : { document: null, issues };
  }
  if (type === 'customer-edit') {
    const { data, issues } = parse(CustomerEditSchema, payload);
    return data ? { document: { type, edit: data }, issues: [] } : { document: null, issues };
  }
  if (type === 'customer-merge') {
    const { data, issues } = parse(CustomerMergeSchema, payload);
    if (data && data.keepId === data.mergeId) return { document: null, issues: [{ path: 'mergeId', message: 'the same as keepId' }] };
    return data ? { document: { type, merge: data }, issues: [] } : { document: null, issues };
  }
  if (type === 'invoice' || type === 'credit-note') {
    const { data, issues } = parse(SyncedInvoiceSchema, payload);
    if (!data) return { document: null, issues };
    const found = invoiceDocumentIssues(type, data);
    return found.length ? { document: null, issues: found } : { document: { type, invoice: data }, issues: [] };
  }
  if (type === 'invoice-payment') {
    const { data, issues } = parse(SyncedInvoicePaymentSchema, payload);
    if (!data) return { document: null, issues };
    const found = paymentDocumentIssues(data);
    return found.length ? { document: null, issues: found } : { document: { type, payment: data }, issues: [] };
  }
  if (type === 'advance-allocation') {
    const { data, issues } = parse(SyncedAdvanceAllocationSchema, payload);
    return data ? { document: { type, advance: data }, issues: [] } : { document: null, issues };
  }
  if (type === 'customer-status-move') {
    const { data, issues } = parse(SyncedStatusMoveSchema, payload);
    if (data && data.fromId === data.toId) return { document: null, issues: [{ path: 'toId', message: 'the status the customer is in already' }] };
    return data ? { document: { type, move: data }, issues: [] } : { document: null, issues };
  }
  if (type === 'outlet-price') {
    const { data, issues } = parse(SyncedOutletPriceSchema, payload);
    return data ? { document: { type, outletPrice: data }, issues: [] } : { document: null, issues };
  }
  const { data, issues } = parse(SyncedStockDocumentSchema, payload);
  if (!data) return { document: null, issues };
  const found = `stock-${data.kind}` === type ? stockDocumentIssues(data) : [{ path: 'kind', message: `not a ${type}` }];
  return found.length ? { document: null, issues: found } : { document: { type, stock: data }, issues: [] };
}
