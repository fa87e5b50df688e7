import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BackupEntrySchema, BackupStatusSchema, LastRestoreSchema, RestoreRequestSchema, RestoreStagedSchema } from '../../shared/schemas/backups.ts';
import { AppError, badRequest, errorResponses } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { knownMigrations } from '../db/migrate.ts';
import { isBackupName, listBackups } from './archive.ts';
import { stageRestore } from './restore.ts';
import { lastRestoreNote } from './restore-note.ts';
import type { BackupService } from './service.ts';

/** Set while a restore is being swapped in: the server takes no sales until it has started again. */
export interface RestoreGate {
  restoring: boolean;
}

/** Answers every request but the health check with 503 while a restore is under way. */
export function installRestoreGate(app: FastifyInstance, gate: RestoreGate): void {
  app.addHook('onRequest', async (request) => {
    if (gate.restoring && request.routeOptions.url !== '/api/health') {
      throw new AppError(503, 'restoring', 'The server is restoring a backup and takes no sales until it has started again');
    }
  });
}

export const backupRoutes: FastifyPluginAsyncZod<{ backups: BackupService; outlet: OutletInfo; databaseFile: string; gate: RestoreGate; onRestoreStaged: (() => void) | null }> = async (
  app,
  { backups, outlet, databaseFile, gate, onRestoreStaged },
) => {
  app.get('/api/backups', {
    config: { permission: 'backoffice' },
    schema: { summary: 'The last backups, their size and verification, and what to warn of', operationId: 'backupStatus', tags: ['backups'], response: { 200: BackupStatusSchema } },
    handler: async () => ({ ...(await backups.status()), outletCode: outlet.view.code }),
  });

  app.post('/api/backups', {
    config: { permission: 'manage-users' },
    schema: { summary: 'Takes a verified backup now', operationId: 'takeBackup', tags: ['backups'], response: { 201: BackupEntrySchema, ...errorResponses(409, 503) } },
    handler: async (_request, reply) => reply.code(201).send(await backups.take('manual')),
  });

  app.get('/api/backups/last-restore', {
    config: { permission: 'backoffice' },
    schema: { summary: 'What the last restore left out compared with head office', operationId: 'lastRestore', tags: ['backups'], response: { 200: LastRestoreSchema } },
    handler: async () => ({ note: lastRestoreNote(databaseFile) }),
  });

  app.post('/api/backups/restore', {
    config: { permission: 'manage-users' },
    schema: {
      summary: 'Restores a backup: checks it, stops taking sales, swaps it in and starts again',
      operationId: 'restoreBackup',
      tags: ['backups'],
      body: RestoreRequestSchema,
      response: { 202: RestoreStagedSchema, ...errorResponses(409, 422) },
    },
    handler: async (request, reply) => {
      const { file, confirm } = request.body;
      if (confirm !== outlet.view.code) throw badRequest('confirmation-mismatch', `Type the outlet's code (${outlet.view.code}) to confirm the restore`, [{ path: 'body.confirm', message: 'not the outlet code' }], { code: outlet.view.code });
      const record = isBackupName(file) ? (await listBackups(backups.settings.folder, outlet.id).catch(() => [])).find((b) => b.file === file) : undefined;
      if (!record) throw badRequest('backup-not-found', `${file} is not a verified backup in the backup folder`, [{ path: 'body.file', message: 'not in the list' }]);
      if (gate.restoring) throw new AppError(409, 'restoring', 'A restore is under way');
      await stageRestore({
        databaseFile,
        backupFile: path.join(backups.settings.folder, record.file),
        key: backups.settings.key,
        outletId: outlet.id,
        knownMigrations: knownMigrations(),
        backupCreatedAt: record.createdAt,
      });
      request.log.warn(`restore of ${record.file} staged by ${request.auth?.login}; the server restarts with it`);
      if (onRestoreStaged) {
        gate.restoring = true;
        reply.raw.once('finish', onRestoreStaged);
      }
      return reply.code(202).send({
        restoring: true as const,
        file: record.file,
        message: onRestoreStaged ? 'The server stops taking sales, swaps the backup in and starts again.' : 'The backup is swapped in at the next start of the server.',
      });
    },
  });
};
