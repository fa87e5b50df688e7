import { badRequest } from '../http/errors.ts';

export interface Tender {
  method: 'cash' | 'card';
  amount: number;
  reference?: string;
}

export interface SettledPayment {
  method: 'cash' | 'card';
  /** Applied to the sale. */
  amount: number;
  tendered: number | null;
  change: number;
  reference: string | null;
}

/**
 * Splits what the customer handed over into applied amounts and change. Only cash can exceed
 * what is due (the excess is change, given from the last cash tender); cards are charged exactly.
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
    throw badRequest('card-overpayment', 'A card cannot be charged more than is due', [{ path: 'tenders', message: 'card exceeds the amount due' }]);
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
