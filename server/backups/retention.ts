import type { BackupRecord } from './archive.ts';
import type { Retention } from './settings.ts';

/** The hour, day and month a moment falls in, in the shop's time zone. */
function periodsOf(at: Date, timeZone: string): { hour: string; day: string; month: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const month = `${parts.year}-${parts.month}`;
  const day = `${month}-${parts.day}`;
  return { hour: `${day}T${parts.hour}`, day, month };
}

/**
 * Which backups to keep: the newest backup of each of the last `hourly` hours that have one, of
 * each of the last `daily` days and of each of the last `monthly` months (so 48h,30d,12m keeps at
 * most 90 files and reaches a year back), and the newest `keptApart` backups taken on demand and
 * as many taken before migrations (an owner's own backup is not thinned out by the next hourly
 * one). The newest backup is always kept. `backups` is newest first.
 */
export function backupsToKeep(backups: BackupRecord[], retention: Retention, timeZone: string): Set<string> {
  const keep = new Set<string>();
  if (backups.length) keep.add(backups[0].file);
  for (const [period, count] of [['hour', retention.hourly], ['day', retention.daily], ['month', retention.monthly]] as const) {
    const seen = new Set<string>();
    for (const backup of backups) {
      const key = periodsOf(new Date(backup.createdAt), timeZone)[period];
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      keep.add(backup.file);
    }
  }
  for (const kind of ['manual', 'pre-migration'] as const) {
    for (const backup of backups.filter((b) => b.kind === kind).slice(0, retention.keptApart)) keep.add(backup.file);
  }
  return keep;
}
