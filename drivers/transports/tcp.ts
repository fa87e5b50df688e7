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
 * One open connection for a job: the bytes go out, the printer's answers come back on it (status
 * bytes, a process ID response) until one side closes.
 */
export class TcpConnection {
  /** Everything the printer has sent on this connection. */
  received = Buffer.alloc(0);
  #listeners = new Set<() => void>();
  #closed: { hadError: boolean } | null = null;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.#changed();
    });
    socket.on('error', () => {});
    socket.on('close', (hadError) => {
      this.#closed = { hadError };
      this.#changed();
    });
  }

  /** Bytes the kernel took: any of them may already be on paper. */
  get bytesWritten(): number {
    return this.socket.bytesWritten;
  }

  /** Whether every byte written so far has left for the printer. */
  get flushed(): boolean {
    return this.socket.writableLength === 0;
  }

  get closed(): { hadError: boolean } | null {
    return this.#closed;
  }

  write(bytes: Uint8Array): void {
    if (!this.#closed) this.socket.write(bytes);
  }

  /**
   * Resolves once `done()` holds, checked at every byte received or state change; resolves
   * false when `timeoutMs` passes first. It never throws: the caller reads `closed` to know why.
   */
  until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        finish(true);
      };
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.#listeners.add(check);
    });
  }

  /** Closes our side and waits for the printer to close its own; false when it reset instead. */
  async end(timeoutMs: number): Promise<boolean> {
    this.socket.end();
    await this.until(() => this.#closed !== null, timeoutMs);
    if (!this.#closed) this.socket.destroy();
    return this.#closed?.hadError === false;
  }

  destroy(): void {
    this.socket.destroy();
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/**
 * A raw TCP (port 9100, "socket://host:port") connection per job, as network printers expect: many
 * take one connection at a time, so nothing is kept open between jobs.
 */
export class TcpTransport {
  constructor(readonly options: TcpOptions) {}

  /** Connects for one job; rejects with a TransportError (nothing written) when the printer cannot be reached. */
  async open(): Promise<TcpConnection> {
    return new TcpConnection(await connect(this.options));
  }

  /** Writes the bytes, closes, and waits for the printer to close too (short commands: a drawer kick). */
  async send(bytes: Uint8Array): Promise<void> {
    const connection = await this.open();
    connection.write(bytes);
    const closedCleanly = await connection.end(this.options.writeTimeoutMs ?? 10_000);
    if (!closedCleanly) {
      connection.destroy();
      const reason = connection.closed ? 'connection reset while printing' : 'the printer did not take the job in time';
      throw new TransportError(reason, connection.bytesWritten, connection.closed ? 'ECONNRESET' : 'ETIMEDOUT');
    }
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
    const connection = await this.open();
    const replies: (number | undefined)[] = [];
    let read = 0;
    try {
      for (const request of requests) {
        connection.write(request);
        await connection.until(() => connection.received.length > read || connection.closed !== null, replyTimeoutMs);
        replies.push(connection.received.length > read ? connection.received[read++] : undefined);
      }
    } finally {
      connection.destroy();
    }
    return replies;
  }
}
