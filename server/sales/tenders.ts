import type { PaymentMethod } from '../../shared/schemas/sales.ts';
import { badRequest, forbidden } from '../http/errors.ts';

export interface Tender {
  method: PaymentMethod;
  amount: number;
  reference?: string;
}

export interface SettledPayment {
  method: PaymentMethod;
  /** Applied to the sale. */
  amount: number;
  tendered: number | null;
  change: number;
  reference: string | null;
}

/**
 * Splits what the customer handed over into applied amounts and change. Only cash can exceed
 * what is due (the excess is change, given from the last cash tender); cards, points and gift
 * cards are charged exactly.
 */
export function settleTenders(total: number, tenders: Tender[]): SettledPayment[] {
  const handed = tenders.reduce((s, t) => s + t.amount, 0);
  if (handed < total) {
    throw badRequest('insufficient-tender', `Tendered ${handed} does not cover ${total}`, [{ path: 'tenders', message: 'does not cover the total' }], {
      total,
      tendered: handed,
    });
  }
  let change = handed - total;
  const cash = tenders.reduce((s, t) => s + (t.method === 'cash' ? t.amount : 0), 0);
  if (change > cash) {
    throw badRequest('card-overpayment', 'Only cash can exceed what is due', [{ path: 'tenders', message: 'non-cash tenders exceed the amount due' }]);
  }
  const settled: SettledPayment[] = tenders.map((t) => ({
    method: t.method,
    amount: t.amount,
    tendered: t.method === 'cash' ? t.amount : null,
    change: 0,
    reference: t.reference ?? null,
  }));
  for (let i = settled.length - 1; i >= 0 && change > 0; i--) {
    const p = settled[i];
    if (p.method !== 'cash') continue;
    const given = Math.min(change, p.amount);
    p.change = given;
    p.amount -= given;
    change -= given;
  }
  return settled.filter((p) => p.amount > 0 || p.change > 0);
}

type PaidTender = { method: string; amount: number; reference: string | null };

/**
 * How a return refunds: first back onto the gift cards, points and account the sale was paid with (up to
 * what they paid, less what earlier returns already put back), the rest by the method the
 * cashier chose. Money never leaves the drawer for what a gift card or points paid. Without
 * `anyTender` (the refund-any-tender right) the rest goes back only as it was paid: by a method
 * that paid for the sale, up to what it paid less what earlier returns gave back by it. A
 * pre-order's deposit was paid on another receipt, so what it paid goes back in cash or by card.
 */
export function refundTenders(total: number, method: PaymentMethod, paid: PaidTender[], refundedBefore: PaidTender[], anyTender = true): SettledPayment[] {
  const refunds: SettledPayment[] = [];
  let left = total;
  for (const p of paid) {
    if (left === 0) break;
    if (p.method !== 'points' && p.method !== 'gift-card' && p.method !== 'on-account') continue;
    const same = (r: PaidTender) => r.method === p.method && r.reference === p.reference;
    const already = refundedBefore.filter(same).reduce((s, r) => s + r.amount, 0) + refunds.filter(same).reduce((s, r) => s + r.amount, 0);
    const amount = Math.min(left, p.amount - already);
    if (amount <= 0) continue;
    refunds.push({ method: p.method, amount, tendered: null, change: 0, reference: p.reference });
    left -= amount;
  }
  if (left > 0 && !anyTender) {
    const sum = (list: PaidTender[], m: string) => list.filter((r) => r.method === m).reduce((s, r) => s + r.amount, 0);
    const refundable = method === 'cash' || method === 'card' ? sum(paid, method) + sum(paid, 'deposit') - sum(refundedBefore, method) : 0;
    if (left > refundable) {
      const paidBy = [...new Set(paid.map((p) => p.method))].join(', ');
      throw forbidden('refund-tender', `The sale was paid by ${paidBy}: ${left} cannot be refunded by ${method}`, [{ path: 'refundMethod', message: `at most ${Math.max(0, refundable)} by ${method}` }], { paidBy: [...new Set(paid.map((p) => p.method))], amount: left, method });
    }
  }
  if (left > 0) refunds.push({ method, amount: left, tendered: null, change: 0, reference: null });
  return refunds;
}
