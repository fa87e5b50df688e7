import type { AuthContext } from '../auth/context.ts';
import { AttemptCounters, type Attempt } from '../auth/attempts.ts';
import type { Db } from '../db/client.ts';

/** Unknown gift-card codes a user, or an address, may try before look-ups back off. */
const UNKNOWN_CODES_ALLOWED = 10;

/**
 * Gift-card codes are bearer money: whoever has the code spends the balance. Every look-up or
 * payment by code counts per user and per address, a known code takes its count back and an
 * unknown one keeps it, so trying codes backs off like guessing PINs.
 */
export class GiftCardGuesses {
  readonly #counters: AttemptCounters;

  constructor(db: Db) {
    this.#counters = new AttemptCounters(db);
  }

  begin(auth: AuthContext, address: string): Promise<Attempt> {
    const counter = (source: string) => ({ subject: 'gift-card', source, limit: UNKNOWN_CODES_ALLOWED, startsOverOnSuccess: false });
    return this.#counters.begin([counter(`user:${auth.userId}`), counter(`address:${address}`)]);
  }
}
