import { i18n } from '../i18n/i18n.svelte.ts';

/**
 * What the server refused on a form, in the user's language: the refusal as a sentence (from the
 * shared error catalogue) and each field it names, by its path without `body.` (`allocations.0.amount`).
 */
export class Refusal {
  text = $state('');
  fields = $state<Record<string, string>>({});

  show(err: unknown): void {
    this.text = i18n.error(err);
    this.fields = i18n.fieldErrors(err);
  }

  clear(): void {
    this.text = '';
    this.fields = {};
  }

  /** What is wrong with a field, if the refusal names it. */
  at = (path: string): string | undefined => this.fields[path];
}
