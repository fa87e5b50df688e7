import { TransportError } from '../transports/tcp.ts';
import type { DrawerSettings, ReceiptPrinter } from './receipt-printer.ts';
import { canPrint, UNKNOWN_STATUS, type PrinterStatus } from './status.ts';

/** A print job as the queue stores it. */
export interface PrintJobRecord {
  id: string;
  deviceId: string;
  /** receipt | x-report | z-report | drawer | test */
  kind: string;
  documentId: string | null;
  /** JSON of the document to render, or {"type":"drawer"}. */
  payload: string;
  copy: boolean;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** The durable queue every register of an outlet submits to (the server keeps it in its database). */
export interface PrintJobStore {
  /**
   * The oldest queued job of the device in a lane, moved to 'sending'; null when there is none.
   * Drawer kicks have a lane of their own, so they never wait behind a document.
   */
  claimNext(deviceId: string, lane: 'print' | 'drawer'): Promise<PrintJobRecord | null>;
  /** The printer confirmed it printed the job. */
  markPrinted(id: string): Promise<void>;
  /** The printer took every byte but cannot confirm. */
  markSent(id: string): Promise<void>;
  /** Nothing reached the printer: the job may be tried again. */
  requeue(id: string, reason: string): Promise<void>;
  /** Some bytes may have been printed: only a person may decide to print it again. */
  markUnknown(id: string, reason: string): Promise<void>;
  markFailed(id: string, reason: string): Promise<void>;
  /** Jobs left 'sending' by a crash become 'unknown'; returns how many. */
  recoverInterrupted(): Promise<number>;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface PrintQueueWorkerOptions {
  deviceId: string;
  store: PrintJobStore;
  printer: ReceiptPrinter;
  render: (job: PrintJobRecord) => Uint8Array;
  /** The drawer on this printer; null when none hangs off it. */
  drawer?: DrawerSettings | null;
  logger?: Logger;
  onStatus?: (status: PrinterStatus) => void;
  /** Each drawer kick's outcome: null when the drawer was kicked, else why not. */
  onKick?: (job: PrintJobRecord, error: string | null) => void;
  /** First and longest wait between attempts while the printer cannot print. */
  backoffMs?: { initial: number; max: number };
  /** How often an idle worker checks the printer, so the register's status stays fresh. */
  pollMs?: number;
  /** A drawer kick older than this is dropped: a drawer springing open unattended is worse than none. */
  drawerMaxAgeMs?: number;
}

/**
 * The one writer of a physical printer: takes jobs from the queue in order, checks the printer
 * before each, and records each outcome. A job whose outcome is unknown is never sent again here.
 * Drawer kicks go out as soon as they are queued, apart from the documents, and only once.
 */
export class PrintQueueWorker {
  #status: PrinterStatus = UNKNOWN_STATUS;
  #running = false;
  #wake: (() => void) | null = null;
  #pending = false;
  #loop: Promise<void> | null = null;
  #delayMs: number;
  #kicking: Promise<void> | null = null;
  #kickAgain = false;

  constructor(private readonly options: PrintQueueWorkerOptions) {
    this.#delayMs = options.backoffMs?.initial ?? 1000;
  }

  status(): PrinterStatus {
    return this.#status;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
    this.#kickQueued();
  }

  /** Wakes the worker: a job was queued, or someone wants it to try again now. */
  notify(): void {
    this.#pending = true;
    this.#delayMs = this.options.backoffMs?.initial ?? 1000;
    this.#wake?.();
    this.#kickQueued();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    await this.#kicking;
  }

  /** Sends the queued drawer kicks and resolves once each went out or failed. */
  async kickNow(): Promise<void> {
    this.#kickQueued();
    while (this.#kicking) await this.#kicking;
  }

  /** Sends every queued drawer kick now; one that cannot go out fails and is never sent later. */
  #kickQueued(): void {
    if (this.#kicking) {
      this.#kickAgain = true;
      return;
    }
    this.#kicking = (async () => {
      do {
        this.#kickAgain = false;
        await this.#kickAll().catch((err) => this.options.logger?.error(`drawer ${this.options.deviceId}: ${(err as Error).message}`));
      } while (this.#kickAgain && this.#running);
      this.#kicking = null;
    })();
  }

  async #kickAll(): Promise<void> {
    const { store, deviceId, printer, drawer, logger } = this.options;
    while (this.#running) {
      const job = await store.claimNext(deviceId, 'drawer');
      if (!job) return;
      let error: string | null = null;
      if (!drawer) error = 'no cash drawer is configured on this printer';
      else if (Date.now() - job.createdAt.getTime() > (this.options.drawerMaxAgeMs ?? 20_000)) error = 'too late to open the drawer';
      else {
        try {
          await printer.kick(drawer);
        } catch (err) {
          error = (err as Error).message;
        }
      }
      if (error) {
        await store.markFailed(job.id, error);
        logger?.warn(`drawer on ${deviceId}: ${error}`);
      } else await store.markSent(job.id);
      this.options.onKick?.(job, error);
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#pending = false;
      let waitMs = this.options.pollMs ?? 5000;
      try {
        const status = await this.#refreshStatus();
        if (canPrint(status)) {
          const outcome = await this.#printAll();
          if (outcome === 'hold') waitMs = this.#backoff();
        } else {
          waitMs = this.#backoff();
        }
      } catch (err) {
        this.options.logger?.error(`print worker ${this.options.deviceId}: ${(err as Error).message}`);
        waitMs = this.#backoff();
      }
      if (this.#running && !this.#pending) await this.#sleep(waitMs);
    }
  }

  /** Sends jobs until the queue is empty ('idle') or the printer stops taking them ('hold'). */
  async #printAll(): Promise<'idle' | 'hold'> {
    const { store, deviceId, printer, render, logger } = this.options;
    while (this.#running) {
      const job = await store.claimNext(deviceId, 'print');
      if (!job) return 'idle';
      let bytes: Uint8Array;
      try {
        bytes = render(job);
      } catch (err) {
        await store.markFailed(job.id, `cannot render: ${(err as Error).message}`);
        continue;
      }
      try {
        const outcome = await printer.send(bytes, (status) => this.#setStatus(status));
        if (outcome === 'printed') await store.markPrinted(job.id);
        else await store.markSent(job.id);
        this.#delayMs = this.options.backoffMs?.initial ?? 1000;
      } catch (err) {
        const written = err instanceof TransportError ? err.bytesWritten : 0;
        const reason = (err as Error).message;
        if (written === 0) {
          await store.requeue(job.id, reason);
          logger?.warn(`printer ${deviceId}: ${reason}; job ${job.id} waits`);
          await this.#refreshStatus();
          return 'hold';
        }
        await store.markUnknown(job.id, `${reason} after ${written} bytes`);
        logger?.warn(`printer ${deviceId}: job ${job.id} may be half printed (${reason}); a cashier decides whether to reprint`);
      }
    }
    return 'idle';
  }

  async #refreshStatus(): Promise<PrinterStatus> {
    const status = await this.options.printer.status();
    this.#setStatus(status);
    return status;
  }

  #setStatus(status: PrinterStatus): void {
    const changed = status.state !== this.#status.state || status.paperNearEnd !== this.#status.paperNearEnd || status.drawerOpen !== this.#status.drawerOpen;
    this.#status = status;
    if (changed) this.options.onStatus?.(status);
  }

  #backoff(): number {
    const wait = this.#delayMs;
    this.#delayMs = Math.min(this.#delayMs * 2, this.options.backoffMs?.max ?? 30_000);
    return wait;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }
}

/** An in-memory queue with the same behaviour as the database one, for tests and tools. */
export class MemoryPrintJobStore implements PrintJobStore {
  readonly jobs: PrintJobRecord[] = [];

  add(job: Partial<PrintJobRecord> & Pick<PrintJobRecord, 'id' | 'deviceId' | 'kind' | 'payload'>): PrintJobRecord {
    const record: PrintJobRecord = { documentId: null, copy: false, status: 'queued', attempts: 0, lastError: null, createdAt: new Date(), ...job };
    this.jobs.push(record);
    return record;
  }

  async claimNext(deviceId: string, lane: 'print' | 'drawer'): Promise<PrintJobRecord | null> {
    const job = this.jobs.find((j) => j.deviceId === deviceId && j.status === 'queued' && (j.kind === 'drawer') === (lane === 'drawer'));
    if (!job) return null;
    job.status = 'sending';
    job.attempts += 1;
    return { ...job };
  }

  #set(id: string, status: string, lastError: string | null = null): void {
    const job = this.jobs.find((j) => j.id === id);
    if (job) Object.assign(job, { status, lastError });
  }

  async markPrinted(id: string) {
    this.#set(id, 'printed');
  }
  async markSent(id: string) {
    this.#set(id, 'sent');
  }
  async requeue(id: string, reason: string) {
    this.#set(id, 'queued', reason);
  }
  async markUnknown(id: string, reason: string) {
    this.#set(id, 'unknown', reason);
  }
  async markFailed(id: string, reason: string) {
    this.#set(id, 'failed', reason);
  }
  async recoverInterrupted() {
    const interrupted = this.jobs.filter((j) => j.status === 'sending');
    for (const j of interrupted) Object.assign(j, { status: 'unknown', lastError: 'interrupted' });
    return interrupted.length;
  }
}
