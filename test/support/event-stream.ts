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
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) this.events.push({ event, data: data ? JSON.parse(data) : null });
          for (const w of this.#waiters.splice(0)) w();
        }
      }
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
