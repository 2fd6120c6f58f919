import { portalUrl, servePortalRoutes } from './portal-server';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, graphSubscriptions, presenceMonitors, teamsPresenceUsers } from '@/db/schema';
import { sealSecret } from '@/lib/crypto/secret-box';
import { startWorkers } from '@/lib/jobs/workers';
import { configureTeams } from '@/lib/teams/configure-teams';
import { authorizeMonitor } from '@/lib/teams/monitors/authorize-monitor';
import { readMonitors } from '@/lib/teams/monitors/read-monitors';
import { setTeamsBidirectional } from '@/lib/teams/monitors/set-teams-bidirectional';
import { syncAllToMicollab } from '@/lib/teams/monitors/sync-all-to-micollab';
import { syncSubscriptions } from '@/lib/teams/monitors/sync-subscriptions';
import { setTeamsSync } from '@/lib/teams/set-teams-sync';
import type { StartedGraphEmulator } from '../../../simulators/graph/index.mjs';
import type { GatewaySimulator } from '../../../simulators/gateway/index.mjs';
import { addGatewayIntegration, onboard, startSim } from '../gateway/harness';
import { accountByName, actorFor, EMAIL, seed } from '../helpers';
import { startGraph, until } from './graph-fixture';

let server: Awaited<ReturnType<typeof servePortalRoutes>>;
let sim: GatewaySimulator;
let graph: StartedGraphEmulator;
let tenantId: string;
let clientId: string;
let accountId: string;
let monitorSecret: string;
const azure = new Map<string, string>(); // pbxUserId → Azure id
const MONITOR = 'presence.monitor1@contoso.example';

beforeAll(async () => {
  await seed();
  let secret: string;
  ({ graph, tenantId, clientId, secret } = await startGraph());
  server = await servePortalRoutes();
  await startWorkers();
  accountId = (await accountByName('Contoso Ltd')).id;
  await addGatewayIntegration(accountId);
  sim = await startSim(portalUrl, { pbx: 'mivb', users: 10, hardwareId: 'SIM-TEAMS-BI' });
  expect((await onboard(await actorFor(EMAIL.alice), accountId, sim, 'mivb')).status).toBe('success');
  const withMail = sim.users().filter((u) => u.email);
  const created = graph.control.createUsers(tenantId, { users: [...withMail.map((u) => ({ userPrincipalName: u.email! })), { userPrincipalName: MONITOR, password: 'M0nitor-pass!' }] }).users;
  withMail.forEach((u, i) => azure.set(u.pbxUserId, created[i]!.id));
  monitorSecret = graph.control.addSecret(tenantId, clientId, { description: 'monitor 1' }).value;
  await db().insert(accountIntegrations).values([
    { accountId, integrationId: 'teams', version: 1 },
    { accountId, integrationId: 'micollab', version: 1, setupDone: true, settings: { address: 'micollab.contoso.example', password: { sealed: sealSecret('mc-pass'), setAt: new Date().toISOString() } } },
  ]);
  const ctx = { actor: await actorFor(EMAIL.alice) };
  await configureTeams({ ctx, input: { accountId, name: 'Presence', tenantId, clientId, clientSecret: secret } });
  await setTeamsSync({ ctx, input: { accountId, enabled: true } });
  await until('matched', async () => (await db().select().from(teamsPresenceUsers).where(and(eq(teamsPresenceUsers.accountId, accountId), isNotNull(teamsPresenceUsers.graphUserId)))).length === withMail.length);
}, 120_000);
afterAll(async () => {
  await sim?.stop();
  await server?.close();
  await graph?.close();
});

const micollab = (pbxUserId: string) => sim.micollabPresence().current.find((p) => p.pbxUserId === pbxUserId);
const post = (path: string, body: unknown) => fetch(`${portalUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Teams → MiCollab presence through monitors and subscriptions (TEAMS-4, TEAMS-6)', () => {
  it('a monitor is authorised with its password, subscribes the users, and Teams presence reaches MiCollab', async () => {
    const ctx = { actor: await actorFor(EMAIL.alice) };
    await expect(setTeamsBidirectional({ ctx, input: { accountId, enabled: true } })).resolves.toEqual({ syncFromTeams: true });

    const wrong = await authorizeMonitor({ ctx, input: { accountId, upn: MONITOR, clientSecret: monitorSecret, password: 'not-it' } });
    expect(wrong).toMatchObject({ authorized: false, reason: 'invalidGrant' });
    expect((await readMonitors(ctx.actor, accountId)).monitors).toEqual([expect.objectContaining({ upn: MONITOR, status: 'notAuthorized', statusReason: 'invalidGrant' })]);
    const [stored] = await db().select().from(presenceMonitors);
    expect(JSON.stringify(stored)).not.toContain(monitorSecret);

    expect(await authorizeMonitor({ ctx, input: { accountId, upn: MONITOR, password: 'M0nitor-pass!' } })).toMatchObject({ authorized: true });
    const sub = await until('subscribed', () => graph.control.subscriptions().find((s) => s.ids.length === azure.size));
    expect(sub.resource).toContain('/communications/presences');
    expect(graph.control.notifications().some((n) => n.kind === 'validation' && n.ok)).toBe(true);
    await until('subscription stored', async () => (await db().select().from(graphSubscriptions)).length === 1);
    const view = await readMonitors(ctx.actor, accountId);
    expect(view.figures).toMatchObject({ usersToMonitor: azure.size, monitorsNeeded: 1, subscribedUsers: azure.size, missingMonitors: 0 });

    const [first] = [...azure.keys()];
    graph.control.setClientState(tenantId, azure.get(first!)!, 'InCall');
    await until('MiCollab shows Busy', () => micollab(first!)?.availability === 'Busy');
    graph.control.setClientState(tenantId, azure.get(first!)!, 'Presenting');
    await until('MiCollab shows Do not disturb', () => micollab(first!)?.availability === 'DoNotDisturb');
  });

  it('refuses forged notifications and an unsolicited validation handshake, changing nothing', async () => {
    const [sub] = await db().select().from(graphSubscriptions);
    const [first] = [...azure.keys()];
    const before = micollab(first!);
    const forged = (subscriptionId: string, clientState: string) => ({ value: [{ subscriptionId, clientState, changeType: 'updated', resource: `communications/presences('${azure.get(first!)}')`, resourceData: { id: azure.get(first!), availability: 'Away', activity: 'Away' } }] });
    expect((await post('/api/graph/notifications', forged(sub!.id, 'guessed'))).status).toBe(400);
    expect((await post('/api/graph/notifications', forged('made-up-subscription', 'x'))).status).toBe(400);
    expect((await post('/api/graph/lifecycle', { value: [{ subscriptionId: sub!.id, clientState: 'guessed', lifecycleEvent: 'subscriptionRemoved' }] })).status).toBe(400);
    const replay = await fetch(`${portalUrl}/api/graph/notifications?validationToken=replayed`, { method: 'POST' });
    expect(replay.status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(micollab(first!)).toEqual(before);
    const [still] = await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.id, sub!.id));
    expect(still!.status).toBe('active');
  });

  it('renews before expiry, recreates after subscriptionRemoved, re-reads everyone after missed', async () => {
    const [sub] = await db().select().from(graphSubscriptions);
    // Renewal: 5 minutes left.
    await db().update(graphSubscriptions).set({ expiresAt: new Date(Date.now() + 5 * 60_000) }).where(eq(graphSubscriptions.id, sub!.id));
    await syncSubscriptions(accountId);
    const [renewed] = await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.id, sub!.id));
    expect(renewed!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(graph.control.calls({ op: 'subscriptionUpdate' }).length).toBeGreaterThan(0);

    graph.control.sendLifecycleEvent(sub!.id, 'subscriptionRemoved');
    const replaced = await until('recreated', async () => {
      const rows = await db().select().from(graphSubscriptions);
      return rows.length === 1 && rows[0]!.id !== sub!.id ? rows[0] : null;
    });
    expect(graph.control.subscriptions().map((s) => s.id)).toEqual([replaced.id]);

    // Graph holds a change back (here: its batching window is a minute), then says it missed some:
    // the portal reads everyone's presence again and MiCollab is right before the late delivery.
    const [, second, third] = [...azure.keys()];
    graph.control.updateSettings({ notificationBatchMs: 60_000 });
    graph.control.setClientState(tenantId, azure.get(second!)!, 'Inactive');
    graph.control.sendLifecycleEvent(replaced.id, 'missed');
    await until('MiCollab caught up after missed', () => micollab(second!)?.availability === 'Away');
    graph.control.updateSettings({ notificationBatchMs: 50 });

    // "Sync all MS Teams presence to MiCollab" (TEAMS-5) sends everyone, and says when it is done.
    graph.control.setPreferredPresence(tenantId, azure.get(third!)!, 'BeRightBack');
    const result = await syncAllToMicollab({ ctx: { actor: await actorFor(EMAIL.alice) }, input: { accountId } });
    expect(result).toMatchObject({ users: azure.size, sent: azure.size, failed: 0, pending: 0 });
    expect(micollab(third!)?.availability).toBe('BeRightBack');
  });

  it("a monitor whose password changed turns Not authorized, and its users' subscription goes", async () => {
    const [m] = await db().select().from(presenceMonitors);
    graph.control.updateUser(tenantId, MONITOR, { password: 'Changed-pass!' });
    const { forgetMonitorToken } = await import('@/lib/teams/monitors/monitor-token');
    forgetMonitorToken(m!.id);
    await db().update(graphSubscriptions).set({ status: 'renewing' });
    await syncSubscriptions(accountId);
    const [after] = await db().select().from(presenceMonitors);
    expect(after).toMatchObject({ status: 'notAuthorized', statusReason: 'passwordChanged' });
    expect(await db().select().from(graphSubscriptions)).toEqual([]);
    const view = await readMonitors(await actorFor(EMAIL.alice), accountId);
    expect(view.figures).toMatchObject({ monitorsNeeded: 1, missingMonitors: 1, subscribedUsers: 0 });
  });

  it('refuses Teams → MiCollab on an account without MiVoice Business', async () => {
    const fabrikam = await accountByName('Fabrikam BV');
    const admin = await actorFor(EMAIL.bram);
    await expect(setTeamsBidirectional({ ctx: { actor: admin }, input: { accountId: fabrikam.id, enabled: true } })).rejects.toMatchObject({ messageKey: 'teams.errors.notSetUp' });
    await expect(setTeamsBidirectional({ ctx: { actor: admin }, input: { accountId, enabled: false } })).rejects.toMatchObject({ status: 404 });
  });
});
