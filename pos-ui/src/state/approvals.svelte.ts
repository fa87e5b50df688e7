import { ApiError, type Api } from '../../../shared/api-client.ts';
import { rightsCover, type BoundAct } from '../../../shared/permissions.ts';
import type { ApprovalResponse } from '../../../shared/schemas/auth.ts';
import { Cancelled } from '../lib/errors.ts';
import type { Session } from './session.svelte.ts';

interface PendingApproval {
  act: BoundAct;
  resolve: (approvalId: string) => void;
  reject: (reason: Error) => void;
}

/**
 * Acts the cashier may not do alone wait for a supervisor's PIN. An approval is bound to the act:
 * the sale or return being made, its line, and the amount or share.
 */
export class Approvals {
  pending = $state<PendingApproval | null>(null);

  constructor(
    private readonly api: Api,
    private readonly session: Session,
  ) {
    session.onSignedOut(() => this.cancel());
  }

  /** Resolves with an approval id, or undefined when the cashier's rights cover the act (within their limits). */
  async approvalFor(act: BoundAct): Promise<string | undefined> {
    const current = this.session.current;
    if (current && rightsCover({ permissions: current.permissions, ...current.limits }, act)) return undefined;
    return this.ask(act);
  }

  ask(act: BoundAct): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.pending = { act, resolve, reject };
    });
  }

  /**
   * Sends a request; when the server answers that a supervisor must authorise something in it (a
   * price from a scanned code, a refund, an agreed price), asks for that approval, lets `place` put
   * it where the refusal's field says, and sends again.
   */
  async withApprovals<T>(send: () => Promise<T>, place: (field: string, approvalId: string) => boolean): Promise<T> {
    for (;;) {
      try {
        return await send();
      } catch (err) {
        const act = err instanceof ApiError && (err.code === 'approval-required' || err.code === 'approval-invalid') ? (err.details.approval as BoundAct | undefined) : undefined;
        if (!act || !(err instanceof ApiError)) throw err;
        const approvalId = await this.ask(act);
        if (!place(err.fields[0]?.path ?? '', approvalId)) throw err;
      }
    }
  }

  async approve(login: string, pin: string): Promise<ApprovalResponse> {
    const pending = this.pending;
    if (!pending) throw new Error('nothing to approve');
    const response = await this.api.post<ApprovalResponse>('/api/approvals', { ...pending.act, login, pin });
    this.pending = null;
    pending.resolve(response.approvalId);
    return response;
  }

  cancel(): void {
    this.pending?.reject(new Cancelled());
    this.pending = null;
  }
}
