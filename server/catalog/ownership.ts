import { AppError } from '../http/errors.ts';

/** In a chain, head office is the master of the catalogue: an outlet shows it and changes none of it. */
export function ownedByHeadOffice(chain: boolean): void {
  if (chain) throw new AppError(409, 'owned-by-head-office', "Head office owns the chain's catalogue: change it at head office, and the change reaches this outlet by the next pull");
}
