import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, users } from '@/db/schema';
import { changeOwnPassword, signOutEverywhere } from '@/lib/auth/change-own-password';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import { systemActor } from '@/lib/auth/system-actor';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { DEMO_PASSWORD, EMAIL, actorFor, seed, userByEmail } from '../helpers';

beforeAll(seed);

async function eventsOf(userId: string, asset: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.assetId, userId), eq(events.asset, asset)));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('changeOwnPassword (AUTH-7)', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const before = await userByEmail(EMAIL.uma);
    const actor = await actorFor(EMAIL.uma);
    const error = await rejection(changeOwnPassword({ actor }, { current: 'not-my-password', password: 'uma-new-pass', confirm: 'uma-new-pass' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ current: ['errors.currentPasswordWrong'] });

    const after = await userByEmail(EMAIL.uma);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(await eventsOf(before.id, 'Password')).toHaveLength(0);
    expect(await verifyCredentials({ email: EMAIL.uma, password: DEMO_PASSWORD }, 'ip')).toMatchObject({ ok: true });
  });

  it('validates the new password before anything else', async () => {
    const before = await userByEmail(EMAIL.uma);
    const actor = await actorFor(EMAIL.uma);
    const short = await rejection(changeOwnPassword({ actor }, { current: DEMO_PASSWORD, password: 'short', confirm: 'short' }));
    expect((short as ValidationError).fieldErrors).toEqual({ password: ['errors.passwordTooShort'] });
    const differ = await rejection(changeOwnPassword({ actor }, { current: DEMO_PASSWORD, password: 'uma-new-pass', confirm: 'uma-new-pasz' }));
    expect((differ as ValidationError).fieldErrors).toEqual({ confirm: ['errors.passwordsDiffer'] });
    const empty = await rejection(changeOwnPassword({ actor }, { current: '', password: 'uma-new-pass', confirm: 'uma-new-pass' }));
    expect((empty as ValidationError).fieldErrors).toEqual({ current: ['errors.required'] });
    expect((await userByEmail(EMAIL.uma)).passwordHash).toBe(before.passwordHash);
  });

  it('sets the new password, ends the other sessions and records one event', async () => {
    const before = await userByEmail(EMAIL.uma);
    const actor = await actorFor(EMAIL.uma);
    const result = await changeOwnPassword({ actor }, { current: DEMO_PASSWORD, password: 'uma-new-pass', confirm: 'uma-new-pass' });
    expect(result).toEqual({ sessionVersion: before.sessionVersion + 1 });

    expect(await verifyCredentials({ email: EMAIL.uma, password: DEMO_PASSWORD }, 'ip')).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyCredentials({ email: EMAIL.uma, password: 'uma-new-pass' }, 'ip')).toEqual({
      ok: true,
      userId: before.id,
      sessionVersion: result.sessionVersion,
    });
    // The old session no longer stands; the re-issued one does.
    expect(await loadSignedInUser(db(), before.id, before.sessionVersion)).toBeNull();
    expect(await loadSignedInUser(db(), before.id, result.sessionVersion)).not.toBeNull();

    const recorded = await eventsOf(before.id, 'Password');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: 'Edit',
      actorId: before.id,
      actorName: 'Uma User',
      actorKind: 'accountUser',
      accountId: before.accountId,
      partnerOrgId: before.partnerOrgId,
    });
    expect(recorded[0]?.coreDetails).toMatchObject({ change: 'passwordChanged' });
    expect(JSON.stringify(recorded[0])).not.toContain('uma-new-pass');
    expect((await userByEmail(EMAIL.uma)).updatedBy).toBe('Uma User');
  });

  it('works for partner users too', async () => {
    const actor = await actorFor(EMAIL.partner);
    await changeOwnPassword({ actor }, { current: DEMO_PASSWORD, password: 'partner-new-pass', confirm: 'partner-new-pass' });
    expect(await verifyCredentials({ email: EMAIL.partner, password: 'partner-new-pass' }, 'ip')).toMatchObject({ ok: true });
  });

  it('is forbidden for the system and for identity-provider users', async () => {
    const input = { current: DEMO_PASSWORD, password: 'whatever-pass', confirm: 'whatever-pass' };
    await expect(changeOwnPassword({ actor: systemActor() }, input)).rejects.toBeInstanceOf(ForbiddenError);
    const alice = await actorFor(EMAIL.alice);
    await db().update(users).set({ source: 'oidc' }).where(eq(users.id, alice.userId!));
    try {
      await expect(changeOwnPassword({ actor: alice }, input)).rejects.toBeInstanceOf(ForbiddenError);
    } finally {
      await db().update(users).set({ source: 'portal' }).where(eq(users.id, alice.userId!));
    }
  });
});

describe('signOutEverywhere', () => {
  it('ends every session of the user and records an event', async () => {
    const before = await userByEmail(EMAIL.bram);
    const actor = await actorFor(EMAIL.bram);
    await signOutEverywhere({ actor });
    const after = await userByEmail(EMAIL.bram);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await loadSignedInUser(db(), before.id, before.sessionVersion)).toBeNull();
    // The password stays the same; signing in again works.
    expect(await verifyCredentials({ email: EMAIL.bram, password: DEMO_PASSWORD }, 'ip')).toMatchObject({
      ok: true,
      sessionVersion: after.sessionVersion,
    });
    const recorded = await eventsOf(before.id, 'Session');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ action: 'Delete', actorId: before.id, actorName: 'Bram Beheerder', accountId: before.accountId });
    expect(recorded[0]?.coreDetails).toMatchObject({ change: 'signedOutEverywhere' });
  });

  it('leaves other users signed in', async () => {
    const sanne = await userByEmail(EMAIL.sanne);
    await signOutEverywhere({ actor: await actorFor(EMAIL.bram) });
    expect(await loadSignedInUser(db(), sanne.id, sanne.sessionVersion)).not.toBeNull();
  });
});
