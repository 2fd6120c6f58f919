import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, notifications, orders, userImportChunks, userImports } from '@/db/schema';
import type { SignedInUser } from '@/lib/auth/load-actor';
import { runAccountDelete } from '@/lib/jobs/handlers/account-delete';
import { runIntegrationUpdate } from '@/lib/jobs/handlers/integration-update';
import { runLicencesBulk } from '@/lib/jobs/handlers/licences-bulk';
import { runManagersBulk } from '@/lib/jobs/handlers/managers-bulk';
import { runUserImport } from '@/lib/jobs/handlers/user-import';
import { runUsersBulk } from '@/lib/jobs/handlers/users-bulk';
import type { QueueName } from '@/lib/jobs/queues';
import type { Target } from './targets';

/**
 * Every job queue, with how its handler is guarded (the authorization suite, not a test file
 * itself). `actor` handlers act for the user who asked and must re-check that user's permission
 * and scope when they run; `probe` builds a job asked for by the prober against the target.
 */
export type JobSpec =
  | { guard: 'actor'; level: 'account' | 'partner'; probe: (caller: SignedInUser, t: Target) => Promise<() => Promise<unknown>> }
  | { guard: 'state' | 'system'; why: string; probe?: (t: Target) => Promise<() => Promise<unknown>> };

async function note(userId: string, titleKey: string): Promise<string> {
  const [row] = await db().insert(notifications).values({ userId, status: 'running', titleKey, params: { count: 1 } }).returning({ id: notifications.id });
  return row!.id;
}

export const JOBS: Record<QueueName, JobSpec> = {
  'users-bulk': {
    guard: 'actor',
    level: 'account',
    probe: async (caller, t) => {
      const user = await t.newUser();
      const notificationId = await note(caller.actor.userId!, 'users.bulk.running.deleteUsers');
      return () => runUsersBulk({ accountId: t.accountId, action: 'deleteUsers', userIds: [user.id], actorUserId: caller.actor.userId!, notificationId });
    },
  },
  'user-import': {
    guard: 'actor',
    level: 'account',
    probe: async (caller, t) => {
      const [found] = await db()
        .insert(userImports)
        .values({ partnerOrgId: t.partnerOrgId, accountId: t.accountId, createdBy: caller.actor.userId!, fileName: 'probe.csv', fileBytes: 60, status: 'parsing' })
        .returning({ id: userImports.id });
      await db().insert(userImportChunks).values({ importId: found!.id, seq: 0, data: Buffer.from(`EMAIL,NAME\r\nj-${randomUUID()}@authz.example,Jo\r\n`) });
      return () => runUserImport({ importId: found!.id, phase: 'parse' });
    },
  },
  'managers-bulk': {
    guard: 'actor',
    level: 'partner',
    probe: async (caller, t) => {
      const admin = await t.newPartnerAdmin();
      const notificationId = await note(caller.actor.userId!, 'managers.progress.running.convert');
      return () => runManagersBulk({ operation: 'convert', managerIds: [admin], accountIds: [], actorUserId: caller.actor.userId!, notificationId });
    },
  },
  'integration-update': {
    guard: 'actor',
    level: 'account',
    probe: async (caller, t) => {
      await t.setIntegration('mitelOne', { version: 1 });
      const notificationId = await note(caller.actor.userId!, 'integrations.update.running');
      return () => runIntegrationUpdate({ accountId: t.accountId, integrationId: 'mitelOne', actorUserId: caller.actor.userId!, notificationId });
    },
  },
  'licences-bulk': {
    guard: 'actor',
    level: 'account',
    probe: async (caller, t) => {
      const user = await t.newUser();
      await t.setIntegration('miteamMeetings');
      await t.setIntegration('micollab', { present: false }); // an earlier probe may have added it, which would refuse any MiTeam change
      await db()
        .insert(orders)
        .values({ partnerOrgId: t.partnerOrgId, accountId: t.accountId, sapOrderId: `SAP-${randomUUID()}`, product: 'miteamMeetings', licenceCount: 5, purchaseDate: '2026-01-01', expiresOn: '2099-12-31', trackingNumber: 'TRK-AUTHZ' });
      const notificationId = await note(caller.actor.userId!, 'licences.job.running.miteamMeetings');
      const change = { product: 'miteamMeetings', assign: true } as const;
      return () => runLicencesBulk({ accountId: t.accountId, userIds: [user.id], change, actorUserId: caller.actor.userId!, notificationId });
    },
  },
  'account-delete': {
    guard: 'state',
    why: 'authorised when the delete was requested; the handler empties only an account marked "deleting", which is out of everyone\'s reach',
    probe: async (t) => async () => {
      await runAccountDelete({ accountId: t.accountId, actorUserId: null, notificationId: null }).catch(() => undefined);
      const [still] = await db().select({ id: accounts.id }).from(accounts).where(eq(accounts.id, t.accountId));
      if (!still) throw new Error('an active account was deleted by a stray job');
    },
  },
  'mail-delivery': { guard: 'system', why: 'delivers a row of the outbox; the command that wrote the row was authorised' },
};
