import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupSettings } from '../../server/backups/settings.ts';
import { ApiClient } from './api-client.ts';

/** Backup settings with an owner's folder in `folder` (not the default, so a missing folder is missing). */
export function backupSettings(folder: string, overrides: Partial<BackupSettings> = {}): BackupSettings {
  return { folder, defaultFolder: false, key: null, everyMinutes: 60, retention: { hourly: 48, daily: 30, monthly: 12, keptApart: 5 }, ...overrides };
}

/** Signs in to the back office with a password (the owner by default). */
export async function backOffice(url: string, login = 'owner', password = 'owner-demo-pass'): Promise<ApiClient> {
  const res = await new ApiClient(url).post<{ token: string }>('/api/auth/login', { login, password });
  if (res.status !== 200) throw new Error(`back-office login ${login}: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(url, res.body.token);
}

/** What a database file holds, read by the test itself: its integrity, its outlet and how many sales it has. */
export function readDatabase(file: string): { integrity: string; outletId: string; sales: number; saleIds: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      outletId: db.prepare(`SELECT id FROM "Outlet"`).pluck().get() as string,
      sales: db.prepare(`SELECT COUNT(*) FROM "Sale"`).pluck().get() as number,
      saleIds: db.prepare(`SELECT id FROM "Sale" ORDER BY id`).pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

/**
 * What is torn in a database's sales, read by the test itself: each check names the receipts (or
 * shifts, products) whose rows do not all agree, so a copy that holds part of a sale, or sales of
 * two moments, shows here. Empty for a whole database.
 */
export function tornSales(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const names = (sql: string) => db.prepare(sql).pluck().all() as string[];
  try {
    const problems = {
      'sales without lines': names(`SELECT s.number FROM "Sale" s WHERE NOT EXISTS (SELECT 1 FROM "SaleLine" l WHERE l.saleId = s.id)`),
      'sales whose payments are not their total': names(`SELECT s.number FROM "Sale" s WHERE s.total != (SELECT COALESCE(SUM(p.amount), 0) FROM "Payment" p WHERE p.saleId = s.id)`),
      'sales whose lines are not their total': names(`SELECT s.number FROM "Sale" s WHERE s.total != (SELECT COALESCE(SUM(l.amount), 0) FROM "SaleLine" l WHERE l.saleId = s.id)`),
      'sales without their stock movements': names(
        `SELECT s.number FROM "Sale" s WHERE (SELECT COALESCE(SUM(l.quantityMilli), 0) FROM "SaleLine" l WHERE l.saleId = s.id AND l.kind = 'goods')
           != -(SELECT COALESCE(SUM(m.quantityMilli), 0) FROM "StockMovement" m WHERE m.documentId = s.id AND m.kind = 'sale')`,
      ),
      'stock movements of no sale': names(`SELECT m.id FROM "StockMovement" m WHERE m.kind = 'sale' AND NOT EXISTS (SELECT 1 FROM "Sale" s WHERE s.id = m.documentId)`),
      'stock balances other than their movements': names(
        `SELECT b.productId FROM "StockBalance" b WHERE b.quantityMilli != (SELECT COALESCE(SUM(m.quantityMilli), 0) FROM "StockMovement" m WHERE m.productId = b.productId AND m.outletId = b.outletId)`,
      ),
      'sales without their outbox entry': names(`SELECT s.number FROM "Sale" s WHERE NOT EXISTS (SELECT 1 FROM "OutboxEntry" o WHERE o.documentId = s.id)`),
      'shifts whose receipt counter is not their receipts': names(`SELECT sh.id FROM "Shift" sh WHERE sh.receiptSeq != (SELECT COUNT(*) FROM "Sale" s WHERE s.shiftId = sh.id)`),
    };
    return Object.fromEntries(Object.entries(problems).filter(([, found]) => found.length));
  } finally {
    db.close();
  }
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Whether this test run may mount a file system (root with CAP_SYS_ADMIN; a CI container usually
 * may not): tried once on a scratch folder. backup-faults.test.ts covers the same faults without.
 */
export const canMount: boolean = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();

/** A small file system of its own (tmpfs), to fill up or to mount read-only; unmounted by the returned function. */
export function mountTmpfs(dir: string, options: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return () => execFileSync('umount', ['-l', dir]);
}

/** Files in a folder, sorted. */
export const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

export const inFolder = (dir: string, name: string) => path.join(dir, name);
