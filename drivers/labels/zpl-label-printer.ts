import type { PrintOutcome, ReceiptPrinter } from '../printers/receipt-printer.ts';
import { OFFLINE_STATUS, UNKNOWN_STATUS, type PrinterStatus } from '../printers/status.ts';
import { TransportError, type TcpTransport } from '../transports/tcp.ts';

const STX = 0x02;
const ETX = 0x03;

/**
 * Decodes the reply to ~HS as Zebra's ZPL II guide lays it out: three strings, each STX … ETX CR
 * LF. String 1 `aaa,b,c,dddd,…`: b paper out, c pause; string 2 `mmm,n,o,p,…`: o head up (open),
 * p ribbon out. Null when the reply is not that.
 */
export function decodeHostStatus(reply: Buffer): PrinterStatus | null {
  const strings = [...reply.toString('latin1').matchAll(/\x02([^\x02\x03]*)\x03/g)].map((m) => m[1].split(','));
  if (strings.length < 2 || strings[0].length < 12 || strings[1].length < 11) return null;
  const [first, second] = strings;
  const flag = (value: string) => value.trim() === '1';
  const status = (state: PrinterStatus['state']): PrinterStatus => ({ state, paperNearEnd: false, drawerOpen: null });
  if (flag(second[2])) return status('cover-open');
  if (flag(first[1])) return status('paper-out');
  if (flag(second[3])) return status('error');
  // A paused printer keeps jobs without printing them: to the shop it is not printing.
  if (flag(first[2])) return status('offline');
  return status('online');
}

const replyComplete = (received: Buffer) => received.filter((b) => b === ETX).length >= 3 && received.includes(STX);

/**
 * A Zebra (ZPL) label printer on the network: jobs on a connection each, status by ~HS. Zebra's
 * current manuals say a printer with media or ribbon out, the head open or the head too hot does
 * not answer ~HS at all, so a printer that answered before and now keeps silent is in error; one
 * that never answered (a ZPL clone without ~HS) stays "status unknown" and is printed to.
 */
export class ZplLabelPrinter implements ReceiptPrinter {
  #answered = false;

  constructor(
    private readonly transport: Pick<TcpTransport, 'send' | 'exchange'>,
    private readonly replyTimeoutMs = 2000,
  ) {}

  /** ZPL has no print confirmation: a job the printer took is "sent". */
  async send(bytes: Uint8Array): Promise<PrintOutcome> {
    await this.transport.send(bytes);
    return 'sent';
  }

  async kick(): Promise<void> {
    throw new Error('A label printer has no cash drawer');
  }

  async status(): Promise<PrinterStatus> {
    let reply: Buffer;
    try {
      reply = await this.transport.exchange(Buffer.from('~HS', 'latin1'), replyComplete, this.replyTimeoutMs);
    } catch (err) {
      if (err instanceof TransportError) return OFFLINE_STATUS;
      throw err;
    }
    const status = decodeHostStatus(reply);
    if (status) {
      this.#answered = true;
      return status;
    }
    return this.#answered ? { state: 'error', paperNearEnd: false, drawerOpen: null } : UNKNOWN_STATUS;
  }
}

/**
 * How often a label printer's worker asks for status. Labels are printed now and then, in
 * batches, and the worker asks right before every job (and is woken the moment one is queued), so
 * an idle printer needs asking only often enough to keep the back office's device page fresh:
 * once a minute, and at most that often while it is out of paper or away. A persistent connection
 * would not spare the asking (ZPL printers do not push status) and would hold the one connection
 * many printers take on port 9100, shutting out other senders.
 */
export const LABEL_PRINTER_POLLING = { pollMs: 60_000, backoffMs: { initial: 1000, max: 60_000 } };
