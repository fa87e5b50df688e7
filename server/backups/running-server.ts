import fs from 'node:fs';

/** Where a running outlet server notes its process, beside its database: the restore command finds it there. */
export function serverPidFile(databaseFile: string): string {
  return `${databaseFile}.pid`;
}

/** The outlet server running on this database, if one is. */
export function runningServer(databaseFile: string): { pid: number; port: number } | null {
  try {
    const running = JSON.parse(fs.readFileSync(serverPidFile(databaseFile), 'utf8')) as { pid: number; port: number };
    process.kill(running.pid, 0);
    return running;
  } catch {
    return null;
  }
}
