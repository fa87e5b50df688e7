/** What the documents need from the device layer: where to print, and a nudge after commit. */
export interface PrintRouting {
  /** Device id of the receipt printer for a register, or null when none is configured. */
  receiptPrinterFor(registerId: string): string | null;
  /** The printer model of that printer (what a printout looks like on its paper), or null. */
  receiptModelFor(registerId: string): string | null;
  /** Whether the register's cash drawer hangs off its receipt printer. */
  hasDrawer(registerId: string): boolean;
  /** Device id of the outlet's label printer, or null. */
  labelPrinter(): string | null;
  /** Wakes the device's queue worker after a transaction queued jobs for it. */
  notify(deviceId: string): void;
}

export const noPrinting: PrintRouting = {
  receiptPrinterFor: () => null,
  receiptModelFor: () => null,
  hasDrawer: () => false,
  labelPrinter: () => null,
  notify: () => {},
};
