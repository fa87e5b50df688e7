import net from 'node:net';

/** An error from a transport, saying whether any byte of the job reached the device. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly bytesWritten: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface TcpOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

function connect(options: TcpOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: options.host, port: options.port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError(`connect to ${options.host}:${options.port} timed out`, 0, 'ETIMEDOUT'));
    }, options.connectTimeoutMs ?? 3000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new TransportError(`cannot connect to ${options.host}:${options.port}: ${err.message}`, 0, err.code));
    });
  });
}

/**
 * A raw TCP (port 9100, "socket://host:port") connection per job, as network printers expect: many
 * take one connection at a time, so nothing is kept open between jobs.
 */
export class TcpTransport {
  constructor(readonly options: TcpOptions) {}

  /** Writes the bytes and closes; rejects with a TransportError telling how much was written. */
  async send(bytes: Uint8Array): Promise<void> {
    const socket = await connect(this.options);
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (message: string, code?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // bytesWritten counts what the kernel accepted: any of it may already be on paper.
        reject(new TransportError(message, socket.bytesWritten, code));
        socket.destroy();
      };
      const timer = setTimeout(() => fail('write timed out', 'ETIMEDOUT'), this.options.writeTimeoutMs ?? 10_000);
      socket.once('error', (err: NodeJS.ErrnoException) => fail(`write failed: ${err.message}`, err.code));
      // Done when the printer closes its side after ours: a reset instead means it may have
      // dropped the end of the job.
      socket.once('close', (hadError) => {
        if (hadError) return fail('connection reset while printing', 'ECONNRESET');
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve();
      });
      socket.on('data', () => {});
      socket.end(bytes);
    });
  }

  /**
   * Sends a request on its own connection and collects the reply until `complete` says it is
   * whole or the timeout passes (then what came so far is returned, possibly nothing).
   */
  async exchange(request: Uint8Array, complete: (received: Buffer) => boolean, replyTimeoutMs = 2000): Promise<Buffer> {
    const socket = await connect(this.options);
    try {
      return await new Promise<Buffer>((resolve) => {
        let received = Buffer.alloc(0);
        const done = () => {
          clearTimeout(timer);
          resolve(received);
        };
        const timer = setTimeout(done, replyTimeoutMs);
        socket.on('data', (chunk: Buffer) => {
          received = Buffer.concat([received, chunk]);
          if (complete(received)) done();
        });
        socket.on('error', done);
        socket.on('close', done);
        socket.write(request);
      });
    } finally {
      socket.destroy();
    }
  }

  /**
   * Sends each request on one connection and reads one reply byte per request; a request without
   * a reply within the timeout gives undefined (many clones never answer).
   */
  async query(requests: Uint8Array[], replyTimeoutMs = 500): Promise<(number | undefined)[]> {
    const socket = await connect(this.options);
    const replies: (number | undefined)[] = [];
    const received: number[] = [];
    let waiter: (() => void) | null = null;
    socket.on('data', (chunk: Buffer) => {
      received.push(...chunk);
      waiter?.();
    });
    socket.on('error', () => waiter?.());
    try {
      for (const request of requests) {
        socket.write(request);
        if (received.length === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => resolve(), replyTimeoutMs);
            waiter = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          waiter = null;
        }
        replies.push(received.shift());
      }
    } finally {
      socket.destroy();
    }
    return replies;
  }
}
