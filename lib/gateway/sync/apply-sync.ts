import 'server-only';
import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { pbxUsers, userExtensions, users, type Account, type SyncSummary } from '@/db/schema';
import { solutionActor } from '@/lib/auth/system-actor';
import { recordEvents, type EventInput } from '@/lib/events/record-event';
import type { PbxUserRecord } from '@/lib/gateway/protocol/schemas';
import { baseRoleIdOf } from '@/lib/users/scope';
import { displayName, planSync, type AccountUser, type MirrorRow } from './plan-sync';

const BATCH = 1000;

function chunks<T>(list: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const externalIdOf = (accountId: string, pbxUserId: string) => `${accountId}/${pbxUserId}`;

function userValues(r: PbxUserRecord) {
  return { firstName: r.firstName, lastName: r.lastName, displayName: displayName(r), email: r.email!.trim() };
}

/**
 * Writes a complete snapshot into the account in the caller's transaction (GW-3): PBX users
 * become PBX users of the account (USR-4: the PBX owns their names, e-mail and extensions), users
 * gone from the PBX become inactive, and every change is an audit event by "Solution". A second
 * run with the same snapshot writes nothing.
 */
export async function applySnapshot(tx: Tx, account: Account, snapshot: readonly PbxUserRecord[]): Promise<Omit<SyncSummary, 'at' | 'devices'>> {
  const ctx = { actor: solutionActor(account), tx };
  const mirror: MirrorRow[] = await tx
    .select({ pbxUserId: pbxUsers.pbxUserId, userId: pbxUsers.userId, fingerprint: pbxUsers.fingerprint, present: pbxUsers.present })
    .from(pbxUsers)
    .where(eq(pbxUsers.accountId, account.id));
  const accountUsers: AccountUser[] = await tx
    .select({ id: users.id, email: users.email, source: users.source, inactive: users.inactive, externalId: users.externalId })
    .from(users)
    .where(eq(users.accountId, account.id));
  const inAccount = new Set(accountUsers.map((u) => u.email.toLowerCase()));
  const wanted = [...new Set(snapshot.flatMap((r) => (r.email ? [r.email.trim().toLowerCase()] : [])).filter((e) => !inAccount.has(e)))];
  const takenElsewhere = new Set<string>();
  for (const part of chunks(wanted, 5000)) {
    const rows = await tx
      .select({ email: sql<string>`lower(${users.email})` })
      .from(users)
      .where(and(inArray(sql`lower(${users.email})`, part), sql`${users.accountId} is distinct from ${account.id}`));
    for (const r of rows) takenElsewhere.add(r.email);
  }

  const plan = planSync(snapshot, mirror, accountUsers, takenElsewhere);
  const events: EventInput[] = [];
  const scope = { accountId: account.id, partnerOrgId: account.partnerOrgId, tags: ['pbxSync'] };
  const userRole = await baseRoleIdOf(tx, 'user');
  const createdIds = new Map<string, string>();

  for (const part of chunks(plan.create)) {
    const inserted = await tx
      .insert(users)
      .values(part.map((r) => ({ partnerOrgId: account.partnerOrgId, accountId: account.id, ...userValues(r), roleId: userRole, source: 'pbx' as const, externalId: externalIdOf(account.id, r.pbxUserId), updatedBy: ctx.actor.name })))
      .returning({ id: users.id, externalId: users.externalId, email: users.email, displayName: users.displayName });
    for (const u of inserted) {
      const pbxUserId = u.externalId!.slice(account.id.length + 1);
      createdIds.set(pbxUserId, u.id);
      events.push({ ...scope, action: 'Create', asset: 'User', assetId: u.id, after: { email: u.email, displayName: u.displayName, source: 'pbx', role: 'user' }, core: { pbxUserId } });
    }
  }
  const before = new Map(accountUsers.map((u) => [u.id, u]));
  for (const u of plan.update) {
    const values = userValues(u.record);
    await tx
      .update(users)
      .set({ ...values, inactive: false, source: 'pbx', externalId: externalIdOf(account.id, u.record.pbxUserId), updatedAt: new Date(), updatedBy: ctx.actor.name })
      .where(and(eq(users.id, u.userId), eq(users.accountId, account.id)));
    const old = before.get(u.userId)!;
    events.push({ ...scope, action: 'Edit', asset: 'User', assetId: u.userId, before: { email: old.email, source: old.source, inactive: old.inactive }, after: { email: values.email, source: 'pbx', inactive: false, displayName: values.displayName }, core: { pbxUserId: u.record.pbxUserId, linked: u.link } });
  }
  for (const part of chunks(plan.deactivate)) {
    await tx.update(users).set({ inactive: true, updatedAt: new Date(), updatedBy: ctx.actor.name }).where(and(inArray(users.id, part), eq(users.accountId, account.id)));
    for (const id of part) events.push({ ...scope, action: 'Edit', asset: 'User', assetId: id, before: { inactive: false }, after: { inactive: true }, core: { reason: 'goneFromPbx' } });
  }

  // Extensions of every created or changed user, as the PBX has them. An extension a portal
  // user of the account already holds stays with that user.
  const touched = [...plan.create.map((r) => ({ userId: createdIds.get(r.pbxUserId)!, r })), ...plan.update.map((u) => ({ userId: u.userId, r: u.record }))].filter((t) => t.userId);
  for (const part of chunks(touched)) {
    await tx.delete(userExtensions).where(and(eq(userExtensions.accountId, account.id), inArray(userExtensions.userId, part.map((t) => t.userId))));
    const rows = part.flatMap((t) => t.r.extensions.map((extension) => ({ accountId: account.id, extension, userId: t.userId })));
    for (const ext of chunks(rows)) await tx.insert(userExtensions).values(ext).onConflictDoNothing();
  }

  for (const part of chunks(plan.mirror)) {
    await tx
      .insert(pbxUsers)
      .values(
        part.map((m) => ({
          accountId: account.id,
          pbxUserId: m.record.pbxUserId,
          userId: m.userId ?? createdIds.get(m.record.pbxUserId) ?? null,
          firstName: m.record.firstName,
          lastName: m.record.lastName,
          email: m.record.email,
          extensions: m.record.extensions,
          cloudlinkRole: m.record.cloudlinkRole,
          devices: m.record.devices,
          present: true,
          fingerprint: m.fingerprint,
          syncedAt: new Date(),
        })),
      )
      .onConflictDoUpdate({
        target: [pbxUsers.accountId, pbxUsers.pbxUserId],
        set: {
          userId: sql`coalesce(excluded.user_id, ${pbxUsers.userId})`,
          firstName: sql`excluded.first_name`,
          lastName: sql`excluded.last_name`,
          email: sql`excluded.email`,
          extensions: sql`excluded.extensions`,
          cloudlinkRole: sql`excluded.cloudlink_role`,
          devices: sql`excluded.devices`,
          present: true,
          fingerprint: sql`excluded.fingerprint`,
          syncedAt: sql`excluded.synced_at`,
        },
      });
  }
  for (const part of chunks(plan.gone)) {
    await tx.update(pbxUsers).set({ present: false, syncedAt: new Date() }).where(and(eq(pbxUsers.accountId, account.id), inArray(pbxUsers.pbxUserId, part)));
  }
  // A user deleted in the portal leaves its mirror row; the next sync creates it again.
  await tx.delete(pbxUsers).where(and(eq(pbxUsers.accountId, account.id), sql`${pbxUsers.userId} is null`, ne(pbxUsers.present, true), isNotNull(pbxUsers.pbxUserId)));
  await recordEvents(tx, ctx, events);

  return {
    created: plan.create.length,
    updated: plan.update.length,
    inactivated: plan.deactivate.length,
    unchanged: plan.unchanged,
    skipped: plan.skipped.slice(0, 200).map(({ record, reason }) => ({ pbxUserId: record.pbxUserId, name: displayName(record), extensions: record.extensions, reason })),
    skippedCount: plan.skipped.length,
  };
}
