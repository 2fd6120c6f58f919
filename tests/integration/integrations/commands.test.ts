import { and, eq, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, accountPrivileges, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type DomainError } from '@/lib/errors';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { listAccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { setAccountPrivilege } from '@/lib/integrations/set-privilege';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { rejection } from '../users/fixtures';
import { integrationEvents, integrationIdsOf, privilegesOf, withIntegrationBoxes } from './fixtures';

let contoso: Account;
let fabrikam: Account;
let otherPartnerEmail: string;
let alice: Actor;

beforeAll(async () => {
  ({ contoso, fabrikam, otherPartnerEmail } = await seedTenants());
  alice = await actorFor(EMAIL.alice);
  // The demo gives Fabrikam a gateway, Voice Assist and an old Mitel One; these tests start it from the defaults.
  await db().delete(accountIntegrations).where(and(eq(accountIntegrations.accountId, fabrikam.id), ne(accountIntegrations.integrationId, 'chat')));
  await db().update(accountPrivileges).set({ delegatedAuthentication: false, guestAccess: false }).where(eq(accountPrivileges.accountId, fabrikam.id));
});

const add = (actor: Actor, accountId: string, integrationId: string) => addAccountIntegration({ ctx: { actor }, input: { accountId, integrationId } });
const remove = (actor: Actor, accountId: string, integrationId: string) => removeAccountIntegration({ ctx: { actor }, input: { accountId, integrationId } });
const setPrivilege = (actor: Actor, accountId: string, privilege: string, enabled: unknown) =>
  setAccountPrivilege({ ctx: { actor }, input: { accountId, privilege, enabled } });
const list = (actor: Actor, accountId: string) => listAccountIntegrations({ ctx: { actor }, input: { accountId } });
const OFF = { delegatedAuthentication: false, guestAccess: false };
const GUEST = { delegatedAuthentication: false, guestAccess: true };

async function refusal(promise: Promise<unknown>, type: typeof ConflictError | typeof ForbiddenError, key: string, status: number) {
  const error = (await rejection(promise)) as DomainError;
  expect(error).toBeInstanceOf(type);
  expect({ key: error.messageKey, status: error.status }).toEqual({ key, status });
}

describe('the issue story as commands (INT-3, M1-1, MVA-1)', () => {
  it('adding Mitel One turns guest access on and folds Chat under it, with an audit event', async () => {
    expect(await add(alice, contoso.id, 'mitelOne')).toEqual({ privileges: GUEST });
    expect(await privilegesOf(contoso.id)).toEqual(GUEST);
    const view = await list(alice, contoso.id);
    expect(view.integrations.map((i) => [i.integrationId, i.shownUnder])).toEqual([
      ['chat', 'mitelOne'],
      ['mitelOne', null],
    ]);
    expect(view.missingPrivileges).toEqual([]);
    const [event] = await integrationEvents(contoso.id);
    expect(event).toMatchObject({
      action: 'Create',
      asset: 'Integration',
      assetId: `${contoso.id}:mitelOne`,
      accountId: contoso.id,
      partnerOrgId: contoso.partnerOrgId,
      actorName: alice.name,
    });
    expect(event?.coreDetails).toMatchObject({
      integrationId: 'mitelOne',
      privilegesChanged: ['guestAccess'],
      before: { privileges: OFF },
      after: { integrationId: 'mitelOne', version: 2, privileges: GUEST },
    });
  });

  it('adds MiTeam Meetings (folding under Mitel One); guest access was on already', async () => {
    expect(await add(alice, contoso.id, 'miteamMeetings')).toEqual({ privileges: GUEST });
    expect(await integrationIdsOf(contoso.id)).toEqual(['chat', 'miteamMeetings', 'mitelOne']);
    expect((await list(alice, contoso.id)).integrations.find((i) => i.integrationId === 'miteamMeetings')?.shownUnder).toBe('mitelOne');
    expect((await integrationEvents(contoso.id))[0]?.coreDetails).toMatchObject({ integrationId: 'miteamMeetings', privilegesChanged: [] });
  });

  it('removing Mitel One keeps guest access on because MiTeam Meetings still needs it', async () => {
    expect(await remove(alice, contoso.id, 'mitelOne')).toEqual({ privileges: GUEST });
    expect(await integrationIdsOf(contoso.id)).toEqual(['chat', 'miteamMeetings']);
    expect(await privilegesOf(contoso.id)).toEqual(GUEST);
    const view = await list(alice, contoso.id);
    expect(view.integrations.every((i) => i.shownUnder === null)).toBe(true);
    const [event] = await integrationEvents(contoso.id);
    expect(event).toMatchObject({ action: 'Delete', asset: 'Integration', assetId: `${contoso.id}:mitelOne` });
    expect(event?.coreDetails).toMatchObject({ privilegesChanged: [], before: { integrationId: 'mitelOne', version: 2 } });
  });

  it('removing MiTeam Meetings too turns guest access off, recorded in its event', async () => {
    expect(await remove(alice, contoso.id, 'miteamMeetings')).toEqual({ privileges: OFF });
    expect(await privilegesOf(contoso.id)).toEqual(OFF);
    expect((await integrationEvents(contoso.id))[0]?.coreDetails).toMatchObject({ integrationId: 'miteamMeetings', privilegesChanged: ['guestAccess'] });
  });

  it('refuses Voice Assist without the CloudLink Gateway, and allows it (awaiting setup) with one', async () => {
    const eventsBefore = (await integrationEvents(contoso.id)).length;
    await refusal(add(alice, contoso.id, 'voiceAssist'), ConflictError, 'errors.integrations.needsGateway', 409);
    expect(await integrationIdsOf(contoso.id)).toEqual(['chat']);
    expect(await integrationEvents(contoso.id)).toHaveLength(eventsBefore);

    await add(alice, contoso.id, 'cloudlinkGateway');
    await add(alice, contoso.id, 'voiceAssist');
    const voice = (await list(alice, contoso.id)).integrations.find((i) => i.integrationId === 'voiceAssist');
    expect(voice).toMatchObject({ setupDone: false, needsSetup: true, updateAvailable: false });
  });
});

describe('refusals of the rules', () => {
  it('refuses adding an integration twice, removing one not there, and removing Chat', async () => {
    await refusal(add(alice, contoso.id, 'chat'), ConflictError, 'errors.integrations.alreadyAdded', 409);
    await refusal(remove(alice, contoso.id, 'twilio'), ConflictError, 'errors.integrations.notAdded', 409);
    await refusal(remove(alice, contoso.id, 'chat'), ConflictError, 'errors.integrations.alwaysOn', 409);
  });

  it('rejects an id the catalogue does not know, and a privilege that does not exist', async () => {
    expect(await rejection(add(alice, contoso.id, 'fax'))).toBeInstanceOf(ValidationError);
    expect(await rejection(setPrivilege(alice, contoso.id, 'superuser', true))).toBeInstanceOf(ValidationError);
  });
});

describe('privileges by hand (INT-3)', () => {
  it('turns a privilege off under an integration that needs it: it stays, and the panel warns', async () => {
    await add(alice, contoso.id, 'micollab');
    expect(await privilegesOf(contoso.id)).toEqual({ delegatedAuthentication: true, guestAccess: false });
    await setPrivilege(alice, contoso.id, 'delegatedAuthentication', 'false');
    expect(await privilegesOf(contoso.id)).toEqual(OFF);
    const view = await list(alice, contoso.id);
    expect(view.integrations.map((i) => i.integrationId)).toContain('micollab');
    expect(view.missingPrivileges).toEqual([{ integrationId: 'micollab', privilege: 'delegatedAuthentication' }]);
    const [event] = await integrationEvents(contoso.id);
    expect(event).toMatchObject({ action: 'Edit', asset: 'Integration', assetId: contoso.id, properties: ['privileges'] });
    expect(event?.coreDetails).toMatchObject({ integrationId: null, privilegesChanged: ['delegatedAuthentication'] });
  });

  it('records nothing when the privilege already has the value', async () => {
    const before = (await integrationEvents(contoso.id)).length;
    expect(await setPrivilege(alice, contoso.id, 'delegatedAuthentication', false)).toEqual({ privileges: OFF });
    expect(await integrationEvents(contoso.id)).toHaveLength(before);
  });

  it('turns guest access on by hand without integrations, and an added integration turns its privilege back on', async () => {
    await setPrivilege(alice, contoso.id, 'guestAccess', 'on');
    expect(await privilegesOf(contoso.id)).toEqual(GUEST);
    await remove(alice, contoso.id, 'micollab');
    await add(alice, contoso.id, 'micollab');
    expect(await privilegesOf(contoso.id)).toEqual({ delegatedAuthentication: true, guestAccess: true });
    expect((await list(alice, contoso.id)).missingPrivileges).toEqual([]);
  });
});

describe('versions (INT-4)', () => {
  it('says an update is available when the installed version is older than the catalogue', async () => {
    await db()
      .update(accountIntegrations)
      .set({ version: 0 })
      .where(and(eq(accountIntegrations.accountId, contoso.id), eq(accountIntegrations.integrationId, 'chat')));
    const chat = (await list(alice, contoso.id)).integrations.find((i) => i.integrationId === 'chat');
    expect(chat).toMatchObject({ version: 0, latestVersion: 1, updateAvailable: true });
  });
});

describe('scope and permissions', () => {
  it("treats another account's integrations as absent (alice on Fabrikam, another partner on Contoso)", async () => {
    const other = await actorFor(otherPartnerEmail);
    for (const [actor, accountId] of [
      [alice, fabrikam.id],
      [other, contoso.id],
    ] as const) {
      expect(await rejection(list(actor, accountId))).toBeInstanceOf(NotFoundError);
      expect(await rejection(add(actor, accountId, 'mitelOne'))).toBeInstanceOf(NotFoundError);
      expect(await rejection(remove(actor, accountId, 'chat'))).toBeInstanceOf(NotFoundError);
      expect(await rejection(setPrivilege(actor, accountId, 'guestAccess', true))).toBeInstanceOf(NotFoundError);
    }
    expect(await integrationIdsOf(fabrikam.id)).toEqual(['chat']);
  });

  it('lets the partner manage any account of its organisation', async () => {
    const partner = await actorFor(EMAIL.partner);
    await add(partner, fabrikam.id, 'workgroups');
    await remove(partner, fabrikam.id, 'workgroups');
    expect(await integrationIdsOf(fabrikam.id)).toEqual(['chat']);
  });

  it('refuses a plain user everything, even on its own account', async () => {
    const uma = await actorFor(EMAIL.uma);
    expect(await rejection(list(uma, contoso.id))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(add(uma, contoso.id, 'workgroups'))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(remove(uma, contoso.id, 'micollab'))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(setPrivilege(uma, contoso.id, 'guestAccess', false))).toBeInstanceOf(ForbiddenError);
  });

  it('follows the boxes: View lists, Add or Edit toggles privileges, Add and Delete add and remove', async () => {
    const boxes = (ops: ('view' | 'add' | 'edit' | 'delete')[]) => withIntegrationBoxes(alice, ops);
    expect(await rejection(list(boxes([]), contoso.id))).toBeInstanceOf(ForbiddenError);
    await list(boxes(['view']), contoso.id);

    expect(await rejection(setPrivilege(boxes(['view']), contoso.id, 'guestAccess', false))).toBeInstanceOf(ForbiddenError);
    await setPrivilege(boxes(['view', 'edit']), contoso.id, 'guestAccess', false);
    await setPrivilege(boxes(['view', 'add']), contoso.id, 'guestAccess', true);

    for (const ops of [['view', 'add'], ['view', 'delete'], ['view', 'add', 'edit']] as const) {
      expect(await rejection(add(boxes([...ops]), contoso.id, 'workgroups'))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(remove(boxes([...ops]), contoso.id, 'micollab'))).toBeInstanceOf(ForbiddenError);
    }
    await add(boxes(['view', 'add', 'delete']), contoso.id, 'workgroups');
    await remove(boxes(['view', 'add', 'delete']), contoso.id, 'workgroups');
  });
});

describe('concurrency', () => {
  it('concurrent add and remove of two guest-access integrations end with guest access on', async () => {
    const partner = await actorFor(EMAIL.partner);
    for (let round = 0; round < 5; round++) {
      // Swap which of the two is present before each round.
      const [present, absent] = round % 2 === 0 ? (['mitelOne', 'miteamMeetings'] as const) : (['miteamMeetings', 'mitelOne'] as const);
      if (round === 0) await add(partner, fabrikam.id, present);
      await Promise.all([remove(partner, fabrikam.id, present), add(partner, fabrikam.id, absent)]);
      expect(await integrationIdsOf(fabrikam.id)).toEqual(['chat', absent]);
      expect(await privilegesOf(fabrikam.id)).toEqual(GUEST);
    }
  });

  it('concurrent removes of both end with guest access off', async () => {
    const partner = await actorFor(EMAIL.partner);
    await add(partner, fabrikam.id, 'miteamMeetings').catch(() => undefined);
    await add(partner, fabrikam.id, 'mitelOne').catch(() => undefined);
    await Promise.all([remove(partner, fabrikam.id, 'mitelOne'), remove(partner, fabrikam.id, 'miteamMeetings')]);
    expect(await integrationIdsOf(fabrikam.id)).toEqual(['chat']);
    expect(await privilegesOf(fabrikam.id)).toEqual(OFF);
  });
});
