import type { Api } from '../../../shared/api-client.ts';
import { newId } from '../../../shared/ids.ts';
import type { ProductView } from '../../../shared/schemas/catalog.ts';
import type { PreOrderView } from '../../../shared/schemas/pre-orders.ts';
import { t } from '../i18n/i18n.svelte.ts';
import type { Approvals } from './approvals.svelte.ts';
import type { Cart, CartLine } from './cart.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { RefundMethod, Returns } from './returns.svelte.ts';

/** Pre-orders at the register: taken from the cart, deposits paid on receipts of their own, collected, cancelled with a refund. */
export class PreOrders {
  constructor(
    private readonly api: Api,
    private readonly cart: Cart,
    private readonly approvals: Approvals,
    private readonly returns: Returns,
    private readonly notices: Notices,
  ) {}

  list(query: { customerId?: string; q?: string }): Promise<{ items: PreOrderView[] }> {
    const params = new URLSearchParams({ status: 'open', limit: '20', ...(query.customerId ? { customerId: query.customerId } : {}), ...(query.q ? { q: query.q } : {}) });
    return this.api.get(`/api/pre-orders?${params}`);
  }

  /** Whether the cart can become a pre-order: a customer and goods, and not a collection already. */
  get cartCanBeOrdered(): boolean {
    return this.cart.customer !== null && this.cart.lines.some((l) => l.product.kind === 'goods') && !this.cart.collecting;
  }

  /** Orders the cart's goods for the cart's customer at the prices shown; the cart empties. */
  async take(expectedDate: string | null, note: string): Promise<PreOrderView> {
    const { cart } = this;
    const customer = cart.customer;
    if (!customer) throw new Error(t('Attach the customer first'));
    const goods = cart.lines.filter((l) => l.product.kind === 'goods');
    if (!goods.length) throw new Error(t('Scan the goods to order first'));
    const priced = new Map(cart.priced.lines.map((l) => [l.lineId, l]));
    const lines: { productId: string; quantityMilli: number; unitPrice: number; approvalId?: string }[] = goods.map((l) => ({ productId: l.product.id, quantityMilli: l.quantityMilli, unitPrice: Math.round((priced.get(l.lineId)!.amount * 1000) / l.quantityMilli) }));
    const id = newId();
    // An agreed price below what the customer would pay now needs a supervisor (lines.N.approvalId).
    const order = await this.approvals.withApprovals(
      () => this.api.post<PreOrderView>('/api/pre-orders', { id, customerId: customer.id, expectedDate, note, lines }),
      (field, approvalId) => {
        const line = lines[Number(/^lines\.(\d+)\.approvalId$/.exec(field)?.[1] ?? -1)];
        if (line) line.approvalId = approvalId;
        return !!line;
      },
    );
    cart.clear();
    cart.customer = customer;
    this.notices.info(t('Pre-order {number} taken', { number: order.number }));
    return order;
  }

  /** Puts a deposit for the order in the cart (with its customer), to be paid like any sale. */
  async addDeposit(order: PreOrderView, amount: number): Promise<void> {
    const { cart } = this;
    if (cart.collecting || cart.lines.some((l) => l.product.kind === 'goods')) throw new Error(t('A deposit is paid on a receipt of its own'));
    const product = await this.api.get<ProductView>('/api/pre-orders/deposit-product');
    await cart.customerById(order.customer.id);
    const line: CartLine = { lineId: newId(), product, quantityMilli: 1000, unitPrice: amount, deposit: { preOrderId: order.id, amount } };
    cart.fill([...cart.lines, line], cart.customer, cart.receiptDiscount);
    this.notices.info(t('Deposit for {number} is in the cart: take the payment', { number: order.number }));
  }

  /** Fills an empty cart with an arrived order's goods at the agreed prices. */
  async collect(order: PreOrderView): Promise<void> {
    const { cart } = this;
    if (!cart.empty) throw new Error(t('Finish or park the current sale first'));
    const products = await Promise.all(order.lines.map((l) => this.api.get<ProductView>(`/api/products/${l.productId}`)));
    await cart.customerById(order.customer.id);
    cart.fill(order.lines.map((l, i) => ({ lineId: newId(), product: products[i], quantityMilli: l.quantityMilli, unitPrice: l.unitPrice, preOrderLineId: l.id })), cart.customer);
    cart.collecting = { id: order.id, number: order.number, depositHeld: order.depositHeld };
    this.notices.info(t('Collecting {number} at the agreed prices; the deposit is deducted', { number: order.number }));
  }

  /** Gives the deposits back (a return of each deposit receipt), then cancels the order. */
  async cancel(order: PreOrderView, refundMethod: RefundMethod): Promise<void> {
    for (const d of order.deposits.filter((x) => x.kind === 'deposit' && x.saleNumber)) {
      const original = await this.returns.findSale(d.saleNumber!);
      const line = original.lines.find((l) => l.quantityMilli > l.returnedMilli);
      if (!line) continue;
      await this.returns.refund(original, [{ saleLineId: line.id, quantityMilli: line.quantityMilli - line.returnedMilli }], refundMethod);
    }
    await this.api.post(`/api/pre-orders/${order.id}/status`, { to: 'cancelled', depositPolicy: 'refund' });
    this.notices.info(t('Pre-order {number} cancelled, deposit refunded', { number: order.number }));
  }
}
