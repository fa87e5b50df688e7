import type { Api } from '../../../shared/api-client.ts';
import { readEventStream } from '../../../shared/event-stream.ts';
import type { DeviceStatusView } from '../../../shared/schemas/devices.ts';
import { WeighingGuard, type ScaleReading } from '../../../shared/weighing.ts';
import type { Session } from './session.svelte.ts';

const POLL_MS = 3000;

/**
 * This register's devices as the server drives them: printer and drawer status, the live scale
 * reading, and codes from scanners the server reads (serial, HID), which arrive as events.
 */
export class Devices {
  list = $state<DeviceStatusView[]>([]);
  /** The last reading of this register's scale (live while it settles). */
  scaleReading = $state<ScaleReading | null>(null);
  /** A drawer kick after this register's cash sale that did not reach the printer. */
  drawerFailure = $state<{ jobId: string; saleId: string; error: string } | null>(null);
  readonly weighing = new WeighingGuard();
  /** Where codes from server-read scanners go (the sell screen, while no dialog has the keyboard). */
  onScan: ((code: string) => void) | null = null;
  #events: AbortController | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly api: Api,
    private readonly session: Session,
  ) {
    session.onSignedIn(() => {
      this.#listen();
      this.#poll ??= setInterval(() => void this.refresh(), POLL_MS);
      void this.refresh();
    });
    session.onSignedOut(() => {
      this.#events?.abort();
      this.#events = null;
      if (this.#poll) clearInterval(this.#poll);
      this.#poll = null;
      this.drawerFailure = null;
    });
  }

  #mine(device: DeviceStatusView): boolean {
    return !device.registerCode || device.registerCode === this.session.registerCode;
  }

  get printer(): DeviceStatusView | null {
    return this.list.find((d) => d.kind === 'receipt-printer') ?? null;
  }

  /** Scanners and scales of this register (those at the next till are not ours). */
  get readers(): DeviceStatusView[] {
    return this.list.filter((d) => (d.kind === 'scanner' || d.kind === 'scale') && this.#mine(d));
  }

  /** This register's scale, when one is configured and connected. */
  get scale(): DeviceStatusView | null {
    return this.list.find((d) => d.kind === 'scale' && d.registerCode === this.session.registerCode && d.state === 'online') ?? null;
  }

  get hasPoleDisplay(): boolean {
    return this.list.some((d) => d.kind === 'pole-display' && d.registerCode === this.session.registerCode);
  }

  async refresh(): Promise<void> {
    if (!this.api.token) return;
    try {
      this.list = (await this.api.get<{ items: DeviceStatusView[] }>('/api/devices/status')).items;
      const scale = this.scale;
      if (scale?.maxGrams) this.weighing.limits.maxGrams = scale.maxGrams;
      if (scale?.weight && !this.scaleReading) this.#weighed(scale.weight as ScaleReading);
    } catch {
      // The status bar keeps the last known state; the next poll tries again.
    }
  }

  /** Follows the server's device events (scans from server-side scanners, status changes), reconnecting. */
  async #listen(): Promise<void> {
    this.#events?.abort();
    const abort = new AbortController();
    this.#events = abort;
    while (!abort.signal.aborted && this.api.token) {
      try {
        const res = await fetch('/api/devices/events', { headers: { authorization: `Bearer ${this.api.token}` }, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        await readEventStream(res.body, (event, data) => {
          if (event === 'scan') this.onScan?.((data as { code: string }).code);
          if (event === 'weight') this.#weighed(data as ScaleReading);
          if (event === 'status') void this.refresh();
          if (event === 'drawer') this.#drawer(data as { jobId: string; saleId: string; opened: boolean; error: string | null });
        });
      } catch {
        // Server restarting or network gone: try again shortly.
      }
      if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, 3000));
    }
  }

  #weighed(reading: ScaleReading): void {
    this.scaleReading = { state: reading.state, grams: reading.grams, ticket: reading.ticket };
    this.weighing.observe(reading);
  }

  #drawer(event: { jobId: string; saleId: string; opened: boolean; error: string | null }): void {
    if (!event.opened) this.drawerFailure = { jobId: event.jobId, saleId: event.saleId, error: event.error ?? '' };
    else if (this.drawerFailure?.saleId === event.saleId) this.drawerFailure = null;
  }

  /** Sends the drawer kick that failed once more; the answer says whether it reached the printer. */
  async retryDrawer(): Promise<void> {
    const failure = this.drawerFailure;
    if (!failure) return;
    const job = await this.api.post<{ id: string; status: string; lastError: string | null }>(`/api/print-jobs/${failure.jobId}/retry`);
    this.drawerFailure = job.status === 'sent' ? null : { jobId: job.id, saleId: failure.saleId, error: job.lastError ?? '' };
  }

  async scaleCommand(kind: 'zero' | 'tare'): Promise<void> {
    await this.api.post(`/api/devices/scale/${kind}`);
  }
}
