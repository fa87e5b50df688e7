import type { DeviceAddress } from '../transports/device-uri.ts';
import { FileTransport } from '../transports/file.ts';
import { SerialTransport } from '../transports/serial.ts';
import { TcpTransport, TransportError } from '../transports/tcp.ts';
import { statusRequest } from './escpos/commands.ts';
import type { PrinterProfile } from './escpos/profiles.ts';
import { decodeStatus, OFFLINE_STATUS, UNKNOWN_STATUS, type PrinterStatus } from './status.ts';

/** The port every receipt printer implements: send a job's bytes, ask for status. */
export interface ReceiptPrinter {
  send(bytes: Uint8Array): Promise<void>;
  status(): Promise<PrinterStatus>;
}

/** How bytes reach a printer: TCP, a device file or a serial line. */
export interface PrinterTransport {
  send(bytes: Uint8Array): Promise<void>;
  /** Sends each request and reads one reply byte per request (undefined when none came). */
  query?(requests: Uint8Array[], replyTimeoutMs?: number): Promise<(number | undefined)[]>;
  /** For transports without a reply channel: whether the device is there. */
  present?(): Promise<boolean>;
}

export interface ReceiptPrinterOptions {
  profile: PrinterProfile;
  drawerOpenWhen?: 'high' | 'low' | 'none';
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

/** The transport for a device address. */
export function transportFor(address: DeviceAddress, options: { connectTimeoutMs?: number; writeTimeoutMs?: number } = {}): PrinterTransport {
  switch (address.transport) {
    case 'socket':
      return new TcpTransport({ host: address.host, port: address.port, ...options });
    case 'file':
      return new FileTransport(address.path, options.writeTimeoutMs);
    case 'serial':
      return new SerialTransport(address, options.writeTimeoutMs);
  }
}

/** An ESC/POS receipt printer on any transport. */
export class EscPosReceiptPrinter implements ReceiptPrinter {
  constructor(
    private readonly transport: PrinterTransport,
    private readonly options: ReceiptPrinterOptions,
  ) {}

  send(bytes: Uint8Array): Promise<void> {
    return this.transport.send(bytes);
  }

  async status(): Promise<PrinterStatus> {
    const { transport, options } = this;
    try {
      if (!transport.query) return (await transport.present?.()) === false ? OFFLINE_STATUS : UNKNOWN_STATUS;
      if (!options.profile.hasStatus) {
        // A printer that cannot answer: reachable is all we can know.
        await transport.query([], 0);
        return UNKNOWN_STATUS;
      }
      const [printer] = await transport.query([statusRequest(1)]);
      if (printer === undefined) return UNKNOWN_STATUS;
      const [offline, paper] = await transport.query([statusRequest(2), statusRequest(4)]);
      return decodeStatus({ printer, offline, paper }, options.drawerOpenWhen ?? 'none');
    } catch (err) {
      if (err instanceof TransportError) return OFFLINE_STATUS;
      throw err;
    }
  }
}

/** A receipt printer for a device address. */
export function createReceiptPrinter(address: DeviceAddress, options: ReceiptPrinterOptions): EscPosReceiptPrinter {
  return new EscPosReceiptPrinter(transportFor(address, options), options);
}
