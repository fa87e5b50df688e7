import { readDocument } from '../../shared/document-checks.ts';
import type { SyncDocumentType } from '../../shared/schemas/sync.ts';

/**
 * The outlet checks a document it queues for head office as head office will: one that would be
 * refused (and hold up every document after it) is a defect here, so the act fails before anything
 * is stored. Call inside the document's transaction.
 */
export function refuseUnsoundDocument(type: SyncDocumentType, documentId: string, payload: string): void {
  const { issues } = readDocument(type, JSON.parse(payload));
  if (issues.length) throw new Error(`${type} ${documentId} fails head office's checks: ${issues[0].path}: ${issues[0].message}`);
}
