import type Database from 'better-sqlite3';
import { cjkGrams, foldForSearch } from '../../shared/search-text.ts';

/** A customer's name as the search index holds it: folded, with its CJK characters and pairs as tokens. */
export function searchName(name: string): string {
  return [foldForSearch(name), ...cjkGrams(name)].join(' ');
}

/**
 * The SQL functions the customer search triggers call (migration 0025): registered on every
 * connection that writes the outlet database, before any statement that may fire them.
 */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('till_search_name', { deterministic: true }, (name: unknown) => searchName(String(name ?? '')));
  // Text compared as people type it: any case, with or without diacritics (SQLite's lower() folds ASCII only).
  db.function('till_fold', { deterministic: true }, (text: unknown) => foldForSearch(String(text ?? '')));
}
