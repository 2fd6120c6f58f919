import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, partnerOrgs, roles, users } from '@/db/schema';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import { provisionPartner } from '@/lib/auth/provision-partner';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { EMAIL, seed, userByEmail } from '../helpers';

beforeAll(seed);

const ISSUER = 'https://idp.example.test/realms/partners';

async function counts() {
  const [o] = await db().select({ n: count() }).from(partnerOrgs);
  const [u] = await db().select({ n: count() }).from(users);
  const [e] = await db().select({ n: count() }).from(events);
  return { orgs: o!.n, users: u!.n, events: e!.n };
}

describe('provisionPartner (AUTH-1, first partner sign-in)', () => {
  it('creates the partner organisation and a registered partner admin on the first sign-in', async () => {
    const before = await counts();
    const result = await provisionPartner({ issuer: ISSUER, subject: 'sub-1', email: 'olga@acme.example', name: ' Olga Owner ', organisation: 'Acme Resellers' });
    expect(result.sessionVersion).toBe(1);
    expect(await counts()).toEqual({ orgs: before.orgs + 1, users: before.users + 1, events: before.events + 1 });

    const user = await userByEmail('olga@acme.example');
    expect(user).toMatchObject({ id: result.userId, source: 'oidc', externalId: `${ISSUER}|sub-1`, accountId: null, displayName: 'Olga Owner', passwordHash: null });
    expect(user.registeredAt).toBeInstanceOf(Date);
    const [org] = await db().select().from(partnerOrgs).where(eq(partnerOrgs.id, user.partnerOrgId));
    expect(org).toMatchObject({ name: 'Acme Resellers', externalId: `${ISSUER}|acme resellers` });
    const [role] = await db().select().from(roles).where(eq(roles.id, user.roleId));
    expect(role?.key).toBe('partner');

    const signedIn = await loadSignedInUser(db(), result.userId, result.sessionVersion);
    expect(signedIn).toMatchObject({ isPasswordUser: false, actor: { kind: 'partner', baseRole: 'partner', partnerOrgId: org!.id, managedAccountIds: null } });
    expect(signedIn!.actor.permissions.has('account.add')).toBe(true);

    const [event] = await db().select().from(events).where(eq(events.assetId, result.userId));
    expect(event).toMatchObject({ action: 'Create', asset: 'User', actorName: 'System', actorKind: 'system', partnerOrgId: org!.id, accountId: null });
  });

  it('finds the same user on later sign-ins and creates nothing', async () => {
    const first = await userByEmail('olga@acme.example');
    const before = await counts();
    const again = await provisionPartner({ issuer: ISSUER, subject: 'sub-1', email: 'olga@acme.example', organisation: 'Acme Resellers' });
    expect(again).toEqual({ userId: first.id, sessionVersion: first.sessionVersion });
    expect(await counts()).toEqual(before);
  });

  it('answers the current session version, so revoked sessions stay revoked', async () => {
    const olga = await userByEmail('olga@acme.example');
    await db().update(users).set({ sessionVersion: 7 }).where(eq(users.id, olga.id));
    expect(await provisionPartner({ issuer: ISSUER, subject: 'sub-1', email: 'olga@acme.example' })).toEqual({ userId: olga.id, sessionVersion: 7 });
  });

  it('puts a colleague with the same organisation claim (any case) into the same organisation', async () => {
    const olga = await userByEmail('olga@acme.example');
    const before = await counts();
    const result = await provisionPartner({ issuer: ISSUER, subject: 'sub-2', email: 'piet@acme.example', organisation: 'ACME RESELLERS' });
    expect(result.userId).not.toBe(olga.id);
    const piet = await userByEmail('piet@acme.example');
    expect(piet.partnerOrgId).toBe(olga.partnerOrgId);
    expect(piet.displayName).toBe('piet@acme.example');
    expect(await counts()).toMatchObject({ orgs: before.orgs, users: before.users + 1 });
  });

  it('names the organisation after the e-mail domain without a claim, and keeps other organisations apart', async () => {
    const olga = await userByEmail('olga@acme.example');
    await provisionPartner({ issuer: ISSUER, subject: 'sub-3', email: 'ray@initech.example' });
    await provisionPartner({ issuer: ISSUER, subject: 'sub-4', email: 'sue@initech.example' });
    const ray = await userByEmail('ray@initech.example');
    const sue = await userByEmail('sue@initech.example');
    expect(sue.partnerOrgId).toBe(ray.partnerOrgId);
    expect(ray.partnerOrgId).not.toBe(olga.partnerOrgId);
    const [org] = await db().select().from(partnerOrgs).where(eq(partnerOrgs.id, ray.partnerOrgId));
    expect(org?.name).toBe('initech.example');
    // The demo organisation (created by the seed, no external id) is never joined.
    expect(ray.partnerOrgId).not.toBe((await userByEmail(EMAIL.partner)).partnerOrgId);
  });

  it('does not let identity-provider users sign in with a password', async () => {
    expect(await verifyCredentials({ email: 'olga@acme.example', password: 'anything-at-all' }, 'ip')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a profile without a valid issuer, subject or e-mail and creates nothing', async () => {
    const before = await counts();
    await expect(provisionPartner({ issuer: 'not a url', subject: 'x', email: 'x@y.example' })).rejects.toThrow();
    await expect(provisionPartner({ issuer: ISSUER, subject: '', email: 'x@y.example' })).rejects.toThrow();
    await expect(provisionPartner({ issuer: ISSUER, subject: 'x', email: 'not-an-email' })).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });
});

describe('provisionPartner with an e-mail a portal user already has', () => {
  it('refuses with a clear conflict and creates nothing', async () => {
    const before = await counts();
    await expect(provisionPartner({ issuer: ISSUER, subject: 'sub-clash', email: EMAIL.alice.toUpperCase(), organisation: 'Clash Co' })).rejects.toMatchObject({
      messageKey: 'errors.partnerEmailInUse',
      status: 409,
    });
    expect(await counts()).toEqual(before);
  });
});
