import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../drivers/printers/print-queue.ts';
import type { BackupStatus } from '../../shared/schemas/backups.ts';
import { AppError, conflict } from '../http/errors.ts';
import { leftovers, listBackups, type BackupKind, type BackupRecord } from './archive.ts';
import { clearLeftovers, freeBytes, liveDatabaseSize, takeBackup } from './backup.ts';
import { backupsToKeep } from './retention.ts';
import type { BackupSettings } from './settings.ts';

export interface BackupServiceOptions {
  settings: BackupSettings;
  databaseFile: string;
  outlet: { id: string; timeZone: string };
  logger: Logger;
  /** The clock the schedule and retention read (tests move it). */
  now?: () => Date;
  /** Take scheduled backups and one at every Z (the server does; most tests do not). */
  automatic?: boolean;
}

const CHECK_EVERY_MS = 60_000;
/** After a failed scheduled backup, the next try waits this long (or the schedule's interval, if shorter). */
const RETRY_MINUTES = 10;

/** Backups of this outlet: on a schedule, at every Z, on demand; retention; how they stand. */
export class BackupService {
  readonly #settings: BackupSettings;
  readonly #now: () => Date;
  #running: Promise<BackupRecord> | null = null;
  #lastFailure: { at: string; code: string; message: string } | null = null;
  #lastAttemptAt: Date | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #cleared: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BackupServiceOptions) {
    this.#settings = options.settings;
    this.#now = options.now ?? (() => new Date());
  }

  get settings(): BackupSettings {
    return this.#settings;
  }

  /** Clears what backups cut off before this start left (a power cut), then keeps the schedule when automatic. */
  start(): void {
    this.#cleared = clearLeftovers(this.#settings, this.options.databaseFile, this.options.outlet.id).then(
      (cleared) => cleared.length && this.options.logger.warn(`cleared what a cut-off backup left: ${cleared.join(', ')}`),
      (err: Error) => this.options.logger.error(`clearing what a cut-off backup left failed: ${err.message}`),
    );
    if (!this.options.automatic || this.#timer) return;
    this.#timer = setInterval(() => void this.runDue(), CHECK_EVERY_MS);
    this.#timer.unref();
    void this.runDue();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#cleared;
    await this.#running?.catch(() => {});
  }

  /** Takes a backup now; one at a time (a second request while one runs is refused). */
  async take(kind: BackupKind): Promise<BackupRecord> {
    if (this.#running) throw conflict('backup-running', 'A backup is being taken now');
    // The whole of it, pruning included: whoever waits for it to end finds #running cleared.
    this.#running = this.#take(kind);
    try {
      return await this.#running;
    } finally {
      this.#running = null;
    }
  }

  async #take(kind: BackupKind): Promise<BackupRecord> {
    const started = Date.now();
    this.#lastAttemptAt = this.#now();
    try {
      await this.#cleared;
      const record = await takeBackup({ settings: this.#settings, databaseFile: this.options.databaseFile, kind, now: this.#now(), outletId: this.options.outlet.id });
      this.#lastFailure = null;
      this.options.logger.info(`backup ${record.file} (${record.size} bytes, ${kind}) verified in ${Date.now() - started} ms`);
      await this.#prune();
      return record;
    } catch (err) {
      const failure = err instanceof AppError ? err : new AppError(503, 'backup-failed', (err as Error).message);
      this.#lastFailure = { at: this.#now().toISOString(), code: failure.code, message: failure.message };
      this.options.logger.error(`backup (${kind}) failed: ${failure.message}`);
      throw failure;
    }
  }

  /** The shift-close hook: a backup after every Z, in the background, after the one running (a scheduled one) if any. */
  afterZ(): void {
    if (this.options.automatic) void this.#takeWhenFree('z').catch(() => {});
  }

  async #takeWhenFree(kind: BackupKind): Promise<BackupRecord> {
    while (this.#running) await this.#running.catch(() => {});
    return this.take(kind);
  }

  /** Takes the scheduled backup if one is due by the clock: the newest good one is older than the interval. */
  async runDue(): Promise<BackupRecord | null> {
    const every = this.#settings.everyMinutes;
    if (every <= 0 || this.#running) return null;
    const now = this.#now().getTime();
    const newest = await this.#newest();
    if (newest && now - Date.parse(newest.createdAt) < every * 60_000) return null;
    if (this.#lastFailure && this.#lastAttemptAt && now - this.#lastAttemptAt.getTime() < Math.min(every, RETRY_MINUTES) * 60_000) return null;
    return this.take('scheduled').catch(() => null);
  }

  async #newest(): Promise<BackupRecord | null> {
    return (await listBackups(this.#settings.folder, this.options.outlet.id).catch(() => []))[0] ?? null;
  }

  /** Deletes what the retention rule no longer keeps, and leftovers of cut-off backups. */
  async #prune(): Promise<void> {
    const { folder, retention } = this.#settings;
    const backups = await listBackups(folder, this.options.outlet.id);
    const keep = backupsToKeep(backups, retention, this.options.outlet.timeZone);
    const doomed = [...backups.filter((b) => !keep.has(b.file)).flatMap((b) => [b.file, `${b.file}.json`]), ...(await leftovers(folder, this.options.outlet.id))];
    await Promise.all(doomed.map((name) => fs.promises.rm(path.join(folder, name), { force: true })));
  }

  /** The backups and what the owner should be warned of. */
  async status(): Promise<Omit<BackupStatus, 'outletCode'>> {
    const { folder, everyMinutes, key, retention } = this.#settings;
    const warnings: BackupStatus['warnings'] = [];
    let backups: BackupRecord[] = [];
    let free: number | null = null;
    const stats = await fs.promises.stat(folder).catch(() => null);
    if (!stats?.isDirectory()) {
      if (!this.#settings.defaultFolder || stats) warnings.push('folder-missing');
    } else {
      backups = await listBackups(folder, this.options.outlet.id);
      free = await freeBytes(folder);
      if (!(await writable(folder))) warnings.push('folder-unwritable');
      if (free < (await liveDatabaseSize(this.options.databaseFile)) * 1.1) warnings.push('folder-full');
    }
    const newest = backups[0] ?? null;
    // Without a schedule, a backup is taken at each Z: a day and a bit is too old then.
    const allowedMinutes = everyMinutes > 0 ? everyMinutes * 2 : 26 * 60;
    if (!newest) warnings.push('no-backup');
    else if (this.#now().getTime() - Date.parse(newest.createdAt) > allowedMinutes * 60_000) warnings.push('too-old');
    if (this.#lastFailure) warnings.push('last-failed');
    return {
      folder,
      encrypted: Boolean(key),
      everyMinutes,
      retention: { hourly: retention.hourly, daily: retention.daily, monthly: retention.monthly },
      freeBytes: free,
      running: this.#running !== null,
      lastFailure: this.#lastFailure,
      warnings,
      backups: backups.map(({ file, kind, createdAt, size, encrypted, verifiedAt, schema }) => ({ file, kind, createdAt, size, encrypted, verifiedAt, schema })),
    };
  }
}

/** Whether a file can be made in the folder now (root ignores permissions, so this asks the disk itself). */
async function writable(folder: string): Promise<boolean> {
  const probe = path.join(folder, `.till-write-probe-${process.pid}`);
  try {
    await fs.promises.writeFile(probe, '');
    await fs.promises.rm(probe);
    return true;
  } catch {
    return false;
  }
}
