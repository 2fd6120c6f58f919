import 'server-only';
import { eq } from 'drizzle-orm';
import { rolePermissions, roles } from '@/db/schema';
import { authorize, normalisePermissions } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { changedProperties, recordEvent } from '@/lib/events/record-event';
import { UpdateRoleInput } from './schemas';
import { assertNameFree, assertWholeRoleInScope, getCustomRoleForChange, nameConflictFrom, permissionsOf, roleAuditView } from './scope';

/**
 * ROLE-2/3: edits a custom role's name, description and ticked boxes; its base role stays. The
 * holders' next request is built with the new boxes (lib/auth/load-actor), without signing out.
 */
export async function updateRole({ ctx, input }: Command<unknown>): Promise<{ id: string; changed: string[] }> {
  const parsed = UpdateRoleInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'roles', 'edit');
  const v = parsed.data;
  try {
    return await withTransaction(ctx, async (tx) => {
      const role = await getCustomRoleForChange(tx, ctx.actor, v.roleId);
      await assertWholeRoleInScope(tx, ctx.actor, role);
      const permissions = [...normalisePermissions(role.baseRole, v.permissions)];
      const before = roleAuditView(role, await permissionsOf(tx, role));
      const after = roleAuditView({ ...role, name: v.name, description: v.description || null }, permissions);
      const changed = changedProperties(before, after);
      if (changed.length === 0) return { id: role.id, changed };

      if (v.name.toLowerCase() !== role.name.toLowerCase()) await assertNameFree(tx, role.partnerOrgId, v.name, role.id);
      await tx.update(roles).set({ name: v.name, description: v.description || null }).where(eq(roles.id, role.id));
      if (changed.includes('permissions')) {
        await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, role.id));
        if (permissions.length) await tx.insert(rolePermissions).values(permissions.map((permission) => ({ roleId: role.id, permission })));
      }
      await recordEvent(tx, ctx, { action: 'Edit', asset: 'Role', assetId: role.id, accountId: null, partnerOrgId: role.partnerOrgId, before, after });
      return { id: role.id, changed };
    });
  } catch (e) {
    throw nameConflictFrom(e) ?? e;
  }
}
