import { portalUrl, servePortalRoutes } from './portal-server';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, events, teamsConnections, teamsPresenceUsers, users } from '@/db/schema';
import { startWorkers } from '@/lib/jobs/workers';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { configureTeams } from '@/lib/teams/configure-teams';
import { setTeamsSync } from '@/lib/teams/set-teams-sync';
import { verifyTeams } from '@/lib/teams/verify-teams';
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
let secret: string;
let accountId: string;
const azureIds = new Map<string, string>(); // pbxUserId → Azure user id

beforeAll(async () => {
  await seed();
  ({ graph, tenantId, clientId, secret } = await startGraph());
  server = await servePortalRoutes();
  await startWorkers();
  const account = await accountByName('Contoso Ltd');
  accountId = account.id;
  await addGatewayIntegration(accountId);
  sim = await startSim(portalUrl, { pbx: 'mivo400', users: 12, hardwareId: 'SIM-TEAMS-UNI' });
  const connected = await onboard(await actorFor(EMAIL.alice), accountId, sim, 'mivo400');
  expect(connected.status).toBe('success');
  // Azure knows the PBX users by their e-mail (as UPN for most, as mail for one), except the last.
  const pbxUsers = sim.users().filter((u) => u.email);
  const specs = pbxUsers.slice(0, -1).map((u, i) => (i === 1 ? { userPrincipalName: `azure-${i}@contoso.onmicrosoft.example`, mail: u.email! } : { userPrincipalName: u.email! }));
  const created = graph.control.createUsers(tenantId, { users: specs }).users;
  pbxUsers.slice(0, -1).forEach((u, i) => azureIds.set(u.pbxUserId, created[i]!.id));
  await db().insert(accountIntegrations).values({ accountId, integrationId: 'teams', version: 1 });
}, 120_000);
afterAll(async () => {
  await sim?.stop();
  await server?.close();
  await graph?.close();
});

const row = async (pbxUserId: string) => {
  const email = sim.users().find((u) => u.pbxUserId === pbxUserId)!.email!;
  const [r] = await db()
    .select({ t: teamsPresenceUsers })
    .from(teamsPresenceUsers)
    .innerJoin(users, eq(users.id, teamsPresenceUsers.userId))
    .where(and(eq(teamsPresenceUsers.accountId, accountId), sql`lower(${users.email}) = lower(${email})`));
  return r?.t;
};
const teams = (pbxUserId: string) => graph.control.getPresence(tenantId, azureIds.get(pbxUserId)!);
const setLine = (pbxUserId: string, state: 'idle' | 'busy') => sim.emit({ type: 'lineState', pbxUserId, state });

describe('CloudLink → Teams presence through Graph (TEAMS-1, TEAMS-2, TEAMS-6)', () => {
  it('Finish setup names the wrong value, then saves the app; enabling sync matches users and a call turns the user Busy in Teams', async () => {
    const alice = await actorFor(EMAIL.alice);
    const ctx = { actor: alice };
    const input = { accountId, name: 'Presence', tenantId, clientId, clientSecret: secret };
    await expect(configureTeams({ ctx, input: { ...input, clientSecret: 'not-the-secret' } })).rejects.toMatchObject({ fieldErrors: { clientSecret: ['teams.errors.secretInvalid'] } });
    await expect(configureTeams({ ctx, input: { ...input, tenantId: '0f0f0f0f-0000-4000-8000-000000000000' } })).rejects.toMatchObject({ fieldErrors: { tenantId: ['teams.errors.tenantNotFound'] } });
    await expect(configureTeams({ ctx, input: { ...input, clientId: '0f0f0f0f-0000-4000-8000-0000000000cc' } })).rejects.toMatchObject({ fieldErrors: { clientId: ['teams.errors.clientNotFound'] } });
    await expect(configureTeams({ ctx, input: { ...input, tenantId: 'contoso' } })).rejects.toMatchObject({ fieldErrors: { tenantId: ['teams.errors.tenantFormat'] } });
    expect(await db().select().from(teamsConnections)).toHaveLength(0);

    const saved = await configureTeams({ ctx, input });
    expect(saved).toMatchObject({ name: 'Presence', tenantId, clientSecret: { set: true }, syncToTeams: false });
    expect(JSON.stringify(saved)).not.toContain(secret);
    const [stored] = await db().select().from(teamsConnections);
    expect(stored!.clientSecret).not.toContain(secret);
    const audit = await db().select().from(events).where(and(eq(events.accountId, accountId), eq(events.asset, 'Integration')));
    expect(JSON.stringify(audit)).toContain('"tenantId"');
    expect(JSON.stringify(audit)).not.toContain(secret);

    // The gear: a new name with the secret left empty keeps the stored secret.
    const renamed = await configureTeams({ ctx, input: { ...input, name: 'Presence sync', clientSecret: '' } });
    expect(renamed).toMatchObject({ name: 'Presence sync', clientSecret: { set: true, setAt: saved.clientSecret.setAt } });

    await setTeamsSync({ ctx, input: { accountId, enabled: true } });
    const pbx = sim.users().filter((u) => u.email);
    // Every PBX user with an e-mail became a portal user; all but the last are in Azure.
    await until('users matched', async () => (await db().select().from(teamsPresenceUsers).where(eq(teamsPresenceUsers.accountId, accountId))).length >= pbx.length);
    expect((await row(pbx[1]!.pbxUserId))!.match).toBe('matched'); // by mail
    expect((await row(pbx.at(-1)!.pbxUserId))!.match).toBe('notInAzure');
    // Enabling pushes everyone's state once (Available: no session, so a clear that finds none).
    await until('initial push', async () => (await db().select().from(teamsPresenceUsers).where(and(eq(teamsPresenceUsers.accountId, accountId), sql`${teamsPresenceUsers.pushedAction} is null and ${teamsPresenceUsers.match} = 'matched'`))).length === 0);

    const anna = pbx[0]!.pbxUserId;
    graph.control.setClientState(tenantId, azureIds.get(anna)!, 'Inactive');
    expect(teams(anna).availability).toBe('Away');
    setLine(anna, 'busy');
    await until('Busy in Teams', () => teams(anna).availability === 'Busy');
    expect(teams(anna).sessions).toEqual([expect.objectContaining({ sessionId: clientId, availability: 'Busy', activity: 'InACall' })]);
    const health = await until('sync health', async () => ((await row(anna))?.pushedAction === 'set:Busy:InACall' ? row(anna) : null));
    expect(health).toMatchObject({ presence: 'Busy', decidedBy: 'phone', lastStatus: 200, lastError: null });
    expect(health.lastLatencyMs).not.toBeNull();

    setLine(anna, 'idle');
    await until('back to Away (the client) in Teams', () => teams(anna).availability === 'Away' && teams(anna).sessions.length === 0);
  });

  it('a 429 storm and a Graph outage hold the tenant, lose nothing and catch up', async () => {
    const pbx = sim.users().filter((u) => u.email).slice(2, 6).map((u) => u.pbxUserId);
    graph.control.addFault({ kind: 'throttle', tenant: tenantId, op: 'presenceWrite', count: 30, retryAfterSeconds: 1 });
    for (const id of pbx) setLine(id, 'busy');
    await until('all Busy after the storm', () => pbx.every((id) => teams(id).availability === 'Busy'), 20_000);

    graph.control.addFault({ kind: 'down', durationMs: 2500 });
    for (const id of pbx) setLine(id, 'idle');
    sim.emit({ type: 'dnd', pbxUserId: pbx[0]!, enabled: true });
    await until('caught up after the outage', () => pbx.slice(1).every((id) => teams(id).availability === 'Offline') && teams(pbx[0]!).availability === 'DoNotDisturb', 30_000);
    // Teams shows the write before the portal has stored its answer: the hold is lifted right after.
    const conn = await until('the hold lifted', async () => {
      const [c] = await db().select().from(teamsConnections).where(eq(teamsConnections.accountId, accountId));
      return c && c.outageStreak === 0 ? c : null;
    });
    expect(conn).toMatchObject({ backoffUntil: null, backoffReason: null });
  }, 60_000);

  it('a write Graph carried out but whose answer was lost is not taken as unchanged when the user goes back', async () => {
    const id = sim.users().filter((u) => u.email)[7]!.pbxUserId;
    expect(azureIds.has(id)).toBe(true);
    await until('idle and written', async () => ((await row(id))?.pushedAction === 'clear' ? true : null));
    // Every attempt of this user's write is done by Graph and answered 504 (a gateway timing out after the work).
    graph.control.addFault({ kind: 'error', status: 504, tenant: tenantId, op: 'setPresence', count: 3, applied: true });
    setLine(id, 'busy');
    await until('the lost answers', () => graph.control.calls({ tenant: tenantId, op: 'setPresence' }).filter((c) => c.userId === azureIds.get(id) && c.status === 504).length >= 1);
    setLine(id, 'idle'); // back to what the portal last knew Teams had
    await until('Teams shows the user idle again', () => teams(id).sessions.length === 0 && teams(id).availability !== 'Busy', 20_000);
    const r = await until('written', async () => ((await row(id))?.lastError === null && (await row(id))?.dirtySince === null ? row(id) : null));
    expect(r).toMatchObject({ pushedAction: 'clear', lastStatus: 200 });
    expect(graph.control.calls({ tenant: tenantId, op: 'clearPresence' }).filter((c) => c.userId === azureIds.get(id)).length).toBeGreaterThanOrEqual(1);
  });

  it('a session is written again before it expires, without a change on the PBX', async () => {
    const id = sim.users().filter((u) => u.email)[6]!.pbxUserId;
    setLine(id, 'busy');
    await until('Busy', () => teams(id).availability === 'Busy');
    const before = graph.control.calls({ tenant: tenantId, op: 'setPresence' }).filter((c) => c.userId === azureIds.get(id)).length;
    const r = await row(id);
    await db().update(teamsPresenceUsers).set({ sessionExpiresAt: new Date(Date.now() + 60_000) }).where(and(eq(teamsPresenceUsers.accountId, accountId), eq(teamsPresenceUsers.userId, r!.userId)));
    await until('refreshed', async () => ((await row(id))!.sessionExpiresAt!.getTime() > Date.now() + 10 * 60_000 ? true : null));
    expect(graph.control.calls({ tenant: tenantId, op: 'setPresence' }).filter((c) => c.userId === azureIds.get(id)).length).toBe(before + 1);
  });

  it('Verify configuration passes on a working setup, and names missing admin consent', async () => {
    const alice = await actorFor(EMAIL.alice);
    const ok = await verifyTeams(alice, { accountId });
    expect(ok.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(ok.checks.find((c) => c.check === 'adminConsent')!.status).toBe('ok');
    expect(ok.checks.find((c) => c.check === 'usersMatched')).toMatchObject({ status: 'warning', detail: { unmatched: expect.any(Number) } }); // the seed's own users are not in Azure

    // Another account whose Azure app was never consented.
    const fabrikam = await accountByName('Fabrikam BV');
    const { appId, secrets } = graph.control.createApp(tenantId, { permissions: { application: ['Presence.ReadWrite.All', 'User.Read.All'] }, consented: false });
    await db().insert(accountIntegrations).values({ accountId: fabrikam.id, integrationId: 'teams', version: 1 });
    const admin = await actorFor(EMAIL.bram);
    await configureTeams({ ctx: { actor: admin }, input: { accountId: fabrikam.id, name: 'Fabrikam', tenantId, clientId: appId, clientSecret: secrets[0]!.value } });
    const missing = await verifyTeams(admin, { accountId: fabrikam.id });
    expect(missing.checks.find((c) => c.check === 'adminConsent')!.status).toBe('failed');
    expect(missing.checks.find((c) => c.check === 'gateway')!.status).toBe('failed');
    // Alice may not verify another account.
    await expect(verifyTeams(alice, { accountId: fabrikam.id })).rejects.toMatchObject({ status: 404 });
  });

  it('turning sync off clears every session we set', async () => {
    const id = sim.users().filter((u) => u.email)[7]!.pbxUserId;
    setLine(id, 'busy');
    await until('Busy', () => teams(id).availability === 'Busy');
    await setTeamsSync({ ctx: { actor: await actorFor(EMAIL.alice) }, input: { accountId, enabled: false } });
    await until('cleared', () => teams(id).sessions.length === 0);
    await until('rows gone', async () => (await db().select().from(teamsPresenceUsers).where(eq(teamsPresenceUsers.accountId, accountId))).length === 0);
  });

  it('removing the integration forgets the app and clears the sessions it set in Teams', async () => {
    const alice = await actorFor(EMAIL.alice);
    const id = sim.users().filter((u) => u.email)[7]!.pbxUserId; // still busy on the PBX
    await setTeamsSync({ ctx: { actor: alice }, input: { accountId, enabled: true } });
    await until('Busy again after the initial push', () => teams(id).availability === 'Busy', 20_000);
    await removeAccountIntegration({ ctx: { actor: alice }, input: { accountId, integrationId: 'teams' } });
    expect(await db().select().from(teamsConnections).where(eq(teamsConnections.accountId, accountId))).toEqual([]);
    expect(await db().select().from(teamsPresenceUsers).where(eq(teamsPresenceUsers.accountId, accountId))).toEqual([]);
    await until('cleared by the release job', () => teams(id).sessions.length === 0, 20_000);
    expect(graph.control.calls({ tenant: tenantId, op: 'clearPresence' }).filter((c) => c.userId === azureIds.get(id)).at(-1)).toMatchObject({ status: 200 });
  });
});
