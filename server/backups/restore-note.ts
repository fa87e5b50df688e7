import fs from 'node:fs';
import { HeldDocumentsSchema } from '../../shared/schemas/sync.ts';
import { RestoreNoteSchema, type RestoreNote } from '../../shared/schemas/backups.ts';
import type { Db } from '../db/client.ts';
import { HeadOfficeConnection, type HeadOfficeLink } from '../sync/connection.ts';
import { writeJsonFile } from './archive.ts';
import { restoreFiles, type AppliedRestore } from './restore.ts';

/** Documents made by the outlet's clock up to this long before the restored database's newest one are compared too. */
const OVERLAP_MS = 60 * 60_000;

/**
 * After a restore was swapped in: what the restored database lacks compared with head office (the
 * documents head office holds from this outlet that it does not have) and so which receipt numbers
 * the registers will give again. The outbox resends what head office had not acknowledged; this
 * says what went the other way. Written to `<db>.last-restore.json` (the back office shows it, the
 * restore command prints it); an unreachable head office is noted and asked again at the next start.
 */
export async function completeRestoreNote(db: Db, databaseFile: string, headOffice: HeadOfficeLink | null): Promise<RestoreNote | null> {
  const files = restoreFiles(databaseFile);
  if (!fs.existsSync(files.applied)) return null;
  const applied = JSON.parse(fs.readFileSync(files.applied, 'utf8')) as AppliedRestore;
  const note: RestoreNote = {
    restoredAt: applied.restoredAt,
    backup: applied.backup,
    backupCreatedAt: applied.backupCreatedAt,
    replacedDatabase: applied.replacedDatabase,
    headOffice: headOffice ? 'compared' : 'not-configured',
    headOfficeError: null,
    lacking: {},
    repeatingReceiptNumbers: [],
  };
  if (headOffice) {
    const newest = await db.outboxEntry.findFirst({ orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
    const since = new Date((newest?.createdAt.getTime() ?? 0) - OVERLAP_MS);
    try {
      const held = await new HeadOfficeConnection({ ...headOffice, timeoutMs: 15_000 }).call('GET', `/api/sync/documents?since=${encodeURIComponent(since.toISOString())}`, undefined, HeldDocumentsSchema);
      const here = new Set((await db.outboxEntry.findMany({ where: { createdAt: { gte: since } }, select: { documentId: true } })).map((e) => e.documentId));
      for (const document of held.documents.filter((d) => !here.has(d.documentId))) {
        note.lacking[document.type] = (note.lacking[document.type] ?? 0) + 1;
        if (document.number) note.repeatingReceiptNumbers.push({ number: document.number, documentId: document.documentId, createdAt: document.createdAt });
      }
    } catch (err) {
      note.headOffice = 'unreachable';
      note.headOfficeError = (err as Error).message.slice(0, 300);
    }
  }
  await writeJsonFile(files.note, RestoreNoteSchema.parse(note));
  if (note.headOffice !== 'unreachable') fs.rmSync(files.applied, { force: true });
  return note;
}

/** The last restore's note, if this database was ever restored here. */
export function lastRestoreNote(databaseFile: string): RestoreNote | null {
  const { note } = restoreFiles(databaseFile);
  return fs.existsSync(note) ? RestoreNoteSchema.parse(JSON.parse(fs.readFileSync(note, 'utf8'))) : null;
}

/** The note as a person reads it at the command line. */
export function describeRestoreNote(note: RestoreNote): string {
  const lines = [`Restored from ${note.backup} at ${note.restoredAt}.`];
  if (note.replacedDatabase) lines.push(`The database it replaced is kept as ${note.replacedDatabase} beside the live one.`);
  if (note.headOffice === 'not-configured') lines.push('No head office is configured: nothing to compare with.');
  else if (note.headOffice === 'unreachable') lines.push(`Head office could not be asked (${note.headOfficeError}); the server asks again at its next start.`);
  else {
    // "2 × sale", as the back office writes it: a count beside a document type's name, which has no plural to agree.
    const lacking = Object.entries(note.lacking);
    lines.push(lacking.length ? `Head office holds documents this database lacks: ${lacking.map(([type, n]) => `${n} × ${type}`).join(', ')}.` : 'The restored database lacks nothing that head office holds.');
    if (note.repeatingReceiptNumbers.length) {
      lines.push('These receipt numbers may repeat (the registers will give them to new sales; head office keeps both, told apart by time and id):');
      for (const r of note.repeatingReceiptNumbers) lines.push(`  * ${r.number}  (${r.createdAt}, ${r.documentId})`);
    }
  }
  return lines.join('\n');
}
