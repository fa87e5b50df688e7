import { MAX_INVOICE_RECEIPTS, type InvoiceDraft } from '../../shared/schemas/invoicing.ts';
import type { Unit } from '../../shared/schemas/common.ts';
import { addDays, localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import { lineGross } from '../../shared/money.ts';
import { pricedLine, withAmounts, type PricedLine } from './lines.ts';

/** What a draft gathers, priced by the server: the lines, what was paid for them at the till, the receipts' numbers. */
export interface GatheredLines {
  lines: PricedLine[];
  paidAtTill: number;
  receiptNumbers: string[];
  /** The day of the last receipt gathered (the supply date unless set). */
  lastSaleDay: string | null;
  preOrderNumber: string | null;
}

const INVOICEABLE_KINDS = new Set(['goods', 'service']);

/**
 * Turns a draft's receipts, pre-order and lines into priced invoice lines. Receipts are taken as
 * sold (their lines' amounts and VAT, less what was returned); only what was put on account at the
 * till is owed on the invoice, the rest was paid there. Catalogue lines take the contract's price,
 * else the product's.
 */
export async function gatherLines(tx: Tx, outlet: { id: string; timezone: string }, draft: InvoiceDraft, contractPrices: Map<string, number>): Promise<GatheredLines> {
  const lines: PricedLine[] = [];
  let paidAtTill = 0;
  const receiptNumbers: string[] = [];
  let lastSaleDay: string | null = null;

  if (draft.saleIds.length) {
    const sales = await tx.sale.findMany({ where: { id: { in: draft.saleIds } }, include: { lines: { orderBy: { lineNo: 'asc' } }, payments: true } });
    const byId = new Map(sales.map((s) => [s.id, s]));
    const invoiced = new Set((await tx.invoiceSale.findMany({ where: { saleId: { in: draft.saleIds } }, select: { saleId: true } })).map((s) => s.saleId));
    const returns = await tx.sale.findMany({ where: { originalSaleId: { in: draft.saleIds }, kind: 'return' }, include: { lines: true, payments: true } });
    const returned = new Map<string, { quantityMilli: number; amount: number; taxAmount: number }>();
    for (const line of returns.flatMap((r) => r.lines)) {
      if (!line.originalLineId) continue;
      const r = returned.get(line.originalLineId) ?? { quantityMilli: 0, amount: 0, taxAmount: 0 };
      r.quantityMilli += Math.abs(line.quantityMilli);
      r.amount += Math.abs(line.amount);
      r.taxAmount += Math.abs(line.taxAmount);
      returned.set(line.originalLineId, r);
    }
    const skus = new Map((await tx.product.findMany({ where: { id: { in: sales.flatMap((s) => s.lines.map((l) => l.productId)) } }, select: { id: true, sku: true } })).map((p) => [p.id, p.sku]));
    for (const [i, saleId] of draft.saleIds.entries()) {
      const sale = byId.get(saleId);
      const path = `body.saleIds.${i}`;
      if (!sale) throw notFound('sale-not-found', 'No such receipt', [{ path, message: 'unknown receipt' }]);
      if (sale.kind !== 'sale') throw badRequest('not-a-sale', `${sale.number} is a return, not a sale`, [{ path, message: 'a return' }]);
      if (sale.customerId !== draft.customerId) throw badRequest('sale-of-another-customer', `Receipt ${sale.number} was not sold to this customer`, [{ path, message: 'another customer' }]);
      if (invoiced.has(saleId)) throw new AppError(409, 'sale-already-invoiced', `Receipt ${sale.number} is on an invoice already`, [{ path, message: 'invoiced already' }]);
      let goodsGross = 0;
      for (const line of sale.lines) {
        if (!INVOICEABLE_KINDS.has(line.kind)) continue;
        const back = returned.get(line.id) ?? { quantityMilli: 0, amount: 0, taxAmount: 0 };
        const quantityMilli = line.quantityMilli - back.quantityMilli;
        if (quantityMilli <= 0) continue;
        const gross = line.amount - back.amount;
        goodsGross += gross;
        const listed = lineGross(quantityMilli, line.unitPrice);
        lines.push(
          withAmounts(
            { productId: line.productId, sku: skus.get(line.productId) ?? null, description: line.name, unit: line.unit as Unit, quantityMilli, unitPriceGross: line.unitPrice, taxRateBp: line.taxRateBp, discount: Math.max(0, listed - gross), saleLineId: line.id, correctsLineId: null },
            gross,
            line.taxAmount - back.taxAmount,
          ),
        );
      }
      const onAccount = sale.payments.filter((p) => p.method === 'on-account').reduce((s, p) => s + p.amount, 0);
      const refundedOnAccount = returns.filter((r) => r.originalSaleId === saleId).flatMap((r) => r.payments).filter((p) => p.method === 'on-account').reduce((s, p) => s + Math.abs(p.amount), 0);
      paidAtTill += Math.max(0, goodsGross - Math.max(0, onAccount - refundedOnAccount));
      receiptNumbers.push(sale.number);
      const day = localTimeIn(outlet.timezone, sale.createdAt).slice(0, 10);
      if (!lastSaleDay || day > lastSaleDay) lastSaleDay = day;
    }
  }

  let preOrderNumber: string | null = null;
  if (draft.preOrderId) {
    const path = 'body.preOrderId';
    const order = await tx.preOrder.findUnique({ where: { id: draft.preOrderId }, include: { lines: { orderBy: { lineNo: 'asc' } }, deposits: true } });
    if (!order) throw notFound('pre-order-not-found', 'No such pre-order', [{ path, message: 'unknown pre-order' }]);
    if (order.customerId !== draft.customerId) throw badRequest('pre-order-of-another-customer', `Pre-order ${order.number} is another customer's`, [{ path, message: 'another customer' }]);
    if (order.status === 'cancelled' || order.status === 'collected') throw new AppError(409, 'pre-order-not-invoiceable', `Pre-order ${order.number} is ${order.status}`, [{ path, message: order.status }]);
    const onInvoice = await tx.invoice.findFirst({ where: { preOrderId: order.id, kind: 'invoice', status: 'issued' }, select: { displayNumber: true } });
    if (onInvoice) throw new AppError(409, 'pre-order-already-invoiced', `Pre-order ${order.number} is on invoice ${onInvoice.displayNumber}`, [{ path, message: 'invoiced already' }]);
    let gross = 0;
    for (const line of order.lines) {
      const product = line.productId ? await tx.product.findUnique({ where: { id: line.productId }, include: { taxRate: true } }) : null;
      if (!product) throw badRequest('pre-order-line-not-in-catalogue', `"${line.description}" of pre-order ${order.number} is not in the catalogue: its tax rate is unknown`, [{ path, message: `line ${line.lineNo} has no product` }]);
      const priced = pricedLine({ productId: product.id, sku: product.sku, description: line.description, unit: product.unit as Unit, quantityMilli: line.quantityMilli, unitPriceGross: line.unitPrice, taxRateBp: product.taxRate.rateBp });
      gross += priced.gross;
      lines.push(priced);
    }
    paidAtTill += Math.min(gross, Math.max(0, order.deposits.reduce((s, d) => s + d.amount, 0)));
    preOrderNumber = order.number;
  }

  const rates = new Set((await tx.taxRate.findMany({ select: { rateBp: true } })).map((r) => r.rateBp));
  for (const [i, line] of draft.lines.entries()) {
    if ('productId' in line) {
      const product = await tx.product.findUnique({ where: { id: line.productId }, include: { taxRate: true } });
      if (!product || !product.active) throw notFound('product-not-found', 'Unknown product', [{ path: `body.lines.${i}.productId`, message: 'unknown product' }]);
      if (!INVOICEABLE_KINDS.has(product.kind)) throw badRequest('not-invoiceable', `${product.name} cannot be invoiced (a ${product.kind})`, [{ path: `body.lines.${i}.productId`, message: product.kind }]);
      if (product.unit === 'piece' && line.quantityMilli % 1000 !== 0) throw badRequest('invalid-quantity', `${product.name} is sold by the piece`, [{ path: `body.lines.${i}.quantityMilli`, message: 'whole pieces only' }]);
      lines.push(pricedLine({ productId: product.id, sku: product.sku, description: product.name, unit: product.unit as Unit, quantityMilli: line.quantityMilli, unitPriceGross: contractPrices.get(product.id) ?? product.price, taxRateBp: product.taxRate.rateBp }));
    } else {
      if (!rates.has(line.taxRateBp)) throw badRequest('unknown-tax-rate', `The shop has no ${line.taxRateBp / 100} % tax rate`, [{ path: `body.lines.${i}.taxRateBp`, message: 'not one of the shop’s tax rates' }]);
      if (line.unit === 'piece' && line.quantityMilli % 1000 !== 0) throw badRequest('invalid-quantity', `"${line.description}" is counted in pieces`, [{ path: `body.lines.${i}.quantityMilli`, message: 'whole pieces only' }]);
      lines.push(pricedLine({ productId: null, sku: null, description: line.description, unit: line.unit, quantityMilli: line.quantityMilli, unitPriceGross: line.unitPriceGross, taxRateBp: line.taxRateBp }));
    }
  }
  if (!lines.length) throw badRequest('invoice-empty', 'The invoice has nothing on it: add receipts, a pre-order or lines', [{ path: 'body.lines', message: 'no lines' }]);
  return { lines, paidAtTill, receiptNumbers, lastSaleDay, preOrderNumber };
}

/**
 * A customer's receipts (sales, not returns) of a period on the outlet's clock that no issued
 * invoice gathers yet, oldest first: what an invoice of the period may take.
 */
export async function uninvoicedReceipts(db: Db, timezone: string, customerId: string, from: string, to: string) {
  const sales = await db.sale.findMany({
    where: { customerId, kind: 'sale', createdAt: { gte: startOfLocalDay(timezone, from), lt: startOfLocalDay(timezone, addDays(to, 1)) } },
    include: { payments: { where: { method: 'on-account' }, select: { amount: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const invoiced = new Set((await db.invoiceSale.findMany({ where: { saleId: { in: sales.map((s) => s.id) } }, select: { saleId: true } })).map((s) => s.saleId));
  return sales
    .filter((s) => !invoiced.has(s.id))
    .slice(0, MAX_INVOICE_RECEIPTS)
    .map((s) => ({ id: s.id, number: s.number, createdAt: s.createdAt.toISOString(), total: s.total, onAccount: s.payments.reduce((sum, p) => sum + p.amount, 0) }));
}
