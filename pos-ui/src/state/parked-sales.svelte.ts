import type { Api } from '../../../shared/api-client.ts';
import type { CartDraft, ParkedSaleView } from '../../../shared/schemas/parked.ts';
import { t } from '../i18n/i18n.svelte.ts';
import type { Cart } from './cart.svelte.ts';
import type { Notices } from './notices.svelte.ts';

/** Sales put aside for later (the customer went back for something) and taken up again. */
export class ParkedSales {
  constructor(
    private readonly api: Api,
    private readonly cart: Cart,
    private readonly notices: Notices,
  ) {}

  async park(label: string): Promise<void> {
    const { cart } = this;
    const draft: CartDraft = { customer: cart.customer, lines: cart.lines, ...(cart.receiptDiscount ? { receiptDiscount: cart.receiptDiscount } : {}) };
    await this.api.post('/api/parked', { label: label || undefined, cart: draft });
    cart.clear();
    this.notices.info(t('Sale parked'));
  }

  async list(): Promise<ParkedSaleView[]> {
    return (await this.api.get<{ items: ParkedSaleView[] }>('/api/parked')).items;
  }

  async resume(id: string): Promise<void> {
    const parked = await this.api.post<ParkedSaleView>(`/api/parked/${id}/resume`);
    this.cart.clear();
    this.cart.fill(parked.cart.lines, parked.cart.customer, parked.cart.receiptDiscount ?? null);
  }
}
