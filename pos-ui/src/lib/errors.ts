import { ApiError } from '../../../shared/api-client.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';

/** The user closed a dialog that an action was waiting for. */
export class Cancelled extends Error {}

/**
 * The one place the register turns a failure into words for the cashier (null: nothing to say,
 * the cashier cancelled). A server refusal is written from the shared catalogue of server errors
 * (shared/i18n), its details filled in, in the cashier's language. A wrong PIN and a supervisor
 * without the right read alike: the answer tells nothing about PINs.
 */
export function describeError(err: unknown): string | null {
  if (err instanceof Cancelled) return null;
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('No connection to the server. Nothing was lost; try again.');
    if (err.status === 423) return t('Too many wrong PINs. Try again in a few minutes.');
    if (err.code === 'invalid-credentials' || err.code === 'approval-refused') return t('Wrong user or PIN.');
    return i18n.error(err);
  }
  return String((err as Error)?.message ?? err);
}
