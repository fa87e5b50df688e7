import type { OwnPriceBound } from '../../shared/schemas/own-prices.ts';
import { i18n, t } from './i18n.ts';

/** A bound of an outlet's own price as a choice reads. */
export const boundLabel = (b: OwnPriceBound): string => (b === 'none' ? t('boundNone') : b === 'not-below-cost' ? t('boundNotBelowCost') : t('boundWithinPercent'));

/** A permission's bound as its list reads: the percentage written out. */
export const boundText = (s: { bound: OwnPriceBound; percentBp: number | null }): string =>
  s.bound === 'within-percent' ? t('withinPercentOf', { percent: i18n.number((s.percentBp ?? 0) / 100) }) : boundLabel(s.bound);
