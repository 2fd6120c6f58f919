import 'server-only';
import { rolePermissions, roles } from '@/db/schema';
import { authorize, normalisePermissions } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { CreateRoleInput } from './schemas';
import { assertNameFree, nameConflictFrom, partnerOrgOf, roleAuditView } from './scope';

/**
 * ROLE-2 (and ROLE-5 "Duplicate role", which is the New role form prefilled): a custom role of the
 * actor's partner organisation deriving from Partner or Admin, with the ticked boxes normalised
 * (always-on boxes added, View added to every feature with another box ticked).
 */
export async function createRole({ ctx, input }: Command<unknown>): Promise<{ id: string }> {
  const parsed = CreateRoleInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const orgId = partnerOrgOf(ctx.actor);
  authorize(ctx.actor, 'roles', 'add');
  const v = parsed.data;
  const permissions = [...normalisePermissions(v.baseRole, v.permissions)];
  try {
    return await withTransaction(ctx, async (tx) => {
      await assertNameFree(tx, orgId, v.name);
      const [role] = await tx
        .insert(roles)
        .values({ partnerOrgId: orgId, key: null, baseRole: v.baseRole, name: v.name, description: v.description || null })
        .returning();
      if (permissions.length) await tx.insert(rolePermissions).values(permissions.map((permission) => ({ roleId: role!.id, permission })));
      await recordEvent(tx, ctx, { action: 'Create', asset: 'Role', assetId: role!.id, accountId: null, partnerOrgId: orgId, after: roleAuditView(role!, permissions) });
      return { id: role!.id };
    });
  } catch (e) {
    throw nameConflictFrom(e) ?? e;
  }
}
