import net from 'node:net';

/**
 * A Zebra label printer on 127.0.0.1 for tests: records every job's bytes and answers ~HS with the
 * three strings of Zebra's ZPL II guide, carrying its paper-out, pause and head-open flags. Like
 * current firmware it can keep silent while faulted (`silentWhenFaulted`).
 */
export class FakeZplPrinter {
  readonly jobs: Buffer[] = [];
  paperOut = false;
  paused = false;
  headOpen = false;
  silentWhenFaulted = false;
  /** Every connection made to it, status queries included. */
  connections = 0;
  #server: net.Server;
  #port = 0;
  #sockets = new Set<net.Socket>();

  private constructor() {
    this.#server = net.createServer({ allowHalfOpen: true }, (socket) => this.#accept(socket));
  }

  static async start(): Promise<FakeZplPrinter> {
    const printer = new FakeZplPrinter();
    await new Promise<void>((resolve) => printer.#server.listen(0, '127.0.0.1', () => resolve()));
    printer.#port = (printer.#server.address() as net.AddressInfo).port;
    return printer;
  }

  get uri(): string {
    return `socket://127.0.0.1:${this.#port}`;
  }

  /** String 1 aaa,b,c,dddd,eee,f,g,h,iii,j,k,l; string 2 mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www; string 3 xxxx,y. */
  hostStatus(): Buffer {
    const b = (on: boolean) => (on ? '1' : '0');
    const strings = [
      `030,${b(this.paperOut)},${b(this.paused)},0320,000,0,0,0,000,0,0,0`,
      `001,0,${b(this.headOpen)},0,0,2,6,0,00000000,1,000`,
      '1234,0',
    ];
    return Buffer.from(strings.map((s) => `\x02${s}\x03\r\n`).join(''), 'latin1');
  }

  #accept(socket: net.Socket): void {
    this.connections++;
    this.#sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const received = Buffer.concat(chunks).toString('latin1');
      if (received.trim() === '~HS') {
        const faulted = this.paperOut || this.headOpen;
        if (!(faulted && this.silentWhenFaulted)) socket.write(this.hostStatus());
        chunks.length = 0;
      }
    });
    socket.on('end', () => {
      const job = Buffer.concat(chunks);
      if (job.length) this.jobs.push(job);
      socket.end();
    });
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => {});
  }

  async waitForJobs(count: number, timeoutMs = 5000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} label job(s), got ${this.jobs.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.jobs.slice(0, count);
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
