import type { Api } from '../../../shared/api-client.ts';
import { newId } from '../../../shared/ids.ts';
import type { BulkTaskRequest, BulkTaskResult } from '../../../shared/schemas/crm.ts';

/**
 * Makes the same task for many customers in one request (POST /api/tasks/bulk), keyed by what it
 * asks: the same tasks asked again (a second tap, a retry after a lost answer) go under the same
 * key, and the server makes no second set.
 */
export class BulkTasks {
  #last: { body: string; id: string } | null = null;

  make(api: Api, request: Omit<BulkTaskRequest, 'id'>): Promise<BulkTaskResult> {
    const body = JSON.stringify(request);
    if (this.#last?.body !== body) this.#last = { body, id: newId() };
    return api.post<BulkTaskResult>('/api/tasks/bulk', { id: this.#last.id, ...request });
  }
}
