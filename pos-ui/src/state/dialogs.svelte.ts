import type { ProductView } from '../../../shared/schemas/catalog.ts';
import type { SaleView } from '../../../shared/schemas/sales.ts';

export type Dialog =
  | { kind: 'quantity'; product: ProductView; lineId?: string; initial?: number }
  | { kind: 'discount'; lineId: string | null }
  | { kind: 'price'; lineId: string }
  | { kind: 'customer' }
  | { kind: 'pay' }
  | { kind: 'parked' }
  | { kind: 'return'; number?: string }
  | { kind: 'shift' }
  | { kind: 'cash' }
  | { kind: 'no-sale' }
  | { kind: 'gift-card'; product: ProductView }
  | { kind: 'pre-order' }
  | { kind: 'receipt-mail'; sale: SaleView };

/**
 * Which dialog has the keyboard, and the scan field it gives the focus back to. A dialog takes the
 * focus on opening (components/modal-dialog.svelte); the scan field has it whenever none is open,
 * so a scan always lands there.
 */
export class Dialogs {
  open = $state<Dialog | null>(null);
  #scanField: { focus(): void } | null = null;

  show(dialog: Dialog): void {
    this.open = dialog;
  }

  close(): void {
    this.open = null;
    this.returnFocus();
  }

  attachScanField(field: { focus(): void } | null): void {
    this.#scanField = field;
  }

  /** After a dialog is gone: the scan field has the keyboard again, or the dialog still open under it (a supervisor approved a refund). */
  returnFocus(): void {
    setTimeout(() => {
      const open = document.querySelectorAll<HTMLElement>('[role="dialog"]');
      const top = open[open.length - 1];
      if (!top) this.#scanField?.focus();
      else if (!top.contains(document.activeElement)) top.querySelector<HTMLElement>('input:not([disabled]), button:not([disabled]):not(.close)')?.focus();
    });
  }
}
