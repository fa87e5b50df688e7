import { readEventStream } from '../../../shared/event-stream.ts';
import type { Api } from '../../../shared/api-client.ts';

/** A task whose time has come, as the server announces it (event "task-due" of /api/crm/events). */
export interface DueTask {
  taskId: string;
  title: string;
  dueAt: string;
  customerId: string | null;
}

/**
 * The signed-in user's reminders, live: follows the server's event stream while signed in
 * (reconnecting), keeps the ones not yet dismissed, and counts every arrival so that a page
 * showing tasks can reload them.
 */
export class Reminders {
  due = $state<DueTask[]>([]);
  arrivals = $state(0);
  #abort: AbortController | null = null;

  follow(api: Api): void {
    this.stop();
    const abort = new AbortController();
    this.#abort = abort;
    void (async () => {
      while (!abort.signal.aborted && api.token) {
        try {
          const res = await fetch('/api/crm/events', { headers: { authorization: `Bearer ${api.token}` }, signal: abort.signal });
          if (!res.ok || !res.body) throw new Error(String(res.status));
          await readEventStream(res.body, (event, data) => {
            if (event !== 'task-due') return;
            this.due = [...this.due.filter((d) => d.taskId !== (data as DueTask).taskId), data as DueTask];
            this.arrivals += 1;
          });
        } catch {
          // Server restarting or network gone: try again shortly.
        }
        if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, 3000));
      }
    })();
  }

  dismiss(taskId: string): void {
    this.due = this.due.filter((d) => d.taskId !== taskId);
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.due = [];
  }
}

/** The back office's one follower of reminders (the shell starts it at sign-in). */
export const reminders = new Reminders();
