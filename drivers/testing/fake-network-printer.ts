import net from 'node:net';

/** One status byte per DLE EOT n; `undefined` makes the printer stay silent (a clone without status). */
export interface FakeStatus {
  printer?: number;
  offline?: number;
  paper?: number;
}

export const HEALTHY: FakeStatus = { printer: 0x16, offline: 0x12, paper: 0x12 };
export const PAPER_OUT: FakeStatus = { printer: 0x1e, offline: 0x32, paper: 0x7e };
export const COVER_OPEN: FakeStatus = { printer: 0x1e, offline: 0x16, paper: 0x12 };
export const SILENT: FakeStatus = {};

/**
 * A network ESC/POS printer on 127.0.0.1 for tests, behaving as Epson's ESC/POS reference says a TM
 * printer does: it records every job's bytes; real-time commands (DLE EOT status, DLE DC4 pulse)
 * are executed as they arrive, even while it is out of paper; a process ID request (GS ( H fn 48)
 * is answered with 37 22 d1 d2 d3 d4 00 once the data before it is printed, so not before paper
 * is loaded. It can refuse connections, reset or close in the middle of a job, or stall (take the
 * connection and read nothing more).
 */
export class FakeNetworkPrinter {
  readonly jobs: Buffer[] = [];
  /** performance.now() when each job's last byte arrived. */
  readonly jobTimes: number[] = [];
  /** Real-time drawer pulses executed (DLE DC4 1 m t), as they arrived. */
  readonly pulses: { pin: number; t: number }[] = [];
  status: FakeStatus = HEALTHY;
  /** Answer GS ( H; a clone that does not know it sets this false. */
  answersProcessId = true;
  /** Reset the connection after this many bytes of the next job. */
  resetNextJobAfter: number | null = null;
  /** Run out of paper after this many bytes of the next job: the rest waits in the buffer until loadPaper(). */
  paperOutNextJobAfter: number | null = null;
  /** Read the next job whole, then close the connection without confirming it (it printed part of it). */
  closeNextJobUnconfirmed = false;
  #stalled = false;
  #paperWaiters: (() => void)[] = [];
  #stallWaiters: (() => void)[] = [];
  #server: net.Server;
  #port = 0;
  #sockets = new Set<net.Socket>();
  #waiters: (() => void)[] = [];

  private constructor() {
    this.#server = net.createServer({ allowHalfOpen: true }, (socket) => this.#accept(socket));
  }

  static async start(): Promise<FakeNetworkPrinter> {
    const printer = new FakeNetworkPrinter();
    await printer.#listen(0);
    return printer;
  }

  get port(): number {
    return this.#port;
  }

  get uri(): string {
    return `socket://127.0.0.1:${this.#port}`;
  }

  /** Stops accepting connections (the printer is switched off) or starts again on the same port. */
  async setRefusing(refusing: boolean): Promise<void> {
    if (refusing) {
      await new Promise<void>((resolve) => this.#server.close(() => resolve()));
      for (const s of this.#sockets) s.destroy();
    } else {
      this.#server = net.createServer({ allowHalfOpen: true }, (socket) => this.#accept(socket));
      await this.#listen(this.#port);
    }
  }

  /** A hung printer: connections are accepted and nothing is read from them until it is released. */
  setStalled(stalled: boolean): void {
    this.#stalled = stalled;
    if (!stalled) for (const resume of this.#stallWaiters.splice(0)) resume();
  }

  /** Paper is loaded: the printer prints what waited in its buffer. */
  loadPaper(): void {
    this.status = HEALTHY;
    for (const resume of this.#paperWaiters.splice(0)) resume();
  }

  /** Resolves once `count` jobs have arrived in all. */
  async waitForJobs(count: number, timeoutMs = 10_000): Promise<Buffer[]> {
    await this.#waitFor(() => this.jobs.length >= count, timeoutMs, () => `the printer got ${this.jobs.length} of ${count} jobs`);
    return this.jobs.slice(0, count);
  }

  /** Resolves once `count` real-time drawer pulses have been executed. */
  async waitForPulses(count: number, timeoutMs = 10_000): Promise<void> {
    await this.#waitFor(() => this.pulses.length >= count, timeoutMs, () => `the printer got ${this.pulses.length} of ${count} drawer pulses`);
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#server.listening ? this.#server.close(() => resolve()) : resolve()));
  }

  async #waitFor(done: () => boolean, timeoutMs: number, failure: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(failure());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  #arrived(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  #listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#port = (this.#server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  #reply(n: number): number | undefined {
    return n === 1 ? this.status.printer : n === 2 ? this.status.offline : n === 4 ? this.status.paper : undefined;
  }

  #accept(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => {});
    if (this.#stalled) {
      socket.pause();
      this.#stallWaiters.push(() => socket.resume());
    }
    const job: number[] = [];
    let pending = Buffer.alloc(0);
    let isJob = false;
    let paperOutAt: number | null = null;
    let closeUnconfirmed = false;
    // Everything already printed; what is after a paper-out waits for loadPaper().
    let printing: Promise<void> = Promise.resolve();

    const handle = () => {
      let i = 0;
      while (i < pending.length) {
        const b = pending[i];
        if (b === 0x10 && pending[i + 1] === 0x04) {
          if (i + 2 >= pending.length) break;
          const reply = this.#reply(pending[i + 2]);
          if (reply !== undefined) socket.write(Uint8Array.of(reply));
          i += 3;
          continue;
        }
        if (b === 0x10 && pending[i + 1] === 0x14) {
          if (i + 4 >= pending.length) break;
          if (pending[i + 2] === 1) {
            this.pulses.push({ pin: pending[i + 3], t: pending[i + 4] });
            this.#arrived();
          }
          i += 5;
          continue;
        }
        if (b === 0x1d && pending[i + 1] === 0x28 && pending[i + 2] === 0x48) {
          if (i + 10 >= pending.length) break;
          isJob = true;
          const id = pending.subarray(i + 7, i + 11);
          job.push(...pending.subarray(i, i + 11));
          if (closeUnconfirmed) {
            record();
            socket.end();
          } else if (this.answersProcessId) {
            printing = printing.then(() => {
              if (!socket.destroyed) socket.write(Buffer.concat([Uint8Array.of(0x37, 0x22), id, Uint8Array.of(0x00)]));
            });
          }
          i += 11;
          continue;
        }
        if (!isJob) {
          isJob = true;
          closeUnconfirmed = this.closeNextJobUnconfirmed;
          this.closeNextJobUnconfirmed = false;
          if (this.paperOutNextJobAfter !== null) {
            paperOutAt = this.paperOutNextJobAfter;
            this.paperOutNextJobAfter = null;
          }
        }
        job.push(b);
        i += 1;
        if (paperOutAt !== null && job.length >= paperOutAt) {
          paperOutAt = null;
          this.status = PAPER_OUT;
          printing = printing.then(() => new Promise<void>((resolve) => this.#paperWaiters.push(resolve)));
        }
        if (this.resetNextJobAfter !== null && job.length >= this.resetNextJobAfter) {
          this.resetNextJobAfter = null;
          isJob = false;
          socket.resetAndDestroy();
          return;
        }
      }
      pending = pending.subarray(i);
    };

    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      handle();
    });
    let recorded = false;
    const record = () => {
      if (!isJob || recorded) return;
      recorded = true;
      this.jobs.push(Buffer.from(job));
      this.jobTimes.push(performance.now());
      this.#arrived();
    };
    socket.on('end', async () => {
      await printing;
      record();
      socket.end();
    });
  }
}
