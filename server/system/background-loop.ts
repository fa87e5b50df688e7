/**
 * Runs a round of background work now, then again after `waitMs()`; never two rounds at once.
 * `notify()` starts the next round early (new work arrived); `stop()` waits for a running round.
 */
export class BackgroundLoop {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #busy: Promise<void> | null = null;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly waitMs: () => number,
  ) {}

  /** False once stopped: a long round checks it to finish early. */
  get running(): boolean {
    return this.#running;
  }

  start(): void {
    this.#running = true;
    this.notify();
  }

  notify(): void {
    if (!this.#running || this.#busy) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#busy = this.round().finally(() => {
      this.#busy = null;
      if (this.#running) this.#timer = setTimeout(() => this.notify(), this.waitMs());
    });
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#busy;
  }
}
