import type { z } from 'zod';

export interface HeadOfficeLink {
  /** Head office's base URL (https in production). */
  url: string;
  /** This outlet's credential at head office (from the environment, never in the repo). */
  token: string;
  batchSize?: number;
  /** Pause between rounds while all is well; failures back off from it up to `maxBackoffMs`. */
  intervalMs?: number;
  /** How long one request may take before it counts as failed. */
  timeoutMs?: number;
  /** Longest wait between tries while head office is unreachable. */
  maxBackoffMs?: number;
}

/**
 * The outlet's line to head office, shared by the pusher and the puller: authenticated JSON calls
 * with a timeout, answers validated at the boundary, and one view of how the link stands.
 */
export class HeadOfficeConnection {
  #failures = 0;
  #lastContactAt: Date | null = null;
  #unreachableSince: Date | null = null;
  #lastError: string | null = null;

  constructor(readonly link: HeadOfficeLink) {}

  async call<T>(method: 'GET' | 'POST', path: string, body: unknown, answer: z.ZodType<T>): Promise<T> {
    try {
      const res = await fetch(`${this.link.url.replace(/\/$/, '')}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.link.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.link.timeoutMs ?? 30_000),
      });
      if (!res.ok) {
        const refusal = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new Error(`head office answered ${res.status}${refusal?.error ? ` ${refusal.error.code}: ${refusal.error.message}` : ''}`);
      }
      const parsed = answer.parse(await res.json());
      this.#lastContactAt = new Date();
      this.#unreachableSince = null;
      this.#lastError = null;
      this.#failures = 0;
      return parsed;
    } catch (err) {
      this.failed(err);
      throw err;
    }
  }

  /** Notes a failure found after an answer (head office answered, but not as it should). */
  failed(err: unknown): void {
    this.#failures++;
    this.#unreachableSince ??= new Date();
    this.#lastError = (err as Error).message.slice(0, 300);
  }

  /** The pause before the next round: the interval, or twice as long per failure up to the cap. */
  waitMs(): number {
    const interval = this.link.intervalMs ?? 5000;
    return this.#failures ? Math.min(this.link.maxBackoffMs ?? 60_000, interval * 2 ** (this.#failures - 1)) : interval;
  }

  health() {
    return { lastContactAt: this.#lastContactAt?.toISOString() ?? null, unreachableSince: this.#unreachableSince?.toISOString() ?? null, lastError: this.#lastError };
  }
}
