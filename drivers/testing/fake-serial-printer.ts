import { SerialPort } from 'serialport';
import { HEALTHY, type FakeStatus } from './fake-network-printer.ts';

/**
 * An ESC/POS printer on a serial line (the peer end of a pty pair): keeps every byte it is sent and
 * answers DLE EOT requests that arrive on their own, as the driver sends them.
 */
export class FakeSerialPrinter {
  readonly received: number[] = [];
  status: FakeStatus = HEALTHY;
  #port: SerialPort;

  private constructor(port: SerialPort) {
    this.#port = port;
    port.on('data', (chunk: Buffer) => {
      if (chunk.length % 3 === 0 && chunk[0] === 0x10 && chunk[1] === 0x04) {
        for (let i = 0; i < chunk.length; i += 3) {
          const n = chunk[i + 2];
          const reply = n === 1 ? this.status.printer : n === 2 ? this.status.offline : n === 4 ? this.status.paper : undefined;
          if (reply !== undefined) port.write(Uint8Array.of(reply));
        }
        return;
      }
      this.received.push(...chunk);
    });
  }

  static async open(path: string): Promise<FakeSerialPrinter> {
    const port = new SerialPort({ path, baudRate: 19200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new FakeSerialPrinter(port);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.#port.isOpen ? this.#port.close(() => resolve()) : resolve()));
  }
}
