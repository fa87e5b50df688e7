import { EDITABLE_ROLES, defaultRights, type EditableRole, type Role, type RoleRights } from '../../shared/permissions.ts';
import type { OutletInfo } from '../outlet.ts';

/** Each role's rights at this shop: the owner's matrix from the settings, or the defaults. */
export function rightsOf(outlet: OutletInfo, role: Role): RoleRights {
  const edited = (EDITABLE_ROLES as readonly string[]).includes(role) ? outlet.settings.roles?.[role as EditableRole] : undefined;
  return edited ?? defaultRights(role);
}

/** The whole editable matrix, defaults filled in. */
export function roleMatrix(outlet: OutletInfo): Record<EditableRole, RoleRights> {
  return Object.fromEntries(EDITABLE_ROLES.map((role) => [role, rightsOf(outlet, role)])) as Record<EditableRole, RoleRights>;
}
