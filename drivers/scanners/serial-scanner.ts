import { EventEmitter } from 'node:events';
import { ReadlineParser, type SerialPort } from 'serialport';
import type { DeviceAddress } from '../transports/device-uri.ts';
import { openSerial } from '../transports/serial.ts';
import { Reconnector, type ScannerSource } from './scanner.ts';

const SUFFIXES: Record<string, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t' };

/**
 * A serial or USB-CDC scanner: each code arrives as text ending in a configured suffix (CR by
 * default). The port is reopened with backoff after an unplug.
 */
export class SerialScanner extends EventEmitter implements ScannerSource {
  #port: SerialPort | null = null;
  readonly #reconnect: Reconnector;
  readonly #suffix: string;

  constructor(
    readonly id: string,
    private readonly address: Extract<DeviceAddress, { transport: 'serial' }>,
  ) {
    super();
    const suffix = (address.params.suffix ?? 'CR').toUpperCase();
    if (!(suffix in SUFFIXES)) throw new Error(`suffix ${address.params.suffix} is not one of ${Object.keys(SUFFIXES).join(', ')}`);
    this.#suffix = SUFFIXES[suffix];
    this.#reconnect = new Reconnector(() => this.#open());
  }

  state(): 'online' | 'offline' {
    return this.#port?.isOpen ? 'online' : 'offline';
  }

  start(): void {
    void this.#reconnect.run();
  }

  async #open(): Promise<void> {
    const port = await openSerial(this.address);
    this.#port = port;
    const lines = port.pipe(new ReadlineParser({ delimiter: this.#suffix, encoding: 'latin1' }));
    lines.on('data', (line: string) => {
      // Scanners may prefix a symbology identifier or pad with CR/LF of another suffix.
      const code = line.replace(/[\r\n]/g, '').trim();
      if (code.length > 0) this.emit('scan', code);
    });
    port.once('close', () => {
      this.#port = null;
      this.emit('status', 'offline');
      this.#reconnect.later();
    });
    port.on('error', () => {});
    this.emit('status', 'online');
  }

  async stop(): Promise<void> {
    this.#reconnect.stop();
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
