import { EventEmitter } from 'node:events';
import { Reconnector, type ScannerSource } from './scanner.ts';

/** The part of node-hid's device this driver uses, so tests can replay recorded reports. */
export interface HidDevice {
  on(event: 'data', listener: (report: Buffer) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  close(): void;
}

export type HidOpener = () => Promise<HidDevice>;

/** HID usage page of point-of-sale barcode scanners (HID POS Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;

/**
 * Decodes one "scanned data" input report of a HID POS scanner: byte 0 the report id (2), byte 1
 * the data length, then the data; the last byte set means more reports follow for the same code.
 */
export function decodeHidPosReport(report: Uint8Array): { data: string; more: boolean } | null {
  if (report.length < 3 || report[0] !== 0x02) return null;
  const length = Math.min(report[1], report.length - 3);
  const data = Buffer.from(report.subarray(2, 2 + length)).toString('latin1');
  return { data, more: report[report.length - 1] === 0x01 };
}

/** Opens the first HID POS scanner through node-hid; fails soft where libusb or the device is missing. */
export function nodeHidOpener(vendorId?: number, productId?: number): HidOpener {
  return async () => {
    const hid = await import('node-hid');
    const info = hid.devices().find((d) => d.usagePage === HID_POS_USAGE_PAGE && (!vendorId || d.vendorId === vendorId) && (!productId || d.productId === productId));
    if (!info?.path) throw new Error('no HID POS scanner is connected');
    return new hid.HID(info.path) as unknown as HidDevice;
  };
}

/** A HID POS scanner (not keyboard mode: the OS owns those). */
export class HidPosScanner extends EventEmitter implements ScannerSource {
  #device: HidDevice | null = null;
  #pending = '';
  readonly #reconnect: Reconnector;

  constructor(
    readonly id: string,
    private readonly open: HidOpener,
  ) {
    super();
    this.#reconnect = new Reconnector(() => this.#connect());
  }

  state(): 'online' | 'offline' {
    return this.#device ? 'online' : 'offline';
  }

  start(): void {
    void this.#reconnect.run();
  }

  async #connect(): Promise<void> {
    const device = await this.open();
    this.#device = device;
    device.on('data', (report) => {
      const decoded = decodeHidPosReport(report);
      if (!decoded) return;
      this.#pending += decoded.data;
      if (!decoded.more) {
        const code = this.#pending.trim();
        this.#pending = '';
        if (code) this.emit('scan', code);
      }
    });
    device.on('error', () => {
      this.#device = null;
      this.emit('status', 'offline');
      this.#reconnect.later();
    });
    this.emit('status', 'online');
  }

  async stop(): Promise<void> {
    this.#reconnect.stop();
    this.#device?.close();
    this.#device = null;
  }
}
