import { EventEmitter } from 'node:events';

/** A barcode scanner read by the server: emits 'scan' with the code and 'status' on (dis)connection. */
export interface ScannerSource extends EventEmitter {
  readonly id: string;
  start(): void;
  stop(): Promise<void>;
  state(): 'online' | 'offline';
}

/** Retries opening a device with backoff (1 s doubling to 30 s) until stopped. */
export class Reconnector {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #delay: number;
  #stopped = false;

  constructor(
    private readonly attempt: () => Promise<void>,
    private readonly initialMs = 1000,
    private readonly maxMs = 30_000,
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
