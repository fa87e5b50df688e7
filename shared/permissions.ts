// Roles and what each may do. The server enforces these; the UIs use them to decide when to ask
// for a supervisor's PIN instead of failing.

export const ROLES = ['cashier', 'senior_cashier', 'manager', 'owner', 'head_office_admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'sell',
  'void-line',
  'manual-discount',
  'price-override',
  'refund',
  'no-sale',
  'cash-in-out',
  'shift-close',
  'reprint',
  'backoffice',
  'manage-users',
  'manage-devices',
  'manage-discounts',
  /** Issue gift cards, adjust points, set customer categories' discount and points rates. */
  'manage-loyalty',
  /** Receive goods, write off, count stock, set minimum levels and suppliers. */
  'manage-stock',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Acts a supervisor can authorise on the spot with their PIN. */
export const APPROVABLE: readonly Permission[] = ['void-line', 'manual-discount', 'price-override', 'refund', 'no-sale'];

const REGISTER: Permission[] = ['sell', 'cash-in-out', 'shift-close', 'reprint'];
const SENIOR: Permission[] = [...REGISTER, 'void-line', 'manual-discount', 'refund', 'no-sale'];
const MANAGER: Permission[] = [...SENIOR, 'price-override', 'backoffice', 'manage-devices', 'manage-discounts', 'manage-loyalty', 'manage-stock'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  cashier: REGISTER,
  senior_cashier: SENIOR,
  manager: MANAGER,
  owner: [...MANAGER, 'manage-users'],
  head_office_admin: [...MANAGER, 'manage-users'],
};

/** Roles whose rights the owner edits; owners and head-office admins keep theirs. */
export const EDITABLE_ROLES = ['cashier', 'senior_cashier', 'manager'] as const;
export type EditableRole = (typeof EDITABLE_ROLES)[number];

/** What the owner may grant: everything but managing users, so nobody can make themselves an owner. */
export const GRANTABLE: readonly Permission[] = PERMISSIONS.filter((p) => p !== 'manage-users');

/**
 * A role's rights at one shop: what it may do, and how far on its own. Beyond a limit the act
 * needs a supervisor's approval like an act the role may not do at all. null: no limit.
 */
export interface RoleRights {
  permissions: Permission[];
  /** Largest return (refund total, minor units) the role refunds without approval. */
  refundLimit: number | null;
  /** Largest manual discount, basis points of what it is given on, without approval. */
  discountLimitBp: number | null;
}

export function defaultRights(role: Role): RoleRights {
  return { permissions: [...ROLE_PERMISSIONS[role]], refundLimit: null, discountLimitBp: null };
}
