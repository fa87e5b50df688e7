import type { DeviceAddress } from '../transports/device-uri.ts';
import { FileTransport } from '../transports/file.ts';
import { SerialTransport } from '../transports/serial.ts';
import { TcpTransport, TransportError, type TcpConnection } from '../transports/tcp.ts';
import { drawerKick, findProcessIdResponse, processIdRequest, realtimePulse, statusRequest, withoutProcessIdResponses } from './escpos/commands.ts';
import type { PrinterModel } from './escpos/models.ts';
import { decodeStatus, isStatusByte, OFFLINE_STATUS, UNKNOWN_STATUS, type PrinterStatus } from './status.ts';

/** How the cash drawer hangs off the printer. */
export interface DrawerSettings {
  /** 0: connector pin 2, 1: pin 5. */
  pin: 0 | 1;
  onMs: number;
  offMs: number;
}

/** 'printed': the printer said it printed the job. 'sent': it took every byte but cannot say more. */
export type PrintOutcome = 'printed' | 'sent';

/** The port every receipt printer implements: print a job, ask for status, open the drawer. */
export interface ReceiptPrinter {
  /**
   * Prints a job's bytes. Rejects with a TransportError telling how many bytes went out when the
   * job failed; `onStall` hears the printer's status once when it stops taking or printing the job.
   */
  send(bytes: Uint8Array, onStall?: (status: PrinterStatus) => void): Promise<PrintOutcome>;
  status(): Promise<PrinterStatus>;
  /** Opens the drawer at once, apart from any job in progress; rejects with a reason a cashier can read. */
  kick(drawer: DrawerSettings): Promise<void>;
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
  model: PrinterModel;
  drawerOpenWhen?: 'high' | 'low' | 'none';
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
  /** How long a job may go without progress before the printer is asked why (one probe per job). */
  stallMs?: number;
  /** How long a stalled job is waited for (paper being loaded) before its outcome is unknown. */
  maxJobMs?: number;
  /** How long a printer that says it is fine may take to confirm a job after the probe. */
  confirmMs?: number;
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

let lastProcessId = 0;

/** Four printable characters naming one job to the printer (GS ( H takes 0x20–0x7E). */
function nextProcessId(): string {
  lastProcessId = (lastProcessId + 1) % 36 ** 4;
  return lastProcessId.toString(36).toUpperCase().padStart(4, '0');
}

/** An ESC/POS receipt printer on any transport. */
export class EscPosReceiptPrinter implements ReceiptPrinter {
  constructor(
    private readonly transport: PrinterTransport,
    private readonly options: ReceiptPrinterOptions,
  ) {}

  async send(bytes: Uint8Array, onStall?: (status: PrinterStatus) => void): Promise<PrintOutcome> {
    if (!(this.transport instanceof TcpTransport)) {
      await this.transport.send(bytes);
      return 'sent';
    }
    const { model } = this.options;
    const id = model.confirmsPrinting ? nextProcessId() : null;
    const connection = await this.transport.open();
    try {
      if (id) {
        connection.write(Buffer.concat([bytes, processIdRequest(id)]));
      } else {
        connection.write(bytes);
        void connection.end(this.#maxJobMs());
      }
      const finished = () => (id ? findProcessIdResponse(connection.received, id) >= 0 : false) || connection.closed !== null;
      if (!(await connection.until(finished, this.options.stallMs ?? 3000))) {
        const stall = await this.#stallStatus(connection);
        onStall?.(stall);
        // Out of paper or hung: wait for a person. Fine but silent: a printer that does not confirm.
        await connection.until(finished, stall.state === 'online' ? (this.options.confirmMs ?? 30_000) : this.#maxJobMs());
      }
      if (id && findProcessIdResponse(connection.received, id) >= 0) {
        await connection.end(1000);
        return 'printed';
      }
      if (!id && connection.closed?.hadError === false) return 'sent';
      const reason = connection.closed
        ? id
          ? 'the printer closed the connection without confirming the job'
          : 'connection reset while printing'
        : 'the printer did not finish the job in time';
      throw new TransportError(reason, connection.bytesWritten, connection.closed ? 'ECONNRESET' : 'ETIMEDOUT');
    } finally {
      connection.destroy();
    }
  }

  async status(): Promise<PrinterStatus> {
    const { transport, options } = this;
    try {
      if (!transport.query) return (await transport.present?.()) === false ? OFFLINE_STATUS : UNKNOWN_STATUS;
      if (!options.model.hasStatus) {
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

  /**
   * The real-time pulse where the model has it: it works while the printer is out of paper or
   * offline. Otherwise ESC p, which a printer that cannot print would keep and act on later, when
   * nobody expects the drawer to open: such a kick is refused instead.
   */
  async kick(drawer: DrawerSettings): Promise<void> {
    const { model } = this.options;
    if (model.realtimePulse) return this.#sendApart(realtimePulse(drawer.pin, drawer.onMs));
    if (model.hasStatus) {
      const { state } = await this.status();
      if (state !== 'online' && state !== 'unknown') throw new Error(`the printer is ${state}: open the drawer with its key`);
    }
    return this.#sendApart(drawerKick(drawer.pin, drawer.onMs, drawer.offMs));
  }

  /** A connection of its own (TCP), so a kick never waits behind a job's bytes. */
  async #sendApart(bytes: Uint8Array): Promise<void> {
    try {
      await this.transport.send(bytes);
    } catch (err) {
      throw new Error(`the drawer kick did not reach the printer: ${(err as Error).message}`);
    }
  }

  /**
   * Why a job stopped: DLE EOT 2 and 4 on the job's own connection, once its bytes have all gone
   * out (a real-time request must never land inside another command). A TM printer answers them
   * while it waits for paper.
   */
  async #stallStatus(connection: TcpConnection): Promise<PrinterStatus> {
    if (!connection.flushed || connection.closed) return UNKNOWN_STATUS;
    const from = connection.received.length;
    const statusBytes = () => [...withoutProcessIdResponses(connection.received.subarray(from))].filter(isStatusByte);
    connection.write(Buffer.concat([statusRequest(1), statusRequest(2), statusRequest(4)]));
    await connection.until(() => statusBytes().length >= 3 || connection.closed !== null, 1000);
    const [printer, offline, paper] = statusBytes();
    return decodeStatus({ printer, offline, paper }, this.options.drawerOpenWhen ?? 'none');
  }

  #maxJobMs(): number {
    return this.options.maxJobMs ?? 10 * 60_000;
  }
}

/** A receipt printer for a device address. */
export function createReceiptPrinter(address: DeviceAddress, options: ReceiptPrinterOptions): EscPosReceiptPrinter {
  return new EscPosReceiptPrinter(transportFor(address, options), options);
}
