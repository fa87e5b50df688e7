import type { Api } from '../../../shared/api-client.ts';
import { currencyDigits, formatAmount } from '../../../shared/money.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import { displayChannel, type DisplayState } from '../lib/customer-display.ts';
import type { Cart } from './cart.svelte.ts';
import type { Checkout } from './checkout.svelte.ts';
import type { Devices } from './devices.svelte.ts';
import type { Session } from './session.svelte.ts';

/** What the customer sees: the display window(s) of this register in the same browser, and its VFD pole display. */
export class CustomerDisplay {
  #channel: BroadcastChannel | null = null;
  #poleText = '';
  /** The latest state to send after the next paint (null: none waiting). */
  #send: (() => void) | null = null;

  constructor(
    private readonly api: Api,
    private readonly session: Session,
    private readonly cart: Cart,
    private readonly checkout: Checkout,
    private readonly devices: Devices,
  ) {
    session.onSignedIn((signedIn) => {
      this.#channel?.close();
      this.#channel = displayChannel(signedIn.register?.code ?? 'R1');
      // A display window opened later asks for the current state.
      this.#channel.onmessage = () => this.publish();
    });
  }

  /**
   * Sends the sale as it stands; after a sale, the change until the next item. What it reads is
   * read now (an effect calling this runs again when any of it changes), the message is made and
   * sent once the register's own screen has painted: the customer's screen may wait a frame, the
   * cashier's line should not wait for the customer's screen.
   */
  publish(): void {
    const session = this.session.current;
    if (!this.#channel || !session) return;
    const { cart } = this;
    const priced = cart.priced;
    const amounts = new Map(priced.lines.map((l) => [l.lineId, l.amount]));
    const paid = this.checkout.lastPaid;
    const lines = cart.lines.map((l) => ({ name: l.product.name, quantityMilli: l.quantityMilli, unit: l.product.unit, amount: amounts.get(l.lineId) ?? 0 }));
    const customer = cart.customer?.name ?? null;
    const send = () => {
      const state: DisplayState = {
        locale: i18n.locale,
        currency: session.outlet.currency,
        shop: session.outlet.name,
        lines: lines.map((l) => ({ name: l.name, quantity: i18n.quantity(l.quantityMilli, l.unit), amount: l.amount })),
        total: priced.total,
        saved: lines.length ? priced.discountTotal : (paid?.discountTotal ?? 0),
        customer,
        paid: lines.length || !paid ? null : { change: paid.change, number: paid.number },
      };
      this.#channel?.postMessage(state);
      this.#publishPole(state);
    };
    const waiting = this.#send !== null;
    this.#send = send;
    if (waiting) return;
    const flush = () => {
      const latest = this.#send;
      this.#send = null;
      latest?.();
    };
    // A hidden window paints no frames: then at once.
    if (document.hidden) flush();
    else requestAnimationFrame(() => setTimeout(flush));
  }

  /** The pole display (driven by the server) shows the last item and the total, then the change. */
  #publishPole(state: DisplayState): void {
    if (!this.devices.hasPoleDisplay) return;
    const plain = (minor: number) => formatAmount(minor, currencyDigits(state.currency));
    const last = state.lines[state.lines.length - 1];
    const [line1, line2] = state.paid
      ? [`${t('Change')} ${plain(state.paid.change)}`, state.shop]
      : last
        ? [`${last.name.slice(0, 13)} ${plain(last.amount)}`, `${t('Total')} ${plain(state.total)}`]
        : [state.shop, ''];
    const text = `${line1}\n${line2}`;
    if (text === this.#poleText) return;
    this.#poleText = text;
    void this.api.post('/api/devices/pole-display', { line1: line1.slice(0, 40), line2: line2.slice(0, 40) }).catch(() => {});
  }
}
