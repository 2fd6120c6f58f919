import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, notifications, roles, users, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, type DomainError } from '@/lib/errors';
import { configureAccountIntegration } from '@/lib/integrations/configure-integration';
import { listAccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { requestIntegrationUpdate } from '@/lib/integrations/request-update';
import { getIntegrationUpdateStatus } from '@/lib/integrations/update-status';
import { boss } from '@/lib/jobs/boss';
import { runIntegrationUpdate } from '@/lib/jobs/handlers/integration-update';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { rejection } from '../users/fixtures';
import { integrationEvents, withIntegrationBoxes } from './fixtures';

let fabrikam: Account;
let bram: Actor;

beforeAll(async () => {
  ({ fabrikam } = await seedTenants());
  await boss();
  bram = await actorFor(EMAIL.bram);
});

const request = (actor: Actor, integrationId = 'mitelOne') => requestIntegrationUpdate({ ctx: { actor }, input: { accountId: fabrikam.id, integrationId } });
const mitelOne = async () => (await listAccountIntegrations({ ctx: { actor: bram }, input: { accountId: fabrikam.id } })).integrations.find((i) => i.integrationId === 'mitelOne')!;
const run = (notificationId: string, actor: Actor = bram) =>
  runIntegrationUpdate({ accountId: fabrikam.id, integrationId: 'mitelOne', actorUserId: actor.userId!, notificationId });
const setVersion = (version: number, settings: Record<string, unknown>) =>
  db()
    .update(accountIntegrations)
    .set({ version, settings })
    .where(and(eq(accountIntegrations.accountId, fabrikam.id), eq(accountIntegrations.integrationId, 'mitelOne')));

async function conflict(promise: Promise<unknown>, key: string) {
  const e = (await rejection(promise)) as DomainError;
  expect(e).toBeInstanceOf(ConflictError);
  expect(e.messageKey).toBe(key);
}

describe('"Install update" (INT-4)', () => {
  it('the demo Mitel One of Fabrikam is a version behind: no Telephony yet, and switching it on is refused', async () => {
    expect(await mitelOne()).toMatchObject({ version: 1, latestVersion: 2, updateAvailable: true, settings: { features: { chat: true, miteamMeetings: true } } });
    expect((await mitelOne()).settings).not.toHaveProperty('features.telephony');
    await conflict(
      configureAccountIntegration({ ctx: { actor: bram }, input: { accountId: fabrikam.id, integrationId: 'mitelOne', settings: { features: { telephony: true } } } }),
      'errors.integrations.featureNeedsUpdate',
    );
  });

  it('queues a job with a progress notification; the job migrates the settings, keeps the admin\'s choices, and ends with "Feature update complete"', async () => {
    await configureAccountIntegration({ ctx: { actor: bram }, input: { accountId: fabrikam.id, integrationId: 'mitelOne', settings: { features: { chat: false } } } });
    const { notificationId } = await request(bram);
    const [job] = await db().execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'integration-update' and data->>'notificationId' = ${notificationId}`);
    expect(job!.n).toBe(1);
    expect(await getIntegrationUpdateStatus(db(), bram, notificationId)).toMatchObject({ status: 'running', progress: 0, titleKey: 'integrations.update.running', params: { integrationId: 'mitelOne', from: 1, to: 2 } });
    // Asking again while it runs shows the same run.
    expect(await request(bram)).toEqual({ notificationId });

    await run(notificationId);
    expect(await mitelOne()).toMatchObject({
      version: 2,
      updateAvailable: false,
      settings: { allowAvatarChange: true, features: { chat: false, miteamMeetings: true, telephony: true } },
    });
    expect(await getIntegrationUpdateStatus(db(), bram, notificationId)).toMatchObject({ status: 'success', progress: 100, titleKey: 'integrations.update.done' });
    const [event] = await integrationEvents(fabrikam.id);
    expect(event).toMatchObject({ action: 'Edit', assetId: `${fabrikam.id}:mitelOne`, actorName: bram.name });
    expect(event?.coreDetails).toMatchObject({ update: true, before: { version: 1 }, after: { version: 2 } });

    // A retry of the finished job, and a stray second run, change nothing.
    const events = (await integrationEvents(fabrikam.id)).length;
    await run(notificationId);
    expect((await integrationEvents(fabrikam.id)).length).toBe(events);
    await conflict(request(bram), 'errors.integrations.upToDate');
  });

  it('refuses without Add or Edit, for a plain user, and for an integration the account lacks', async () => {
    await setVersion(1, { allowAvatarChange: true, features: { chat: true, miteamMeetings: true } });
    expect(await rejection(request(withIntegrationBoxes(bram, ['view', 'delete'])))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(request(await actorFor(EMAIL.sanne)))).toBeInstanceOf(ForbiddenError);
    await conflict(request(bram, 'micollab'), 'errors.integrations.notAdded');
  });

  it('re-checks the admin when the job runs: one who lost the permission meanwhile changes nothing', async () => {
    const { notificationId } = await request(bram);
    // Bram becomes a plain user before the worker picks the job up.
    const [userRole] = await db().select({ id: roles.id }).from(roles).where(eq(roles.key, 'user'));
    await db().update(users).set({ roleId: userRole!.id }).where(eq(users.id, bram.userId!));
    await run(notificationId);
    expect(await mitelOne()).toMatchObject({ version: 1 });
    const [note] = await db().select().from(notifications).where(eq(notifications.id, notificationId));
    expect(note).toMatchObject({ status: 'error', titleKey: 'integrations.update.failed.forbidden' });
  });
});
