import { z } from 'zod';

export const BackupKindSchema = z.enum(['scheduled', 'z', 'manual', 'pre-migration']);

/** A verified backup in the owner's folder. */
export const BackupEntrySchema = z.object({
  file: z.string(),
  kind: BackupKindSchema,
  createdAt: z.string(),
  /** Bytes of the stored file. */
  size: z.number().int(),
  encrypted: z.boolean(),
  /** When it was read back and matched what was checked (integrity_check, this outlet's database). */
  verifiedAt: z.string(),
  /** The newest migration of the database inside. */
  schema: z.string(),
});
export type BackupEntry = z.infer<typeof BackupEntrySchema>;

export const BackupWarningSchema = z.enum(['no-backup', 'too-old', 'folder-missing', 'folder-unwritable', 'folder-full', 'last-failed']);
export type BackupWarning = z.infer<typeof BackupWarningSchema>;

/** How backups stand: the dashboard warns on any of `warnings`. */
export const BackupStatusSchema = z.object({
  /** The outlet's code, which the owner types to confirm a restore. */
  outletCode: z.string(),
  folder: z.string(),
  encrypted: z.boolean(),
  /** Minutes between scheduled backups (0: only at each Z and on demand). */
  everyMinutes: z.number().int(),
  retention: z.object({ hourly: z.number().int(), daily: z.number().int(), monthly: z.number().int() }),
  freeBytes: z.number().nullable(),
  running: z.boolean(),
  lastFailure: z.object({ at: z.string(), code: z.string(), message: z.string() }).nullable(),
  warnings: z.array(BackupWarningSchema),
  backups: z.array(BackupEntrySchema),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

/** What the restored database lacks compared with head office, written when a restore is applied. */
export const RestoreNoteSchema = z.object({
  restoredAt: z.string(),
  /** The backup file the database came from, and when that backup was taken. */
  backup: z.string(),
  backupCreatedAt: z.string().nullable(),
  /** The database that was replaced, kept beside the live one. */
  replacedDatabase: z.string().nullable(),
  headOffice: z.enum(['not-configured', 'compared', 'unreachable']),
  headOfficeError: z.string().nullable(),
  /** Documents head office holds from this outlet that the restored database does not have, by type. */
  lacking: z.record(z.string(), z.number().int()),
  /**
   * Receipt numbers of those documents (register-shift-sequence): the registers will give them
   * again to new sales, so each number here marks a receipt that exists twice in the chain (told
   * apart by its time and id; head office keeps both).
   */
  repeatingReceiptNumbers: z.array(z.object({ number: z.string(), documentId: z.string(), createdAt: z.string() })),
});
export type RestoreNote = z.infer<typeof RestoreNoteSchema>;

export const RestoreRequestSchema = z.object({
  /** A backup of the list (its file name in the backup folder). */
  file: z.string().min(1).max(200),
  /** The outlet's code, typed by the owner to confirm. */
  confirm: z.string().min(1).max(40),
});

export const RestoreStagedSchema = z.object({
  restoring: z.literal(true),
  file: z.string(),
  /** What the server does now: it stops taking sales, swaps the database in and starts again. */
  message: z.string(),
});

export const LastRestoreSchema = z.object({ note: RestoreNoteSchema.nullable() });
