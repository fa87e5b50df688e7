import type { Api } from '../../../shared/api-client.ts';

export type Person = { id: string; name: string };

/** Who can manage customers and do tasks: this outlet's active users. */
export async function loadPeople(api: Api): Promise<Person[]> {
  return (await api.get<{ items: Person[] }>('/api/crm/people')).items;
}
