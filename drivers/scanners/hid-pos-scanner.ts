import { EventEmitter } from 'node:events';
import { cleanScannedText, Reconnector, type ScannerSource } from './scanner.ts';

/** The part of node-hid's device this driver uses, so tests can replay recorded reports. */
export interface HidDevice {
  on(event: 'data', listener: (report: Buffer) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  close(): void;
}

export type HidOpener = () => Promise<HidDevice>;

/** HID usage page of point-of-sale barcode scanners (HID POS Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;

/** Input report id of scanned data in the HID POS Usage Tables (Honeywell, Zebra, Datalogic). */
const SCANNED_DATA_REPORT = 0x02;
/** Bytes 5–60 of the 64-byte report carry data; byte 63 bit 0 says more reports follow for the same code. */
const DATA_START = 5;
const DATA_MAX = 56;
const CONTINUED_BYTE = 63;

/** AIM symbology identifiers of GS1 symbols, whose data is a GS1 element string. */
const GS1_SYMBOLOGIES = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);

export interface HidPosReport {
  /** AIM symbology identifier (`]E0` EAN-13, `]C1` GS1-128, `]d2` GS1 DataMatrix…); '' when the scanner sends none. */
  symbology: string;
  data: string;
  more: boolean;
}

/**
 * Decodes one scanned-data input report as the vendors' manuals lay it out: byte 0 the report id
 * (2), byte 1 the length of the data, bytes 2–4 the AIM symbology identifier (repeated in every
 * report of a code), the data from byte 5, and bit 0 of byte 63 set while more reports follow.
 */
export function decodeHidPosReport(report: Uint8Array): HidPosReport | null {
  if (report.length <= DATA_START || report[0] !== SCANNED_DATA_REPORT) return null;
  const length = Math.min(report[1], DATA_MAX, report.length - DATA_START);
  const aim = Buffer.from(report.subarray(2, 5)).toString('latin1');
  return {
    symbology: aim.startsWith(']') ? aim : '',
    data: Buffer.from(report.subarray(DATA_START, DATA_START + length)).toString('latin1'),
    more: report.length > CONTINUED_BYTE && (report[CONTINUED_BYTE] & 0x01) === 1,
  };
}

/** The code as the register reads it: GS1 symbols keep their AIM identifier, which tells them from a plain number. */
export function scannedCode(symbology: string, data: string): string {
  const text = cleanScannedText(data);
  return GS1_SYMBOLOGIES.has(symbology) && text ? symbology + text : text;
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
      if (decoded.more) return;
      const code = scannedCode(decoded.symbology, this.#pending);
      this.#pending = '';
      if (code) this.emit('scan', code);
    });
    device.on('error', () => {
      this.#device = null;
      this.#pending = '';
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
