// Saved customer list views: named filters, kept on this device (per browser) for the owner's tablet.
import type { CustomerFilter } from '../../../shared/schemas/customers.ts';

export type ListFilter = CustomerFilter;
export interface SavedView {
  name: string;
  filter: ListFilter;
}

const KEY = 'till.customer-views';

export function loadViews(): SavedView[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as SavedView[];
    return Array.isArray(parsed) ? parsed.filter((v) => typeof v.name === 'string' && typeof v.filter === 'object') : [];
  } catch {
    return [];
  }
}

export function saveViews(views: SavedView[]): void {
  localStorage.setItem(KEY, JSON.stringify(views));
}
