import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiClient } from './api-client.ts';

/** The test outlet server (demo data, temporary SQLite file) running in a child process. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** The server's database, opened read-only by the test. */
  db: Database.Database;
  login(login: string, pin: string, registerCode?: string): Promise<ApiClient>;
  /** Resident memory now, in MB (from /proc). */
  rss(): number;
  /** The most resident memory since the last `resetPeak()`, in MB. */
  peakRss(): number;
  resetPeak(): void;
  /** Whether the process is still running (it dies when it runs out of memory). */
  alive(): boolean;
  stop(): Promise<void>;
}

const statusField = (pid: number, field: string) => {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
};

/** Starts the server in a child with a bounded heap: a server that would grow without bound dies instead. */
export async function startServerProcess(options: { maxHeapMb?: number } = {}): Promise<ServerProcess> {
  const child: ChildProcess = fork(new URL('./server-child.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx', `--max-old-space-size=${options.maxHeapMb ?? 1024}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ url: string; databaseFile: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; databaseFile: string }));
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before it started`)));
  });
  const db = new Database(started.databaseFile, { readonly: true });
  const pid = child.pid!;
  const anonymous = new ApiClient(started.url);
  return {
    url: started.url,
    pid,
    db,
    async login(login, pin, registerCode = 'R1') {
      const res = await anonymous.post('/api/auth/login', { login, pin, registerCode });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return new ApiClient(started.url, (res.body as { token: string }).token);
    },
    rss: () => statusField(pid, 'VmRSS'),
    peakRss: () => statusField(pid, 'VmHWM'),
    resetPeak: () => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      db.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.send('stop');
        await exited;
      }
      // A server that died (of want of memory) left its temporary directory behind.
      fs.rmSync(path.dirname(started.databaseFile), { recursive: true, force: true });
    },
  };
}
