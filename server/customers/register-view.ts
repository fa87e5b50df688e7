import { lastFour } from '../../shared/masking.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { AuthContext } from '../auth/context.ts';

/** The back office right shows customers whole; without it a caller sees them as the register does. */
export const seesWholeCustomers = (auth: AuthContext): boolean => auth.permissions.includes('backoffice');

/**
 * A customer as the register shows them: enough to pick the right person and price the sale
 * (name, category, spend, points), the phone and cards by their last four characters, no e-mail.
 */
export function registerView<T extends Pick<CustomerView, 'phone' | 'email'> & { cards?: string[] }>(customer: T): T {
  const { managerId: _id, managerName: _name, ...shown } = customer as T & Pick<CustomerView, 'managerId' | 'managerName'>;
  return { ...(shown as T), phone: customer.phone && lastFour(customer.phone), email: null, ...(customer.cards ? { cards: customer.cards.map(lastFour) } : {}) };
}
