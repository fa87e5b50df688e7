import { SerialPort } from 'serialport';

/**
 * A scale on the peer end of a pty pair, speaking Toledo 8217, MT-SICS or CAS streaming. Tests set
 * what lies on the platter; the fake answers requests (or streams) as the real scale would, and
 * records zero and tare commands.
 */
export class FakeScale {
  grams = 0;
  stable = true;
  overload = false;
  readonly commands: string[] = [];
  #port: SerialPort;
  #stream: ReturnType<typeof setInterval> | null = null;

  private constructor(
    port: SerialPort,
    readonly protocol: 'toledo' | 'mt-sics' | 'cas',
  ) {
    this.#port = port;
    let buffer = '';
    port.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      const tokens = protocol === 'toledo' ? buffer.split('') : buffer.split('\r\n');
      buffer = protocol === 'toledo' ? '' : tokens.pop()!;
      for (const token of tokens) this.#answer(token);
    });
    if (protocol === 'cas') this.#stream = setInterval(() => port.write(this.#casLine()), 50);
  }

  static async open(path: string, protocol: 'toledo' | 'mt-sics' | 'cas'): Promise<FakeScale> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new FakeScale(port, protocol);
  }

  #kg(): string {
    return (this.grams / 1000).toFixed(3);
  }

  #answer(request: string): void {
    if (this.protocol === 'toledo') {
      if (request === 'W') {
        const status = this.overload ? 0x22 : !this.stable ? 0x21 : null;
        this.#port.write(status === null ? `\x02${this.#kg().padStart(6, '0')}\r` : `\x02?${String.fromCharCode(status)}\r`);
      } else if (request === 'Z' || request === 'T') this.commands.push(request);
      return;
    }
    if (request === 'SI' || request === 'S') {
      const line = this.overload ? 'S +' : `S ${this.stable ? 'S' : 'D'} ${(this.grams / 1000).toFixed(3).padStart(10)} kg`;
      this.#port.write(`${line}\r\n`);
    } else if (request) this.commands.push(request);
  }

  #casLine(): string {
    return this.overload ? 'OL,GS,+  9.999kg\r\n' : `${this.stable ? 'ST' : 'US'},GS,+${this.#kg().padStart(7)}kg\r\n`;
  }

  async close(): Promise<void> {
    if (this.#stream) clearInterval(this.#stream);
    await new Promise<void>((resolve) => (this.#port.isOpen ? this.#port.close(() => resolve()) : resolve()));
  }
}
