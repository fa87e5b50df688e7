import { AppError } from '../http/errors.ts';

/**
 * In a chain, head office is the master of the catalogue: an outlet shows it and changes none of
 * it. The refusal names the fields the request would have changed (`fields`, as the form names them).
 */
export function ownedByHeadOffice(chain: boolean, fields: string[]): void {
  if (!chain) return;
  throw new AppError(
    409,
    'owned-by-head-office',
    `Head office owns ${fields.join(', ')}: change it at head office, and the change reaches this outlet by the next pull`,
    fields.map((path) => ({ path, message: 'owned by head office' })),
    { fields },
  );
}
