import { ApiError } from '../../../shared/api-client.ts';
import { msg, t, type Text } from '../i18n/i18n.svelte.ts';

/** What cannot be sold, said in the cashier's language (the server names the product in details). */
const UNSELLABLE: Record<string, Text> = {
  'product-archived': msg('{name} is archived: it is no longer sold'),
  'product-has-variants': msg('{name} is sold as one of its variants: scan or pick the variant'),
};

/** The user closed a dialog that an action was waiting for. */
export class Cancelled extends Error {}

/**
 * The one place the register turns a failure into words for the cashier (null: nothing to say,
 * the cashier cancelled). The server's message is English; its code and fields are what a
 * catalogue of server errors in the user's language is keyed by.
 */
export function describeError(err: unknown): string | null {
  if (err instanceof Cancelled) return null;
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('No connection to the server. Nothing was lost; try again.');
    if (err.status === 423) return t('Too many wrong PINs. Try again in a few minutes.');
    if (err.code === 'invalid-credentials' || err.code === 'approval-refused') return t('Wrong user or PIN.');
    if (UNSELLABLE[err.code] && typeof err.details.name === 'string') return t(UNSELLABLE[err.code], { name: err.details.name });
    return err.message;
  }
  return String((err as Error)?.message ?? err);
}
