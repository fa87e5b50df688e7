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
  /** Refund by another tender than the sale was paid with (cash for a card sale, points as store credit). */
  'refund-any-tender',
  'no-sale',
  /** Put cash into the drawer; taking it out needs cash-out as well. */
  'cash-in-out',
  /** Pay cash out of the drawer (a cash movement out). */
  'cash-out',
  'shift-close',
  'reprint',
  'backoffice',
  'manage-users',
  'manage-devices',
  'manage-discounts',
  /**
   * Issue gift cards, adjust points, set customer categories' discount and points rates, and give a
   * customer a category or a personal discount.
   */
  'manage-loyalty',
  /** Receive goods, write off, count stock, set minimum levels and suppliers. */
  'manage-stock',
  /** Create and change products, their variants, prices and categories. */
  'manage-catalog',
  /** Set a selling price below the product's cost (after the warning). */
  'price-below-cost',
  /** Edit the print forms of invoices, credit notes, contracts and statements, and the logo they place. */
  'manage-print-forms',
  /** Invoice company customers, issue credit notes, take payments against invoices, see receivables. */
  'manage-invoices',
  /** Let a company buy on account beyond its credit limit. */
  'on-account-over-limit',
  /** Give customers a manager (one by one, in bulk, by rules) and move them to another. */
  'assign-customers',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Acts a supervisor can authorise on the spot with their PIN. */
export const APPROVABLE = ['void-line', 'manual-discount', 'price-override', 'refund', 'no-sale', 'on-account-over-limit'] as const satisfies readonly Permission[];
export type ApprovableAction = (typeof APPROVABLE)[number];

/**
 * What an approval of each act is bound to besides the act: the document being made (the sale, the
 * return or the pre-order, by the id its client gave it), the line on it, and the measure it may
 * not go beyond. An amount is minor units: a voided line's or a refund's at most, a unit price at
 * least (a price override, a price read from a code, a pre-order's agreed price). valueBp is a
 * manual discount's share of what it is given on, at most; a receipt discount names no line.
 */
export const APPROVAL_BINDING: Record<ApprovableAction, { document: boolean; line: 'required' | 'optional' | 'none'; measure: 'amount' | 'valueBp' | null; bound: 'at-most' | 'at-least' }> = {
  'void-line': { document: true, line: 'required', measure: 'amount', bound: 'at-most' },
  'manual-discount': { document: true, line: 'optional', measure: 'valueBp', bound: 'at-most' },
  'price-override': { document: true, line: 'required', measure: 'amount', bound: 'at-least' },
  refund: { document: true, line: 'none', measure: 'amount', bound: 'at-most' },
  'no-sale': { document: false, line: 'none', measure: null, bound: 'at-most' },
  'on-account-over-limit': { document: true, line: 'none', measure: 'amount', bound: 'at-most' },
};

/** One act to be authorised, as it is bound (see APPROVAL_BINDING). */
export interface BoundAct {
  action: ApprovableAction;
  documentId?: string;
  lineId?: string;
  amount?: number;
  valueBp?: number;
}

const REGISTER: Permission[] = ['sell', 'cash-in-out', 'shift-close', 'reprint'];
const SENIOR: Permission[] = [...REGISTER, 'void-line', 'manual-discount', 'refund', 'no-sale'];
const MANAGER: Permission[] = [...SENIOR, 'price-override', 'refund-any-tender', 'cash-out', 'backoffice', 'manage-devices', 'manage-discounts', 'manage-loyalty', 'manage-stock', 'manage-catalog', 'price-below-cost', 'manage-print-forms', 'manage-invoices', 'on-account-over-limit', 'assign-customers'];

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

/** Whether rights cover an act on their own: the permission, and the act within the role's limit. */
export function rightsCover(rights: { permissions: readonly Permission[]; refundLimit: number | null; discountLimitBp: number | null }, act: BoundAct): boolean {
  if (!rights.permissions.includes(act.action)) return false;
  if (act.action === 'refund') return rights.refundLimit === null || (act.amount ?? Infinity) <= rights.refundLimit;
  if (act.action === 'manual-discount') return rights.discountLimitBp === null || (act.valueBp ?? Infinity) <= rights.discountLimitBp;
  return true;
}

/**
 * How much of the customer base a user sees whole in the back office: every customer, those their
 * department's members manage (and, for a head, the departments they head), or their own. Outside
 * it they see a customer only as the register does (to sell), and not at all in lists and reports.
 */
export const CUSTOMER_SCOPES = ['all', 'department', 'own'] as const;
export type CustomerScope = (typeof CUSTOMER_SCOPES)[number];

/** Owners and head-office admins see every customer; anyone else as the owner set for them, all by default. */
export function customerScopeOf(role: Role, chosen: CustomerScope | null): CustomerScope {
  return role === 'owner' || role === 'head_office_admin' ? 'all' : (chosen ?? 'all');
}
