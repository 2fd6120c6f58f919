import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, events, gateways, pbxUsers, userExtensions, users } from '@/db/schema';
import { claimGateway } from '@/lib/gateway/claim-gateway';
import { configureGatewayPbx } from '@/lib/gateway/configure-pbx';
import { configureGatewaySite } from '@/lib/gateway/configure-site';
import { requestPbxSync } from '@/lib/gateway/request-sync';
import { requestGatewaySupport } from '@/lib/gateway/request-support-action';
import { startWorkers } from '@/lib/jobs/workers';
import type { GatewaySimulator } from '../../../simulators/gateway/index.mjs';
import { accountByName, actorFor, EMAIL, seed } from '../helpers';
import { addGatewayIntegration, onboard, SITE, startSim, syncNow, waitForNotification } from './harness';
import { serveGatewayProtocol } from './serve-protocol';

const stateFile = path.join(os.tmpdir(), `gateway-sim-onboard-${process.pid}-${Date.now()}.json`);
let server: Awaited<ReturnType<typeof serveGatewayProtocol>>;
let sim: GatewaySimulator | null = null;

beforeAll(async () => {
  await seed();
  server = await serveGatewayProtocol();
  await startWorkers();
});
afterEach(async () => {
  await sim?.stop();
  sim = null;
});
afterAll(() => server.close());

const pbxUsersOf = async (accountId: string) =>
  db().select({ email: users.email, inactive: users.inactive, updatedBy: users.updatedBy }).from(users).where(and(eq(users.accountId, accountId), eq(users.source, 'pbx')));

describe('gateway onboarding and PBX sync against the simulator (GW-1..4)', () => {
  it('claims, configures and connects; the first sync adds the users, a re-sync changes nothing, added and removed PBX users follow', async () => {
    const account = await accountByName('Contoso Ltd');
    await addGatewayIntegration(account.id);
    const alice = await actorFor(EMAIL.alice);
    sim = await startSim(server.url, { pbx: 'mv5000', users: 80, hardwareId: 'SIM-ONBOARD', stateFile });

    const ctx = { actor: alice };
    await claimGateway({ ctx, input: { accountId: account.id, linkCode: sim.linkCode() } });
    await sim.waitFor((s) => s.claimed && s.online);
    expect(await waitForNotification((await configureGatewaySite({ ctx, input: { accountId: account.id, site: SITE } })).notificationId)).toMatchObject({ status: 'success', titleKey: 'gateway.tasks.linkSite.done' });
    expect(sim.state().site).toMatchObject({ name: SITE.name });

    // Wrong PBX password: the step fails with what to do, and the integration shows it.
    const pbx = (password: string) => ({ type: 'mv5000', address: '10.0.0.5', username: 'admin', password });
    const bad = await waitForNotification((await configureGatewayPbx({ ctx, input: { accountId: account.id, pbx: pbx('wrong') } })).notificationId);
    expect(bad).toMatchObject({ status: 'error', titleKey: 'gateway.errors.pbxAuthFailed' });
    const [failed] = await db().select().from(gateways).where(eq(gateways.accountId, account.id));
    expect(failed).toMatchObject({ errorKey: 'gateway.errors.pbxAuthFailed', pbxLinkedAt: null });
    expect(JSON.stringify(failed)).not.toContain('wrong');
    expect(await waitForNotification((await configureGatewayPbx({ ctx, input: { accountId: account.id, pbx: pbx('mitel') } })).notificationId)).toMatchObject({ status: 'success', titleKey: 'gateway.tasks.configurePbx.done' });

    const connected = await waitForNotification((await requestPbxSync({ ctx, input: { accountId: account.id, mode: 'connect' } })).notificationId);
    // 80 users, every 40th without an e-mail: 78 added, 2 listed.
    expect(connected).toMatchObject({ status: 'success', params: { created: 78, updated: 0, inactivated: 0, skipped: 2 } });
    const [gw] = await db().select().from(gateways).where(eq(gateways.accountId, account.id));
    expect(gw!.lastSync).toMatchObject({ skippedCount: 2, skipped: [expect.objectContaining({ pbxUserId: 'u-40', reason: 'noEmail' }), expect.objectContaining({ pbxUserId: 'u-80' })] });
    expect(gw!.errorKey).toBeNull();
    const [acc] = await db().select({ pbxType: accounts.pbxType }).from(accounts).where(eq(accounts.id, account.id));
    expect(acc!.pbxType).toBe('MiVoice 5000');
    const synced = await pbxUsersOf(account.id);
    expect(synced).toHaveLength(78);
    expect(synced.every((u) => u.updatedBy === 'Solution')).toBe(true);
    const [ext] = await db().select({ n: count() }).from(userExtensions).where(eq(userExtensions.accountId, account.id));
    expect(ext!.n).toBeGreaterThanOrEqual(78);
    const [created] = await db().select({ n: count() }).from(events).where(and(eq(events.accountId, account.id), eq(events.asset, 'User'), eq(events.actorName, 'Solution'), eq(events.action, 'Create')));
    expect(created!.n).toBe(78);

    // Idempotent: the same PBX again writes nothing.
    expect(await syncNow(alice, account.id)).toMatchObject({ status: 'success', params: { created: 0, updated: 0, inactivated: 0 } });
    expect(await pbxUsersOf(account.id)).toHaveLength(78);

    // "Sync now" picks up a user added on the PBX; a removed user becomes inactive.
    sim.addUser({ firstName: 'Nina', lastName: 'New', email: 'nina.new@example.test' });
    sim.removeUser('u-1');
    expect(await syncNow(alice, account.id)).toMatchObject({ status: 'success', params: { created: 1, inactivated: 1 } });
    const after = await pbxUsersOf(account.id);
    expect(after).toHaveLength(79);
    expect(after.find((u) => u.email === 'nina.new@example.test')).toMatchObject({ inactive: false });
    expect(after.filter((u) => u.inactive)).toHaveLength(1);
  });

  it('runs the gateway support actions as jobs, and refuses them for an offline gateway (SUP-4)', async () => {
    const account = await accountByName('Contoso Ltd');
    const alice = await actorFor(EMAIL.alice);
    // The first test's gateway, back from its state file with its identity and credential.
    sim = await startSim(server.url, { pbx: 'mv5000', users: 80, hardwareId: 'SIM-ONBOARD', stateFile });
    await sim.waitFor((s) => s.claimed && s.online);
    const support = async (request: Record<string, unknown>) => waitForNotification((await requestGatewaySupport({ ctx: { actor: alice }, input: { accountId: account.id, request } })).notificationId);

    const logs = await support({ action: 'fetchLogs', kind: 'system' });
    expect(logs).toMatchObject({ status: 'success', titleKey: 'gateway.tasks.fetchLogs.done' });
    expect(logs.details?.split('\n').length).toBeGreaterThan(0);
    expect(await support({ action: 'callTrace', extension: '1001', seconds: 5 })).toMatchObject({ status: 'success', params: { extension: '1001' } });
    expect(await support({ action: 'callTrace', extension: '9999', seconds: 5 })).toMatchObject({ status: 'error', titleKey: 'gateway.errors.unknownExtension' });
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect(await support({ action: 'scheduleUpdate', at })).toMatchObject({ status: 'success', params: { version: '1.5.0' } });
    expect(await support({ action: 'performUpdate' })).toMatchObject({ status: 'success', params: { version: '1.5.0' } });
    const [updated] = await db().select().from(gateways).where(eq(gateways.accountId, account.id));
    expect(updated).toMatchObject({ softwareVersion: '1.5.0', scheduledUpdate: null });
    await sim.waitFor((s) => s.online && s.softwareVersion === '1.5.0', 20_000);
    expect(await support({ action: 'restart' })).toMatchObject({ status: 'success', titleKey: 'gateway.tasks.restart.done' });
    const restarts = await db().select().from(events).where(and(eq(events.accountId, account.id), eq(events.asset, 'Integration')));
    expect(restarts.some((e) => JSON.stringify(e.coreDetails).includes('"restart"'))).toBe(true);

    // A user without Support View, and an offline gateway, are refused before any job.
    const uma = await actorFor(EMAIL.uma);
    await expect(requestGatewaySupport({ ctx: { actor: uma }, input: { accountId: account.id, request: { action: 'restart' } } })).rejects.toMatchObject({ status: 403 });
    await db().update(gateways).set({ lastSeenAt: new Date(Date.now() - 120_000) }).where(eq(gateways.accountId, account.id));
    await expect(requestGatewaySupport({ ctx: { actor: alice }, input: { accountId: account.id, request: { action: 'restart' } } })).rejects.toMatchObject({ messageKey: 'gateway.support.unavailable.offline' });
  });

  it('refuses a PBX over its CloudLink-role capacity as a whole, naming the limit', async () => {
    const account = await accountByName('Fabrikam BV');
    const bram = await actorFor(EMAIL.bram);
    sim = await startSim(server.url, { pbx: 'mivb', users: 2501, hardwareId: 'SIM-CAPACITY', emailDomain: 'fabrikam-pbx.test' });
    const result = await onboard(bram, account.id, sim, 'mivb');
    expect(result).toMatchObject({ status: 'error', titleKey: 'gateway.errors.overRoleLimit', params: { limit: 2500, count: 2501, excess: 1, pbx: 'MiVoice Business' } });
    expect(await pbxUsersOf(account.id)).toHaveLength(0);
    expect(await db().select().from(pbxUsers).where(eq(pbxUsers.accountId, account.id))).toHaveLength(0);

    // With the role taken from one user on the PBX, the same sync goes through.
    sim.updateUser('u-2501', { cloudlinkRole: false });
    expect(await syncNow(bram, account.id)).toMatchObject({ status: 'success', params: { created: 2501 - Math.floor(2501 / 40) } });
  });
});
