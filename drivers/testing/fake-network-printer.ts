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
 * A network ESC/POS printer on 127.0.0.1 for tests: records every job's bytes, answers DLE EOT with
 * scripted status, and can refuse connections or reset in the middle of a job.
 */
export class FakeNetworkPrinter {
  readonly jobs: Buffer[] = [];
  /** performance.now() when each job's last byte arrived. */
  readonly jobTimes: number[] = [];
  status: FakeStatus = HEALTHY;
  /** Reset the connection after this many bytes of the next job. */
  resetNextJobAfter: number | null = null;
  /** Run out of paper after this many bytes of the next job: stop taking bytes until loadPaper(). */
  paperOutNextJobAfter: number | null = null;
  #paperWaiters: (() => void)[] = [];
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

  /** Paper is loaded: the printer takes the rest of the job it stopped in. */
  loadPaper(): void {
    this.status = HEALTHY;
    for (const resume of this.#paperWaiters.splice(0)) resume();
  }

  /** Resolves once `count` jobs have arrived in all. */
  async waitForJobs(count: number, timeoutMs = 10_000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > deadline) throw new Error(`the printer got ${this.jobs.length} of ${count} jobs`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.jobs.slice(0, count);
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#server.listening ? this.#server.close(() => resolve()) : resolve()));
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

  #accept(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => {});
    const received: number[] = [];
    let isJob = false;
    // While out of paper the rest of the job waits in the printer's buffer, and so does the end.
    let outOfPaper: Promise<void> | null = null;
    socket.on('data', (chunk: Buffer) => {
      // A connection that starts with DLE EOT is a status poll; anything else is a print job.
      let i = 0;
      while (!isJob && i + 2 < chunk.length + 1 && chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
        const reply = chunk[i + 2] === 1 ? this.status.printer : chunk[i + 2] === 2 ? this.status.offline : chunk[i + 2] === 4 ? this.status.paper : undefined;
        if (reply !== undefined) socket.write(Uint8Array.of(reply));
        i += 3;
      }
      if (i >= chunk.length) return;
      isJob = true;
      received.push(...chunk.subarray(i));
      if (this.paperOutNextJobAfter !== null && received.length >= this.paperOutNextJobAfter) {
        // Like a real printer: it stops printing and stops reading, and TCP holds back the sender.
        this.paperOutNextJobAfter = null;
        this.status = PAPER_OUT;
        socket.pause();
        outOfPaper = new Promise<void>((resolve) => this.#paperWaiters.push(() => {
          socket.resume();
          resolve();
        }));
      }
      if (this.resetNextJobAfter !== null && received.length >= this.resetNextJobAfter) {
        this.resetNextJobAfter = null;
        isJob = false;
        socket.resetAndDestroy();
      }
    });
    socket.on('end', async () => {
      await outOfPaper;
      if (isJob) {
        this.jobs.push(Buffer.from(received));
        this.jobTimes.push(performance.now());
        for (const w of this.#waiters.splice(0)) w();
      }
      socket.end();
    });
  }
}
