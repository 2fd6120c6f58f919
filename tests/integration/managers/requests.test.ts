import { and, count, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, notifications, users, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { assignAccounts } from '@/lib/managers/assign-accounts';
import { convertToManagers } from '@/lib/managers/convert-to-managers';
import { unassignAccounts } from '@/lib/managers/unassign-accounts';
import { upgradeToAdmins } from '@/lib/managers/upgrade-to-admins';
import { actorFor, EMAIL, seedTenants, userByEmail } from '../helpers';
import { rejection } from '../users/fixtures';
import { noteOf, payloadOf, runOperation } from './fixtures';

let partner: Actor;
let ids: { partner: string; sam: string; rita: string; alice: string; gina: string };
let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
  partner = await actorFor(EMAIL.partner);
  ids = {
    partner: (await userByEmail(EMAIL.partner)).id,
    sam: (await userByEmail(EMAIL.sam)).id,
    rita: (await userByEmail(EMAIL.rita)).id,
    alice: (await userByEmail(EMAIL.alice)).id,
    gina: (await userByEmail(otherPartnerEmail)).id,
  };
});

const managersNotes = async () => (await db().select({ n: count() }).from(notifications).where(like(notifications.titleKey, 'managers.%')))[0]!.n;
const isManager = async (id: string) => (await db().select({ m: users.isAccountManager }).from(users).where(eq(users.id, id)))[0]!.m;

describe('request commands (MGR-2..4)', () => {
  it('convert: creates the progress notification and the job together, and changes nothing yet', async () => {
    const { notificationId, total } = await convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.sam, ids.sam.toUpperCase()] } });
    expect(total).toBe(1);
    const note = await noteOf(notificationId);
    expect(note).toMatchObject({ status: 'running', progress: 0, titleKey: 'managers.progress.running.convert', params: { count: 1, managers: 1, total: 1 }, accountId: null, userId: ids.partner });
    expect(note.jobId).toBeTruthy();
    expect(await payloadOf(notificationId)).toEqual({ operation: 'convert', managerIds: [ids.sam], accountIds: [], actorUserId: ids.partner, notificationId });
    expect(await isManager(ids.sam)).toBe(false);
  });

  it('assign / unassign / upgrade: sorted, de-duplicated payloads over managers × accounts', async () => {
    await runOperation(partner, 'convert', [ids.sam, ids.rita]);
    const managerIds = [ids.sam, ids.rita];
    const accountIds = [fabrikam.id, contoso.id, fabrikam.id];
    const assigned = await assignAccounts({ ctx: { actor: partner }, input: { managerIds, accountIds } });
    expect(assigned.total).toBe(4);
    expect(await noteOf(assigned.notificationId)).toMatchObject({ titleKey: 'managers.progress.running.assign', params: { count: 2, managers: 2, total: 4 } });
    expect(await payloadOf(assigned.notificationId)).toMatchObject({ operation: 'assign', managerIds: [...managerIds].sort(), accountIds: [contoso.id, fabrikam.id].sort() });
    const unassigned = await unassignAccounts({ ctx: { actor: partner }, input: { managerIds: [ids.sam], accountIds: [contoso.id] } });
    expect(await payloadOf(unassigned.notificationId)).toMatchObject({ operation: 'unassign', managerIds: [ids.sam], accountIds: [contoso.id] });
    const upgraded = await upgradeToAdmins({ ctx: { actor: partner }, input: { managerIds: [ids.rita] } });
    expect(await noteOf(upgraded.notificationId)).toMatchObject({ titleKey: 'managers.progress.running.upgrade', params: { count: 1 } });
    // Back to plain admins for the refusals below.
    await runOperation(partner, 'upgrade', [ids.sam, ids.rita]);
  });

  it('refuses the signed-in admin itself, with its own message', async () => {
    const before = await managersNotes();
    for (const request of [
      () => convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.sam, ids.partner] } }),
      () => upgradeToAdmins({ ctx: { actor: partner }, input: { managerIds: [ids.partner] } }),
      () => assignAccounts({ ctx: { actor: partner }, input: { managerIds: [ids.partner], accountIds: [contoso.id] } }),
    ]) {
      const e = await rejection(request());
      expect(e).toBeInstanceOf(ForbiddenError);
      expect((e as ForbiddenError).messageKey).toBe('errors.managers.self');
    }
    expect(await managersNotes()).toBe(before);
  });

  it('treats account users and other partners’ admins as absent', async () => {
    const before = await managersNotes();
    expect(await rejection(convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.sam, ids.alice] } }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.gina] } }))).toBeInstanceOf(NotFoundError);
    const gina = await actorFor(otherPartnerEmail);
    expect(await rejection(convertToManagers({ ctx: { actor: gina }, input: { managerIds: [ids.sam] } }))).toBeInstanceOf(NotFoundError);
    expect(await managersNotes()).toBe(before);
    expect(await isManager(ids.sam)).toBe(false);
  });

  it('refuses accounts of another organisation and accounts being deleted', async () => {
    await runOperation(partner, 'convert', [ids.sam]);
    const [doomed] = await db().insert(accounts).values({ partnerOrgId: partner.partnerOrgId!, name: 'Doomed Ltd', country: 'GB', status: 'deleting' }).returning();
    const before = await managersNotes();
    for (const accountIds of [[contoso.id, globex.id], [doomed!.id], ['not-a-uuid']]) {
      const e = await rejection(assignAccounts({ ctx: { actor: partner }, input: { managerIds: [ids.sam], accountIds } }));
      expect(e).toBeInstanceOf(accountIds[0] === 'not-a-uuid' ? ValidationError : NotFoundError);
    }
    expect(await rejection(unassignAccounts({ ctx: { actor: partner }, input: { managerIds: [ids.sam], accountIds: [globex.id] } }))).toBeInstanceOf(NotFoundError);
    expect(await managersNotes()).toBe(before);
    await runOperation(partner, 'upgrade', [ids.sam]);
  });

  it('refuses callers who may not manage account managers: an account manager, an account admin, a partner without Roles "Assign"', async () => {
    await runOperation(partner, 'convert', [ids.rita]);
    const rita = await actorFor(EMAIL.rita);
    const alice = await actorFor(EMAIL.alice);
    const noAssign: Actor = { ...partner, permissions: new Set([...partner.permissions].filter((p) => p !== 'roles.assign')) };
    const before = await managersNotes();
    for (const actor of [rita, alice, noAssign]) {
      expect(await rejection(convertToManagers({ ctx: { actor }, input: { managerIds: [ids.sam] } }))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(upgradeToAdmins({ ctx: { actor }, input: { managerIds: [ids.rita] } }))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(assignAccounts({ ctx: { actor }, input: { managerIds: [ids.rita], accountIds: [contoso.id] } }))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(unassignAccounts({ ctx: { actor }, input: { managerIds: [ids.rita], accountIds: [contoso.id] } }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await managersNotes()).toBe(before);
    await runOperation(partner, 'upgrade', [ids.rita]);
  });

  it('refuses operations that do not fit the admins’ current state', async () => {
    await runOperation(partner, 'convert', [ids.rita]);
    const notManager = await rejection(assignAccounts({ ctx: { actor: partner }, input: { managerIds: [ids.rita, ids.sam], accountIds: [contoso.id] } }));
    expect(notManager).toBeInstanceOf(ConflictError);
    expect((notManager as ConflictError).messageKey).toBe('errors.managers.notManagers');
    expect(await rejection(upgradeToAdmins({ ctx: { actor: partner }, input: { managerIds: [ids.sam] } }))).toBeInstanceOf(ConflictError);
    const already = await rejection(convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.rita] } }));
    expect((already as ConflictError).messageKey).toBe('errors.managers.alreadyManagers');
    await runOperation(partner, 'upgrade', [ids.rita]);
  });

  it('reports every bad input as localisable field errors', async () => {
    const empty = await rejection(convertToManagers({ ctx: { actor: partner }, input: { managerIds: [] } }));
    expect((empty as ValidationError).fieldErrors).toEqual({ managerIds: ['errors.managers.noneSelected'] });
    const bad = await rejection(assignAccounts({ ctx: { actor: partner }, input: { managerIds: ['x'], accountIds: 'all' } }));
    expect((bad as ValidationError).fieldErrors).toEqual({ 'managerIds.0': ['errors.managers.invalidSelection'], accountIds: ['errors.managers.invalidSelection'] });
    const many = await rejection(assignAccounts({ ctx: { actor: partner }, input: { managerIds: [ids.sam], accountIds: Array.from({ length: 5001 }, () => contoso.id) } }));
    expect((many as ValidationError).fieldErrors).toEqual({ accountIds: ['errors.managers.tooMany'] });
    expect(await rejection(upgradeToAdmins({ ctx: { actor: partner }, input: null }))).toBeInstanceOf(ValidationError);
    const [row] = await db().select({ n: count() }).from(users).where(and(eq(users.partnerOrgId, partner.partnerOrgId!), eq(users.isAccountManager, true)));
    expect(row!.n).toBe(0);
  });
});
