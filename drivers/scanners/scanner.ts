import { EventEmitter } from 'node:events';

/** A barcode scanner read by the server: emits 'scan' with the code and 'status' on (dis)connection. */
export interface ScannerSource extends EventEmitter {
  readonly id: string;
  start(): void;
  stop(): Promise<void>;
  state(): 'online' | 'offline';
}

// Control characters a scanner may send around or inside a code (prefixes, suffixes, line noise),
// except GS (0x1D): it ends a variable-length field of a GS1 element string.
const CONTROL = /[\u0000-\u001c\u001e\u001f\u007f-\u009f]/g;

/** Scanned text without control characters (GS kept) and surrounding spaces. */
export function cleanScannedText(text: string): string {
  return text.replace(CONTROL, '').trim();
}

/**
 * Retries opening a device until stopped: first after `initialMs`, doubling to `maxMs`. The cap is
 * one second so that a device plugged back in is used again within two seconds; trying to open a
 * port that is not there costs next to nothing.
 */
export class Reconnector {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #delay: number;
  #stopped = false;

  constructor(
    private readonly attempt: () => Promise<void>,
    private readonly initialMs = 250,
    private readonly maxMs = 1000,
  ) {
    this.#delay = initialMs;
  }

  /** Tries now; on failure schedules the next try. */
  async run(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.attempt();
      this.#delay = this.initialMs;
    } catch {
      this.later();
    }
  }

  /** The device went away: try again after the current delay. */
  later(): void {
    if (this.#stopped || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run();
    }, this.#delay);
    this.#delay = Math.min(this.#delay * 2, this.maxMs);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }
}
