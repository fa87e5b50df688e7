// A process that takes backups of a database one after another until it is killed (the power-cut
// test kills it in the middle of one); it tells its parent after the first.
import { takeBackup } from '../../server/backups/backup.ts';
import { backupSettings } from './backups.ts';

const [databaseFile, folder] = process.argv.slice(2);
for (let i = 0; ; i++) {
  await takeBackup({ settings: backupSettings(folder), databaseFile, kind: 'manual', now: new Date(Date.now() + i), outletId: null });
  if (i === 0) process.send!('first');
}
