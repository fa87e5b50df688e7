import type { AuditAction } from '../../shared/audit-actions.ts';
import { newId } from '../../shared/ids.ts';
import type { Tx } from '../db/client.ts';

export interface AuditEntry {
  outletId: string;
  userId: string | null;
  approvedById?: string | null;
  /** What was done: each action is told as a sentence in every language (shared/i18n). */
  action: AuditAction;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
}

/** Writes an audit entry inside the caller's transaction, so it exists exactly when the act does. */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      id: newId(),
      outletId: entry.outletId,
      userId: entry.userId,
      approvedById: entry.approvedById ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}
