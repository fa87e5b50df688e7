import type { Api } from '../../../shared/api-client.ts';
import { newId } from '../../../shared/ids.ts';
import type { SaleView } from '../../../shared/schemas/sales.ts';
import type { Approvals } from './approvals.svelte.ts';
import type { Checkout } from './checkout.svelte.ts';

export type RefundMethod = 'cash' | 'card';

/** Returns by the receipt: the server works out the refund and what a supervisor must approve. */
export class Returns {
  constructor(
    private readonly api: Api,
    private readonly approvals: Approvals,
    private readonly checkout: Checkout,
  ) {}

  findSale(number: string): Promise<SaleView> {
    return this.api.get<SaleView>(`/api/sales/by-number/${encodeURIComponent(number.trim())}`);
  }

  /** Beyond the cashier's right or limit the server names the amount a supervisor approves. */
  async refund(original: SaleView, lines: { saleLineId: string; quantityMilli: number }[], refundMethod: RefundMethod): Promise<SaleView> {
    const request: { id: string; originalSaleId: string; lines: typeof lines; refundMethod: RefundMethod; approvalId?: string } = { id: newId(), originalSaleId: original.id, lines, refundMethod };
    const refund = await this.approvals.withApprovals(
      () => this.api.post<SaleView>('/api/returns', request),
      (field, approvalId) => {
        if (field !== 'approvalId') return false;
        request.approvalId = approvalId;
        return true;
      },
    );
    this.checkout.made(refund);
    return refund;
  }
}
