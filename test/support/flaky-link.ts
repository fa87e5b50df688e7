import http from 'node:http';
import net from 'node:net';

/**
 * What the link between an outlet and head office does to the next requests:
 * pass; cut-request (half the body reaches head office, then both sides are cut);
 * cut-answer (head office gets it all and answers, the answer never arrives); duplicate (the
 * request reaches head office twice at once, as a retry racing the original would).
 */
export type LinkFault = 'pass' | 'cut-request' | 'cut-answer' | 'duplicate';

/** An HTTP relay on loopback that damages requests on the way to head office as told. */
export class FlakyLink {
  readonly #server: http.Server;
  #faults: LinkFault[] = [];
  /** Requests relayed or damaged, by fault. */
  readonly seen: Record<LinkFault, number> = { pass: 0, 'cut-request': 0, 'cut-answer': 0, duplicate: 0 };

  private constructor(private target: URL) {
    this.#server = http.createServer((req, res) => void this.#relay(req, res));
  }

  static async open(target: string): Promise<FlakyLink> {
    const link = new FlakyLink(new URL(target));
    await new Promise<void>((r) => link.#server.listen(0, '127.0.0.1', r));
    return link;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as { port: number }).port}`;
  }

  /** The next requests meet these faults, in order; then requests pass. */
  damageNext(...faults: LinkFault[]): void {
    this.#faults.push(...faults);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((r) => this.#server.close(() => r()));
  }

  async #relay(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const fault = this.#faults.shift() ?? 'pass';
    this.seen[fault]++;
    try {
      if (fault === 'cut-request') {
        await this.#sendHalf(req, body);
        return void res.destroy();
      }
      if (fault === 'duplicate') {
        const [first] = await Promise.all([this.#forward(req, body), this.#forward(req, body)]);
        return void res.writeHead(first.status, first.headers).end(first.body);
      }
      const answer = await this.#forward(req, body);
      if (fault === 'cut-answer') return void res.destroy();
      res.writeHead(answer.status, answer.headers).end(answer.body);
    } catch {
      res.destroy();
    }
  }

  async #forward(req: http.IncomingMessage, body: Buffer) {
    const answer = await fetch(new URL(req.url!, this.target), {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json', authorization: req.headers.authorization ?? '' },
      body: req.method === 'GET' ? undefined : new Uint8Array(body),
    });
    return { status: answer.status, headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' }, body: Buffer.from(await answer.arrayBuffer()) };
  }

  /** Opens a socket to head office, writes the head and half the body, and cuts it. */
  async #sendHalf(req: http.IncomingMessage, body: Buffer): Promise<void> {
    const socket = net.connect(Number(this.target.port), this.target.hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const head = [
      `${req.method} ${req.url} HTTP/1.1`,
      `host: ${this.target.host}`,
      `content-type: ${req.headers['content-type'] ?? 'application/json'}`,
      `authorization: ${req.headers.authorization ?? ''}`,
      `content-length: ${body.length}`,
      '',
      '',
    ].join('\r\n');
    await new Promise<void>((r) => socket.write(Buffer.concat([Buffer.from(head), body.subarray(0, body.length >> 1)]), () => r()));
    await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
  }
}
