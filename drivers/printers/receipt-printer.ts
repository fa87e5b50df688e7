import { TcpTransport, TransportError } from '../transports/tcp.ts';
import { statusRequest } from './escpos/commands.ts';
import type { PrinterProfile } from './escpos/profiles.ts';
import { decodeStatus, OFFLINE_STATUS, UNKNOWN_STATUS, type PrinterStatus } from './status.ts';

/** The port every receipt printer implements: send a job's bytes, ask for status. */
export interface ReceiptPrinter {
  send(bytes: Uint8Array): Promise<void>;
  status(): Promise<PrinterStatus>;
}

export interface NetworkPrinterOptions {
  host: string;
  port: number;
  profile: PrinterProfile;
  drawerOpenWhen?: 'high' | 'low' | 'none';
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

/** An ESC/POS printer on the network (socket://host:9100). */
export class NetworkReceiptPrinter implements ReceiptPrinter {
  readonly #transport: TcpTransport;

  constructor(private readonly options: NetworkPrinterOptions) {
    this.#transport = new TcpTransport({ host: options.host, port: options.port, connectTimeoutMs: options.connectTimeoutMs, writeTimeoutMs: options.writeTimeoutMs });
  }

  send(bytes: Uint8Array): Promise<void> {
    return this.#transport.send(bytes);
  }

  async status(): Promise<PrinterStatus> {
    try {
      if (!this.options.profile.hasStatus) {
        // A printer that cannot answer: reachable is all we can know.
        await this.#transport.query([], 0);
        return UNKNOWN_STATUS;
      }
      const [printer] = await this.#transport.query([statusRequest(1)]);
      if (printer === undefined) return UNKNOWN_STATUS;
      const [offline, paper] = await this.#transport.query([statusRequest(2), statusRequest(4)]);
      return decodeStatus({ printer, offline, paper }, this.options.drawerOpenWhen ?? 'none');
    } catch (err) {
      if (err instanceof TransportError) return OFFLINE_STATUS;
      throw err;
    }
  }
}
