import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, events, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { openSecret } from '@/lib/crypto/secret-box';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type DomainError } from '@/lib/errors';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { configureAccountIntegration } from '@/lib/integrations/configure-integration';
import { listAccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { rejection } from '../users/fixtures';
import { integrationEvents, withIntegrationBoxes } from './fixtures';

let contoso: Account;
let fabrikam: Account;
let alice: Actor;

beforeAll(async () => {
  ({ contoso, fabrikam } = await seedTenants());
  alice = await actorFor(EMAIL.alice);
  for (const id of ['mitelOne', 'miteamMeetings', 'micollab', 'cloudlinkGateway', 'voiceAssist', 'office365']) {
    await addAccountIntegration({ ctx: { actor: alice }, input: { accountId: contoso.id, integrationId: id } });
  }
});

const configure = (actor: Actor, integrationId: string, settings: unknown, accountId = contoso.id) =>
  configureAccountIntegration({ ctx: { actor }, input: { accountId, integrationId, settings } });
const stored = async (integrationId: string) => {
  const [row] = await db()
    .select()
    .from(accountIntegrations)
    .where(and(eq(accountIntegrations.accountId, contoso.id), eq(accountIntegrations.integrationId, integrationId)));
  return row!;
};
const viewOf = async (integrationId: string) => (await listAccountIntegrations({ ctx: { actor: alice }, input: { accountId: contoso.id } })).integrations.find((i) => i.integrationId === integrationId)!;

async function fieldErrors(promise: Promise<unknown>) {
  const error = (await rejection(promise)) as ValidationError;
  expect(error).toBeInstanceOf(ValidationError);
  return error.fieldErrors;
}

describe('settings of the Mitel integrations', () => {
  it('Chat service settings: "Allow editing and deleting messages" is on by default and can be turned off (SUP-5)', async () => {
    expect((await viewOf('chat')).settings).toEqual({ allowMessageEditing: true });
    await configure(alice, 'chat', { allowMessageEditing: false });
    expect((await viewOf('chat')).settings).toEqual({ allowMessageEditing: false });
    const [event] = await integrationEvents(contoso.id);
    expect(event).toMatchObject({ action: 'Edit', assetId: `${contoso.id}:chat` });
    expect(event?.coreDetails).toMatchObject({ before: { settings: { allowMessageEditing: true } }, after: { settings: { allowMessageEditing: false } } });
  });

  it('Mitel One: the avatar setting and each feature toggle save on their own (M1-1)', async () => {
    expect((await viewOf('mitelOne')).settings).toEqual({ allowAvatarChange: true, features: { chat: true, miteamMeetings: true, telephony: true } });
    await configure(alice, 'mitelOne', { features: { telephony: false } });
    await configure(alice, 'mitelOne', { allowAvatarChange: false });
    expect((await viewOf('mitelOne')).settings).toEqual({ allowAvatarChange: false, features: { chat: true, miteamMeetings: true, telephony: false } });
  });

  it('MiTeam Meetings: the waiting room saves only with the typed confirmation (MTM-3)', async () => {
    expect(await fieldErrors(configure(alice, 'miteamMeetings', { optionalWaitingRoom: true }))).toEqual({ confirmed: ['integrations.miteam.errors.confirm'] });
    expect((await viewOf('miteamMeetings')).settings).toEqual({ optionalWaitingRoom: false });
    await configure(alice, 'miteamMeetings', { optionalWaitingRoom: true, confirmed: true });
    expect((await viewOf('miteamMeetings')).settings).toEqual({ optionalWaitingRoom: true });
  });

  it('Voice Assist: Finish setup needs a pilot number, an IANA time zone and a recipe, then it is set up (MVA-1)', async () => {
    expect(await viewOf('voiceAssist')).toMatchObject({ needsSetup: true, setupDone: false });
    expect(await fieldErrors(configure(alice, 'voiceAssist', { pilotNumber: '12a', timeZone: 'Mars/Olympus', recipe: 'karaoke' }))).toEqual({
      pilotNumber: ['integrations.voiceAssist.errors.pilotNumber'],
      timeZone: ['integrations.voiceAssist.errors.timeZone'],
      recipe: ['integrations.voiceAssist.errors.recipe'],
    });
    expect(await viewOf('voiceAssist')).toMatchObject({ needsSetup: true });
    await configure(alice, 'voiceAssist', { pilotNumber: ' +442071234567 ', timeZone: 'Europe/London', recipe: 'businessHours' });
    expect(await viewOf('voiceAssist')).toMatchObject({
      needsSetup: false,
      setupDone: true,
      settings: { pilotNumber: '+442071234567', timeZone: 'Europe/London', recipe: 'businessHours' },
    });
  });

  it('refuses settings of an integration the account lacks, a third-party one, and unknown fields', async () => {
    const refusal = async (p: Promise<unknown>, key: string) => {
      const e = (await rejection(p)) as DomainError;
      expect(e).toBeInstanceOf(ConflictError);
      expect(e.messageKey).toBe(key);
    };
    await refusal(configure(alice, 'workgroups', {}), 'errors.integrations.notConfigurable');
    await refusal(configure(alice, 'office365', { tenant: 'x' }), 'errors.integrations.notConfigurable');
    const partner = await actorFor(EMAIL.partner);
    await refusal(configure(partner, 'miteamMeetings', { optionalWaitingRoom: true, confirmed: true }, fabrikam.id), 'errors.integrations.notAdded');
    expect(Object.keys(await fieldErrors(configure(alice, 'chat', { allowMessageEditing: true, sneaky: 1 })))).toEqual(['_form']);
  });

  it("treats another account as absent and follows the boxes (Add or Edit configures; View doesn't)", async () => {
    expect(await rejection(configure(alice, 'chat', { allowMessageEditing: true }, fabrikam.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(configure(withIntegrationBoxes(alice, ['view']), 'chat', { allowMessageEditing: true }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(configure(await actorFor(EMAIL.uma), 'chat', { allowMessageEditing: true }))).toBeInstanceOf(ForbiddenError);
    await configure(withIntegrationBoxes(alice, ['view', 'edit']), 'chat', { allowMessageEditing: true });
    await configure(withIntegrationBoxes(alice, ['view', 'add']), 'chat', { allowMessageEditing: false });
  });

  it('records nothing when the settings do not change', async () => {
    const before = (await integrationEvents(contoso.id)).length;
    await configure(alice, 'chat', { allowMessageEditing: false });
    expect((await integrationEvents(contoso.id)).length).toBe(before);
  });
});

describe('the MiCollab password is a secret (INT-5, MICOLLAB-1)', () => {
  const PASSWORD = 'Sup3r-secret-MiCollab!';

  it('is sealed in the database, opens to the value, and reaches the browser only as "set on <date>"', async () => {
    const before = Date.now();
    const result = await configure(alice, 'micollab', { address: 'micollab.contoso.example:443', password: PASSWORD });
    const row = await stored('micollab');
    const secret = (row.settings as { password: { sealed: string; setAt: string } }).password;
    expect(secret.sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(openSecret(secret.sealed)).toBe(PASSWORD);

    const view = await viewOf('micollab');
    expect(view.settings).toEqual({ address: 'micollab.contoso.example:443', password: { set: true, setAt: expect.any(String) } });
    expect(Date.parse((view.settings as { password: { setAt: string } }).password.setAt)).toBeGreaterThanOrEqual(before - 1000);
    // Neither the value nor its envelope is in anything sent back: the command's result, the
    // panel's read model, or the audit trail.
    const everything = JSON.stringify([result, await listAccountIntegrations({ ctx: { actor: alice }, input: { accountId: contoso.id } }), await db().select().from(events)]);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(secret.sealed);
    expect(everything).not.toContain(secret.sealed.split('.')[3]);
  });

  it('keeps the stored password when the form leaves it empty, and replaces it when given', async () => {
    const first = (await stored('micollab')).settings.password as { sealed: string };
    await configure(alice, 'micollab', { address: 'mc2.contoso.example' });
    const kept = (await stored('micollab')).settings as { address: string; password: { sealed: string } };
    expect(kept).toMatchObject({ address: 'mc2.contoso.example', password: { sealed: first.sealed } });
    await configure(alice, 'micollab', { address: 'mc2.contoso.example', password: 'another-one' });
    const replaced = (await stored('micollab')).settings.password as { sealed: string };
    expect(replaced.sealed).not.toBe(first.sealed);
    expect(openSecret(replaced.sealed)).toBe('another-one');
  });

  it('refuses a bad address and says which field', async () => {
    expect(await fieldErrors(configure(alice, 'micollab', { address: 'not a host!', password: 'x' }))).toEqual({ address: ['integrations.micollab.errors.address'] });
    expect(await fieldErrors(configure(alice, 'micollab', { address: '' }))).toEqual({ address: ['integrations.micollab.errors.addressRequired'] });
  });
});
