import type { AuditSegment } from '../../../../shared/schemas/audit.ts';
import { msg } from '../../i18n/i18n.svelte.ts';

/** What each segment of the audit is called on the page. */
export const SEGMENT_NAMES: Record<AuditSegment, string> = {
  'rfm-champions': msg('Champions'),
  'rfm-loyal': msg('Loyal'),
  'rfm-promising': msg('Promising'),
  'rfm-at-risk': msg('At risk'),
  'rfm-hibernating': msg('Hibernating'),
  'rfm-lost': msg('Lost'),
  'abc-a': msg('A: the first 80 % of gross profit'),
  'abc-b': msg('B: the next 15 %'),
  'abc-c': msg('C: the rest'),
  'off-rhythm': msg('Off their own rhythm'),
  lapsed: msg('Lapsed'),
  'never-bought': msg('Never bought'),
  'no-phone': msg('No phone'),
  'no-email': msg('No e-mail'),
  'no-consent': msg('No consent'),
  duplicates: msg('Likely duplicates'),
};

/** The segments as the page groups them. */
export const SEGMENT_GROUPS: { title: string; segments: AuditSegment[] }[] = [
  { title: msg('RFM: recency, frequency, monetary value'), segments: ['rfm-champions', 'rfm-loyal', 'rfm-promising', 'rfm-at-risk', 'rfm-hibernating', 'rfm-lost'] },
  { title: msg('ABC by gross profit'), segments: ['abc-a', 'abc-b', 'abc-c'] },
  { title: msg('Buying less'), segments: ['off-rhythm', 'lapsed', 'never-bought'] },
  { title: msg('Records to complete'), segments: ['no-phone', 'no-email', 'no-consent', 'duplicates'] },
];
