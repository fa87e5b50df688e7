import { EventEmitter } from 'node:events';
import { DelimiterParser, type SerialPort } from 'serialport';
import type { DeviceAddress } from '../transports/device-uri.ts';
import { openSerial } from '../transports/serial.ts';
import { Reconnector } from '../scanners/scanner.ts';
import { SCALE_PROTOCOLS, type ScaleProtocol, type WeightReading } from './protocols.ts';

/**
 * A scale on a serial line. Request-response scales are asked for the weight every `pollMs`;
 * streaming scales talk on their own. Emits 'reading' on every change and 'status' on (dis)connection.
 */
export class SerialScale extends EventEmitter {
  readonly protocol: ScaleProtocol;
  #port: SerialPort | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #last: WeightReading | null = null;
  readonly #reconnect: Reconnector;

  constructor(
    readonly id: string,
    private readonly address: Extract<DeviceAddress, { transport: 'serial' }>,
    private readonly pollMs = 200,
  ) {
    super();
    const name = address.params.protocol ?? 'toledo';
    const protocol = SCALE_PROTOCOLS[name];
    if (!protocol) throw new Error(`protocol ${name} is not one of ${Object.keys(SCALE_PROTOCOLS).join(', ')}`);
    this.protocol = protocol;
    this.#reconnect = new Reconnector(() => this.#open());
  }

  state(): 'online' | 'offline' {
    return this.#port?.isOpen ? 'online' : 'offline';
  }

  reading(): WeightReading | null {
    return this.#port?.isOpen ? this.#last : null;
  }

  start(): void {
    void this.#reconnect.run();
  }

  async #open(): Promise<void> {
    const port = await openSerial(this.address);
    this.#port = port;
    port.pipe(new DelimiterParser({ delimiter: this.protocol.delimiter })).on('data', (data: Buffer) => {
      const reading = this.protocol.parse(data.toString('latin1'));
      if (!reading) return;
      const changed = reading.state !== this.#last?.state || reading.grams !== this.#last?.grams;
      this.#last = reading;
      if (changed) this.emit('reading', reading);
    });
    port.once('close', () => {
      this.#port = null;
      this.#last = null;
      if (this.#timer) clearInterval(this.#timer);
      this.emit('status', 'offline');
      this.#reconnect.later();
    });
    port.on('error', () => {});
    if (this.protocol.request) {
      const request = this.protocol.request;
      this.#timer = setInterval(() => port.isOpen && port.write(request), this.pollMs);
    }
    this.emit('status', 'online');
  }

  /** Zero or tare the scale; false when the protocol has no such command or the scale is away. */
  command(kind: 'zero' | 'tare'): boolean {
    const bytes = this.protocol[kind];
    if (!bytes || !this.#port?.isOpen) return false;
    this.#port.write(bytes);
    return true;
  }

  async stop(): Promise<void> {
    this.#reconnect.stop();
    if (this.#timer) clearInterval(this.#timer);
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
