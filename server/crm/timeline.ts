import type { z } from 'zod';
import { TimelineEntrySchema, type TimelineEntry } from '../../shared/schemas/crm.ts';

/** An entry with what its source does not know filled in (no amount, no files…). */
export const timelineEntry = (entry: z.input<typeof TimelineEntrySchema>): TimelineEntry => TimelineEntrySchema.parse(entry);

/**
 * A kind of record that belongs on a customer's timeline (the CRM's own entries, messages,
 * purchases, pre-orders; invoices and contracts when their parts add a source): its entries about
 * the customers given (a customer and those merged into them) from before `before`, newest first,
 * at most `limit`.
 */
export interface TimelineSource {
  entries(customerIds: string[], before: Date, limit: number): Promise<TimelineEntry[]>;
}

/** A customer's timeline: every source's entries merged, newest first, a page at a time. */
export class Timeline {
  readonly #sources: TimelineSource[] = [];

  /** Adds a kind of record to every customer's timeline. */
  add(source: TimelineSource): void {
    this.#sources.push(source);
  }

  /** A page of entries before `before`, and the `before` of the next page (null: no more). */
  async page(customerIds: string[], before: Date, limit: number): Promise<{ items: TimelineEntry[]; next: string | null }> {
    const all = (await Promise.all(this.#sources.map((s) => s.entries(customerIds, before, limit + 1)))).flat();
    all.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
    const items = all.slice(0, limit);
    return { items, next: all.length > limit ? items[items.length - 1].at : null };
  }
}
