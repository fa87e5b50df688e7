import { readEventStream } from '../../shared/event-stream.ts';

/** Reads a server-sent event stream the way the register does (fetch with the bearer token). */
export class EventStreamClient {
  readonly events: { event: string; data: unknown }[] = [];
  #abort = new AbortController();
  #waiters: (() => void)[] = [];

  static async open(url: string, token: string): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: client.#abort.signal });
    if (!res.ok || !res.body) throw new Error(`event stream: ${res.status}`);
    void client.#read(res.body);
    return client;
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    try {
      await readEventStream(body, (event, data) => {
        this.events.push({ event, data });
        for (const w of this.#waiters.splice(0)) w();
      });
    } catch {
      // Aborted by close().
    }
  }

  async waitFor(event: string, timeoutMs = 5000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.event === event);
      if (found) return found.data;
      if (Date.now() > deadline) throw new Error(`no "${event}" event in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.#abort.abort();
  }
}
