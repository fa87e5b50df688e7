import type { Api } from '../../../shared/api-client.ts';
import type { ShiftReport, ShiftView } from '../../../shared/schemas/shifts.ts';
import { t } from '../i18n/i18n.svelte.ts';
import type { Approvals } from './approvals.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { Session } from './session.svelte.ts';

/** The register's shift and its drawer: opened with a counted float, cash in and out, no sale, X reports, closed with the Z on screen. */
export class ShiftState {
  current = $state<ShiftView | null>(null);
  /** The Z report of the shift just closed: shown until the cashier goes on. */
  closed = $state<ShiftReport | null>(null);

  constructor(
    private readonly api: Api,
    session: Session,
    private readonly approvals: Approvals,
    private readonly notices: Notices,
  ) {
    session.onSignedIn(async () => {
      this.current = (await this.api.get<{ shift: ShiftView | null }>('/api/shifts/current')).shift;
      this.closed = null;
    });
    session.onSignedOut(() => {
      this.current = null;
      this.closed = null;
    });
  }

  async open(openingFloat: number): Promise<void> {
    this.current = await this.api.post<ShiftView>('/api/shifts', { openingFloat });
    this.closed = null;
  }

  xReport(print: boolean): Promise<ShiftReport> {
    return print ? this.api.post<ShiftReport>('/api/shifts/current/x-report/print') : this.api.get<ShiftReport>('/api/shifts/current/x-report');
  }

  async close(countedCash: number): Promise<ShiftReport> {
    const z = await this.api.post<ShiftReport>('/api/shifts/current/close', { countedCash });
    this.current = null;
    this.closed = z;
    return z;
  }

  /** Cash put into the drawer (a float top-up) or taken out (a payout, a bank drop), with a reason. */
  async cashMovement(kind: 'in' | 'out', amount: number, reason: string): Promise<void> {
    await this.api.post('/api/shifts/current/cash-movements', { kind, amount, reason });
  }

  /** Opens the drawer without a sale, for a reason, once a supervisor approves where the cashier may not. */
  async noSale(reason: string): Promise<void> {
    const approvalId = await this.approvals.approvalFor({ action: 'no-sale' });
    await this.api.post('/api/register/no-sale', { reason, approvalId });
    this.notices.info(t('Drawer opened'));
  }

  /** Follows the Z's print job until it is done with (printed, or failed and waiting for a retry). */
  async followPrint(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const job = this.closed?.printJob;
      if (!job || !['queued', 'sending'].includes(job.status)) return;
      await new Promise((r) => setTimeout(r, 500));
      const jobs = await this.api.get<{ items: { id: string; status: string }[] }>('/api/print-jobs?limit=50').catch(() => null);
      const fresh = jobs?.items.find((j) => j.id === job.id);
      if (fresh && this.closed?.printJob?.id === job.id) this.closed = { ...this.closed, printJob: { id: fresh.id, status: fresh.status } };
    }
  }

  /** Sends a report's print job to the printer again (a failed or unknown one). */
  async reprint(report: ShiftReport): Promise<ShiftReport> {
    if (!report.printJob) return report;
    const job = await this.api.post<{ id: string; status: string }>(`/api/print-jobs/${report.printJob.id}/retry`);
    return { ...report, printJob: { id: job.id, status: job.status } };
  }
}
