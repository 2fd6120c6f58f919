/**
 * bench:presence, setting up: the Graph emulator (in this process), the production portal (one web
 * process with its workers, as `npm start` runs it), a fresh account of the demo partner with the
 * CloudLink Gateway onboarded through the real commands and jobs to a gateway simulator (in this
 * process) with N PBX users, Azure users with the same e-mails, Finish setup (`configureTeams`) and
 * `setTeamsSync`; for Teams → MiCollab also a MiCollab row, `setTeamsBidirectional` and presence
 * monitors authorised with `authorizeMonitor`. The lib commands run here against the bench database;
 * everything they queue (site, PBX, sync, matching, pushes, subscriptions) runs in the portal.
 * The app's modules are imported only once DATABASE_URL and GRAPH_* are set (they read them once).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type postgres from 'postgres';
import { startGatewaySimulator, type GatewaySimulator, type PbxType } from '../../simulators/gateway/index.mjs';
import { startGraphEmulator, type StartedGraphEmulator } from '../../simulators/graph/index.mjs';
import { preciseNow } from './presence-match';

export interface Emulator {
  graph: StartedGraphEmulator;
  tenantId: string;
  clientId: string;
  secret: string;
}

/** The emulator with one tenant and a consented Teams app; GRAPH_* point this process (and the portal) at it. */
export async function startEmulator(domain: string, appUrl: string): Promise<Emulator> {
  const graph = await startGraphEmulator();
  mkdirSync('.data', { recursive: true });
  const caFile = path.resolve(`.data/bench-presence-ca-${process.pid}.pem`);
  writeFileSync(caFile, graph.ca);
  Object.assign(process.env, { GRAPH_URL: graph.url, GRAPH_LOGIN_URL: graph.url, GRAPH_CA_FILE: caFile });
  const { tenantId } = graph.control.createTenant({ domain, displayName: 'Presence bench' });
  const app = graph.control.createApp(tenantId, {
    displayName: 'CloudLink presence',
    permissions: { application: ['Presence.ReadWrite.All', 'User.Read.All', 'Application.Read.All'], delegated: ['User.Read', 'User.Read.All', 'Presence.Read', 'Presence.Read.All', 'Subscription.Read.All', 'offline_access', 'openid', 'profile', 'email'] },
    consented: true,
    redirectUris: [`${appUrl}/api/graph/monitor-auth`],
  });
  return { graph, tenantId, clientId: app.appId, secret: app.secrets[0]!.value };
}


export async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs: number, everyMs = 250): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

type Actor = NonNullable<Awaited<ReturnType<(typeof import('../../lib/auth/load-actor'))['loadActorForJob']>>>;

export interface Account {
  accountId: string;
  actor: Actor;
  sim: GatewaySimulator;
  /** PBX users with an e-mail, and the Azure user created for each. */
  users: { pbxUserId: string; email: string; azureId: string }[];
  timings: Record<string, number>;
}

async function waitForNotification(sql: postgres.Sql, id: string, what: string, timeoutMs = 600_000): Promise<void> {
  const row = await until(what, async () => (await sql<{ status: string; title_key: string }[]>`select status, title_key from notifications where id = ${id} and status <> 'running'`)[0], timeoutMs, 100);
  if (row.status !== 'success') throw new Error(`${what}: ${row.status} ${row.title_key}`);
}

const SITE = {
  name: 'Head office',
  address: { street: 'Main Street 1', city: 'London', postalCode: 'EC1A 1BB', province: '', country: 'GB' },
  ethernet: { port1: { mode: 'dhcp' }, port2: { mode: 'disabled' } },
} as const;

/**
 * A fresh account of the demo partner, its gateway claimed, site and PBX configured and connected
 * (the first PBX sync creates the portal users), Azure users with the PBX e-mails as UPNs, the
 * Teams row with Finish setup done, and sync to Teams switched on: until every user is matched and
 * the initial push is written.
 */
export async function setUpAccount(o: { sql: postgres.Sql; base: string; emu: Emulator; pbx: PbxType; users: number; flushMs: number; micollab: boolean; log: (s: string) => void }): Promise<Account> {
  const { sql, emu, log } = o;
  const { db } = await import('../../db/client');
  const { loadActorForJob } = await import('../../lib/auth/load-actor');
  const { claimGateway } = await import('../../lib/gateway/claim-gateway');
  const { configureGatewaySite } = await import('../../lib/gateway/configure-site');
  const { configureGatewayPbx } = await import('../../lib/gateway/configure-pbx');
  const { requestPbxSync } = await import('../../lib/gateway/request-sync');
  const { configureTeams } = await import('../../lib/teams/configure-teams');
  const { setTeamsSync } = await import('../../lib/teams/set-teams-sync');
  const { sealSecret } = await import('../../lib/crypto/secret-box');
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t = preciseNow();
    const r = await f();
    timings[name] = Math.round(preciseNow() - t);
    return r;
  };

  const [partner] = await sql<{ id: string; partner_org_id: string }[]>`select id, partner_org_id from users where email = 'partner@northwind.example'`;
  if (!partner) throw new Error('the demo partner is missing (the portal seeds it on its first start)');
  const actor = await loadActorForJob(db(), partner.id);
  if (!actor) throw new Error('the demo partner has no actor');
  const [account] = await sql<{ id: string }[]>`insert into accounts (partner_org_id, name, country) values (${partner.partner_org_id}, 'Presence Bench', 'GB') returning id`;
  const accountId = account!.id;
  await sql`insert into account_integrations (account_id, integration_id, version) values (${accountId}, 'cloudlinkGateway', 1), (${accountId}, 'teams', 1)`;
  if (o.micollab) {
    const settings = { address: 'micollab.bench.example', password: { sealed: sealSecret('mc-bench-pass'), setAt: new Date().toISOString() } };
    await sql`insert into account_integrations (account_id, integration_id, version, setup_done, settings) values (${accountId}, 'micollab', 1, true, ${sql.json(settings)})`;
  }

  // The PBX's CloudLink-role limit (lib/gateway/sync/capacity.ts) refuses a sync over it: the first users hold the role.
  const roleUsers = { mivo400: 800, mv5000: 2500, mxone: 5000, mivb: 2500 }[o.pbx];
  const sim = await startGatewaySimulator({ portal: o.base, pbx: o.pbx, users: o.users, roleUsers: Math.min(roleUsers, o.users), missingEmailEvery: 0, emailDomain: 'bench.example', stateFile: null, controlPort: null, claimPollMs: 100, flushMs: o.flushMs, hardwareId: `SIM-BENCH-${o.pbx}-${process.pid}` });
  await sim.waitFor((s) => s.gatewayId !== null, 30_000);
  const ctx = { actor };
  log(`  onboarding the gateway (${o.pbx}, ${o.users.toLocaleString('en')} PBX users) …`);
  await timed('claimMs', async () => {
    await claimGateway({ ctx, input: { accountId, linkCode: sim.linkCode() } });
    await sim.waitFor((s) => s.claimed && s.online, 30_000);
  });
  await timed('siteMs', async () => waitForNotification(sql, (await configureGatewaySite({ ctx, input: { accountId, site: SITE } })).notificationId, 'site'));
  await timed('pbxMs', async () => waitForNotification(sql, (await configureGatewayPbx({ ctx, input: { accountId, pbx: { type: o.pbx, address: '10.0.0.5', username: 'admin', password: 'mitel' } } })).notificationId, 'PBX'));
  await timed('connectSyncMs', async () => waitForNotification(sql, (await requestPbxSync({ ctx, input: { accountId, mode: 'connect' } })).notificationId, 'connect (first PBX sync)'));
  const [{ n: portalUsers } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from users where account_id = ${accountId}`;
  if (portalUsers < o.users) throw new Error(`the PBX sync created ${portalUsers} users of ${o.users}`);

  const pbxUsers = sim.users().filter((u) => u.email);
  const created = await timed('azureUsersMs', async () => emu.graph.control.createUsers(emu.tenantId, { users: pbxUsers.map((u) => ({ userPrincipalName: u.email!, displayName: `${u.firstName} ${u.lastName}` })) }).users);
  const users = pbxUsers.map((u, i) => ({ pbxUserId: u.pbxUserId, email: u.email!, azureId: created[i]!.id }));

  log('  Finish setup (configureTeams) and sync to Teams on …');
  await timed('configureTeamsMs', () => configureTeams({ ctx, input: { accountId, name: 'Presence bench', tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.secret } }));
  const since = preciseNow();
  const enabledAt = preciseNow();
  await setTeamsSync({ ctx, input: { accountId, enabled: true } });
  await until('every user matched', async () => (await sql<{ n: number }[]>`select count(*)::int as n from teams_presence_users where account_id = ${accountId} and graph_user_id is not null`)[0]!.n >= users.length, 600_000);
  timings.enableMatchedMs = Math.round(preciseNow() - enabledAt);
  log(`  matched ${users.length.toLocaleString('en')} users in ${(timings.enableMatchedMs / 1000).toFixed(1)} s; waiting for the initial push …`);
  await until('the initial push', async () => (await sql<{ n: number }[]>`
      select count(*)::int as n from teams_presence_users
       where account_id = ${accountId} and graph_user_id is not null and (pushed_action is null or dirty_since is not null or claimed_until is not null)`)[0]!.n === 0, 1_800_000, 500);
  timings.enableTotalMs = Math.round(preciseNow() - enabledAt);
  const writes = emu.graph.control.calls({ tenant: emu.tenantId, op: 'presenceWrite', since });
  timings.initialPushWrites = writes.length;
  timings.initialPushBatches = emu.graph.control.calls({ tenant: emu.tenantId, op: 'batch', since }).length;
  if (writes.length) timings.enableFirstWriteMs = Math.round(Math.min(...writes.map((c) => c.at)) - enabledAt);
  if (writes.length) timings.enableLastWriteMs = Math.round(Math.max(...writes.map((c) => c.at)) - enabledAt);
  return { accountId, actor, sim, users, timings };
}

/**
 * Teams → MiCollab: on, then one presence monitor per 650 users (an Azure user with a password and
 * its own client secret of the Teams app), each authorised with `authorizeMonitor`; until Graph
 * holds a subscription for every user and the portal has stored them.
 */
export async function setUpMonitors(o: { sql: postgres.Sql; emu: Emulator; acct: Account; log: (s: string) => void }): Promise<Record<string, number>> {
  const { sql, emu, acct } = o;
  const { setTeamsBidirectional } = await import('../../lib/teams/monitors/set-teams-bidirectional');
  const { authorizeMonitor } = await import('../../lib/teams/monitors/authorize-monitor');
  const { MONITOR_CAPACITY } = await import('../../lib/teams/monitors/capacity');
  const ctx = { actor: acct.actor };
  const timings: Record<string, number> = {};
  const count = Math.ceil(acct.users.length / MONITOR_CAPACITY);
  const started = preciseNow();
  await setTeamsBidirectional({ ctx, input: { accountId: acct.accountId, enabled: true } });
  const domain = acct.users[0]!.email.split('@')[1];
  const monitors = Array.from({ length: count }, (_, i) => ({ upn: `presence.monitor${i + 1}@${domain}`, password: `M0nitor-${i + 1}-pass!` }));
  emu.graph.control.createUsers(emu.tenantId, { users: monitors.map((m) => ({ userPrincipalName: m.upn, password: m.password })) });
  o.log(`  authorising ${count} presence monitors (${MONITOR_CAPACITY} users each) …`);
  for (const [i, m] of monitors.entries()) {
    const secret = emu.graph.control.addSecret(emu.tenantId, emu.clientId, { description: `monitor ${i + 1}` }).value;
    const r = await authorizeMonitor({ ctx, input: { accountId: acct.accountId, upn: m.upn, password: m.password, clientSecret: secret } });
    if (!r.authorized) throw new Error(`monitor ${m.upn} was not authorised: ${r.reason}`);
  }
  timings.monitors = count;
  timings.authorizeMs = Math.round(preciseNow() - started);
  await until('a Graph subscription for every user', async () => {
    const [row] = await sql<{ n: number; subs: number }[]>`select coalesce(sum(cardinality(graph_user_ids)), 0)::int as n, count(*)::int as subs from graph_subscriptions where account_id = ${acct.accountId} and status = 'active'`;
    return row!.n === acct.users.length && row!.subs === count && emu.graph.control.subscriptions().reduce((n, s) => n + s.ids.length, 0) === acct.users.length;
  }, 600_000, 500);
  timings.subscribedMs = Math.round(preciseNow() - started);
  timings.subscriptions = emu.graph.control.subscriptions().length;
  timings.validations = emu.graph.control.notifications().filter((n) => n.kind === 'validation').length;
  return timings;
}
