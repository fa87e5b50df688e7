import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { SerialPort } from 'serialport';
import { MAX_SCANNED_CODE_LENGTH } from '../../shared/barcodes.ts';
import type { DeviceAddress } from '../transports/device-uri.ts';
import { openSerialKeepingInput } from '../transports/serial.ts';
import { cleanScannedText, Reconnector, type ScannerSource } from './scanner.ts';

/** Suffixes a scanner can be set to send. CR, LF and CRLF all end a code whichever is set; TAB also when chosen. */
const SUFFIXES = ['CR', 'LF', 'CRLF', 'TAB'];

/**
 * Cuts the byte stream of a serial scanner into codes: CR, LF or CRLF (and TAB when that is the
 * suffix) end a code; a line longer than `maxLength` is dropped whole, up to its end.
 */
export class ScanLineSplitter {
  #line = '';
  #overlong = false;
  readonly #ends: RegExp;

  constructor(
    private readonly maxLength = MAX_SCANNED_CODE_LENGTH,
    endsWithTab = false,
  ) {
    this.#ends = endsWithTab ? /[\r\n\t]/ : /[\r\n]/;
  }

  /** Feeds received text; returns the codes it completed and how many over-long lines it dropped. */
  push(text: string): { codes: string[]; dropped: number } {
    const codes: string[] = [];
    let dropped = 0;
    const parts = text.split(this.#ends);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (!this.#overlong) {
        this.#line += part;
        if (this.#line.length > this.maxLength) {
          this.#overlong = true;
          this.#line = '';
        }
      }
      if (i === parts.length - 1) break;
      // A line ended here.
      if (this.#overlong) dropped++;
      else {
        const code = cleanScannedText(this.#line);
        if (code) codes.push(code);
      }
      this.#line = '';
      this.#overlong = false;
    }
    return { codes, dropped };
  }
}

/**
 * A serial or USB-CDC scanner: each code arrives as text ending in CR, LF or CRLF. After an unplug
 * the port is reopened within a second of its coming back, and what the scanner sent meanwhile is
 * read, not flushed.
 */
export class SerialScanner extends EventEmitter implements ScannerSource {
  #port: SerialPort | null = null;
  readonly #reconnect: Reconnector;
  readonly #endsWithTab: boolean;

  constructor(
    readonly id: string,
    private readonly address: Extract<DeviceAddress, { transport: 'serial' }>,
  ) {
    super();
    const suffix = (address.params.suffix ?? 'CR').toUpperCase();
    if (!SUFFIXES.includes(suffix)) throw new Error(`suffix ${address.params.suffix} is not one of ${SUFFIXES.join(', ')}`);
    this.#endsWithTab = suffix === 'TAB';
    this.#reconnect = new Reconnector(() => this.#open());
  }

  state(): 'online' | 'offline' {
    return this.#port?.isOpen ? 'online' : 'offline';
  }

  start(): void {
    void this.#reconnect.run();
  }

  async #open(): Promise<void> {
    const { port, waiting } = await openSerialKeepingInput(this.address);
    this.#port = port;
    const lines = new ScanLineSplitter(MAX_SCANNED_CODE_LENGTH, this.#endsWithTab);
    const receive = (chunk: Buffer) => {
      const { codes, dropped } = lines.push(chunk.toString('latin1'));
      for (const code of codes) this.emit('scan', code);
      if (dropped) this.emit('rejected', `a line longer than ${MAX_SCANNED_CODE_LENGTH} characters is not a code`);
    };
    receive(waiting);
    port.on('data', receive);
    // A device unplugged (or a pseudo-terminal whose other end went away) does not always make the
    // port fail a read: its path disappearing is the other sign, checked every second.
    const presence = setInterval(() => {
      if (port.isOpen && !fs.existsSync(this.address.path)) port.close(() => {});
    }, 1000);
    presence.unref();
    port.once('close', () => {
      clearInterval(presence);
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
