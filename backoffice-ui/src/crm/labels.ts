import { t } from '../i18n/i18n.svelte.ts';

// Names of the CRM's identifiers as the back office shows them; an identifier a newer server sends shows as it is.

const label = (texts: Record<string, string>, id: string): string => texts[id] ?? id;

export const priorityLabel = (id: string): string => label({ low: t('low'), normal: t('normal'), high: t('high') }, id);

export const recurrenceLabel = (id: string): string => label({ daily: t('every day'), weekly: t('every week'), monthly: t('every month') }, id);

/** What a timeline entry is: the CRM's own, a campaign's message, a visit, a pre-order, an invoice. */
export const entryKindLabel = (id: string): string =>
  label({ call: t('Call'), meeting: t('Meeting'), note: t('Note'), email: t('E-mail'), sms: t('SMS'), visit: t('Visit'), return: t('Return'), 'pre-order': t('Pre-order'), invoice: t('Invoice') }, id);

export const scopeLabel = (id: string): string => label({ all: t('all customers'), department: t("their department's"), own: t('only their own') }, id);

/** What happened to a task. */
export const taskEventLabel = (id: string): string => label({ created: t('made'), moved: t('moved'), reassigned: t('handed over'), done: t('done') }, id);
