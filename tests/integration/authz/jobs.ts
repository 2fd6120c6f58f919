import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as gatewayRoute from '@/app/api/gateway/[version]/[...path]/route';
import { db } from '@/db/client';
import { accounts, gateways, notifications, orders, userImportChunks, userImports } from '@/db/schema';
import type { SignedInUser } from '@/lib/auth/load-actor';
import { runGatewayReset } from '@/lib/gateway/tasks/reset-gateway';
import { runGatewayTask } from '@/lib/gateway/tasks/run-gateway-task';
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

/**
 * Runs `run` while a gateway answers its commands as the real one would, through the protocol's
 * route with its credential (docs/gateway-protocol.md §3): a job that reaches the gateway gets its
 * answer at once, and every command it sends is a row the suite's snapshot counts.
 */
async function whileGatewayAnswers(credential: string, run: () => Promise<unknown>): Promise<void> {
  const headers = { authorization: `Bearer ${credential}` };
  const at = (path: string) => ({ params: Promise.resolve({ version: 'v1', path: path.split('/') }) });
  let running = true;
  let failure: unknown = null;
  const answering = (async () => {
    while (running) {
      const polled = await gatewayRoute.GET(new Request('http://localhost:3000/api/gateway/v1/commands?wait=1', { headers }), at('commands'));
      if (!polled.ok) throw new Error(`the probe gateway could not poll: ${polled.status} ${await polled.text()}`);
      const { commands } = (await polled.json()) as { commands: { id: string; type: string; payload: Record<string, unknown> }[] };
      for (const command of commands) {
        const result = command.type === 'fetchLogs' ? { kind: command.payload.kind, lines: ['probe log line'] } : {};
        const body = JSON.stringify({ status: 'ok', result });
        await gatewayRoute.POST(
          new Request(`http://localhost:3000/api/gateway/v1/commands/${command.id}/result`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body }),
          at(`commands/${command.id}/result`),
        );
      }
    }
  })().catch((e: unknown) => {
    failure = e;
  });
  try {
    await run();
  } finally {
    running = false;
    await answering;
  }
  if (failure) throw failure;
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
  // CloudLink Gateway (GW-2..5, SUP-4).
  'gateway-task': {
    guard: 'actor',
    level: 'account',
    // A support task (SUP-4): the job re-checks Support View and the account's scope before it reaches the gateway.
    probe: async (caller, t) => {
      await t.setIntegration('cloudlinkGateway');
      const { credential } = await t.newGateway({ step: 'connected' });
      const notificationId = await note(caller.actor.userId!, 'gateway.tasks.fetchLogs.running');
      const task = { kind: 'fetchLogs', logKind: 'system' } as const;
      return () => whileGatewayAnswers(credential, () => runGatewayTask({ accountId: t.accountId, task, actorUserId: caller.actor.userId!, notificationId }));
    },
  },
  'pbx-sync': {
    guard: 'system',
    why: 'a scheduled sync (GW-3), queued only by gateway-tick for an active account with the integration and a connected gateway; done as "Solution" on that account, nobody asked for it',
  },
  'gateway-tick': { guard: 'system', why: 'the every-minute schedule (lib/jobs/workers.ts) with no input: only queues pbx-sync for the accounts whose sync is due' },
  'gateway-reset': {
    guard: 'state',
    why: "authorised when the integration's removal or the account's deletion asked for it (gateways.reset_requested_at, set with the release); the handler resets nothing else",
    // A stray job for a claimed, online gateway whose reset nobody asked for: it stays as it was.
    probe: async (t) => {
      await t.setIntegration('cloudlinkGateway');
      const { id, credential } = await t.newGateway({ step: 'connected' });
      return async () => {
        await whileGatewayAnswers(credential, () => runGatewayReset({ gatewayId: id, notificationId: null }));
        const [still] = await db().select({ accountId: gateways.accountId }).from(gateways).where(eq(gateways.id, id));
        if (still?.accountId !== t.accountId) throw new Error('a gateway whose reset nobody asked for was reset by a stray job');
      };
    },
  },
  // Microsoft Teams presence (TEAMS-2, TEAMS-4).
  'teams-match': {
    guard: 'state',
    why: 'queued when someone allowed to configure integrations turned presence sync on (or asked to match again), and hourly while it is on; the handler only matches the account\'s own users to its own Azure tenant, and does nothing while sync is off',
  },
  'teams-subscriptions': {
    guard: 'state',
    why: 'queued by monitor and sync changes that were authorised, by Graph lifecycle notifications that proved their clientState, and by the tick; the handler only makes the account\'s subscriptions match its own authorised monitors and sync settings',
  },
  'teams-release': {
    guard: 'system',
    why: "queued only by an authorised removal of the Teams integration, in its transaction; it carries the removed app's own sealed credentials and only clears that app's sessions in that tenant, touching nothing in the portal",
  },
};
