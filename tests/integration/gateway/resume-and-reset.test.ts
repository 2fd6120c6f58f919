import os from 'node:os';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, gateways, notifications, pbxSyncRuns, users } from '@/db/schema';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { runSync } from '@/lib/gateway/sync/run-sync';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { runAccountDelete } from '@/lib/jobs/handlers/account-delete';
import { stopBoss } from '@/lib/jobs/boss';
import { startWorkers } from '@/lib/jobs/workers';
import type { GatewaySimulator } from '../../../simulators/gateway/index.mjs';
import { accountByName, actorFor, EMAIL, seed } from '../helpers';
import { addGatewayIntegration, onboard, startSim, syncNow } from './harness';
import { serveGatewayProtocol } from './serve-protocol';

// One gateway across the tests, restarted from its state file: it keeps its identity and credential.
const stateFile = path.join(os.tmpdir(), `gateway-sim-resume-${process.pid}-${Date.now()}.json`);
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

const pbxUserCount = async (accountId: string) => (await db().select({ n: count() }).from(users).where(and(eq(users.accountId, accountId), eq(users.source, 'pbx'))))[0]!.n;
const fetchOffsets = (s: GatewaySimulator) => s.state().recentCommands.filter((c) => c.type === 'fetchUsers').length;

describe('an interrupted sync (GW-3, protocol §5)', () => {
  it('resumes at the first page not yet staged after the worker stopped mid-sync, and creates nobody twice', async () => {
    const account = await accountByName('Contoso Ltd');
    await addGatewayIntegration(account.id);
    const alice = await actorFor(EMAIL.alice);
    sim = await startSim(server.url, { pbx: 'mxone', users: 2600, missingEmailEvery: 0, hardwareId: 'SIM-RESUME', stateFile });
    expect(await onboard(alice, account.id, sim, 'mxone')).toMatchObject({ status: 'success', params: { created: 2600 } });
    sim.addUser({ firstName: 'Late', lastName: 'Comer', email: 'late.comer@example.test' });

    // The worker dies after the first page (a crash, a deploy): the run stays staged.
    const before = fetchOffsets(sim);
    await expect(runSync(account.id, async (p) => { if (p > 0 && p < 80) throw new Error('worker stopped'); })).rejects.toThrow('worker stopped');
    const [run] = await db().select().from(pbxSyncRuns).where(eq(pbxSyncRuns.accountId, account.id));
    expect(run).toMatchObject({ received: 1000, total: 2601 });
    expect(fetchOffsets(sim) - before).toBe(1);

    // The next run asks only for the two pages left, then writes the one new user.
    const summary = await runSync(account.id);
    expect(fetchOffsets(sim) - before).toBe(3);
    expect(summary).toMatchObject({ created: 1, updated: 0, inactivated: 0 });
    expect(await pbxUserCount(account.id)).toBe(2601);
    expect(await db().select().from(pbxSyncRuns).where(eq(pbxSyncRuns.accountId, account.id))).toHaveLength(0);
  });

  it('starts again from a new snapshot when the gateway restarted mid-sync', async () => {
    const account = await accountByName('Contoso Ltd');
    const alice = await actorFor(EMAIL.alice);
    sim = await startSim(server.url, { pbx: 'mxone', users: 2600, missingEmailEvery: 0, hardwareId: 'SIM-RESUME', stateFile });
    await sim.waitFor((s) => s.online && s.users === 2601);
    sim.setFaults({ restartMidSync: true });
    sim.removeUser('u-7');
    expect(await syncNow(alice, account.id)).toMatchObject({ status: 'success', params: { created: 0, inactivated: 1 } });
    expect(await pbxUserCount(account.id)).toBe(2601);
  });
});

describe('factory reset (GW-5, ACC-5)', () => {
  it('removing the integration detaches the gateway and resets it; it announces again with a new link code', async () => {
    const account = await accountByName('Contoso Ltd');
    const alice = await actorFor(EMAIL.alice);
    sim = await startSim(server.url, { pbx: 'mxone', users: 2600, missingEmailEvery: 0, hardwareId: 'SIM-RESUME', stateFile });
    await sim.waitFor((s) => s.online);
    const oldCode = sim.linkCode();
    await removeAccountIntegration({ ctx: { actor: alice }, input: { accountId: account.id, integrationId: 'cloudlinkGateway' } });
    await sim.waitFor((s) => !s.claimed && s.gatewayId !== null && s.linkCode !== oldCode, 30_000);
    const [gw] = await db().select().from(gateways).where(eq(gateways.hardwareId, 'SIM-RESUME'));
    expect(gw).toMatchObject({ accountId: null, credentialHash: null, site: null, pbxType: null, resetRequestedAt: null });
    // The users the PBX brought stay users of the account.
    expect(await pbxUserCount(account.id)).toBe(2601);
  });

  it('deleting an account resets its gateway first, and waits while the gateway is offline', async () => {
    const account = await accountByName('Fabrikam BV');
    const bram = await actorFor(EMAIL.bram);
    const partner = await actorFor(EMAIL.partner);
    sim = await startSim(server.url, { pbx: 'mivo400', users: 30, hardwareId: 'SIM-DELETE', emailDomain: 'fabrikam-pbx.test' });
    expect(await onboard(bram, account.id, sim, 'mivo400')).toMatchObject({ status: 'success' });

    // The queue's own attempt would race the ones made here: this test runs the job itself.
    await stopBoss();
    sim.setFaults({ offline: true });
    await db().update(gateways).set({ lastSeenAt: sql`now() - interval '2 minutes'` }).where(eq(gateways.hardwareId, 'SIM-DELETE'));
    const { notificationId } = await deleteAccount({ ctx: { actor: partner }, input: { accountId: account.id } });
    await expect(runAccountDelete({ accountId: account.id, actorUserId: null, notificationId })).rejects.toThrow(/offline/);
    const [waiting] = await db().select().from(notifications).where(eq(notifications.id, notificationId!));
    expect(waiting).toMatchObject({ status: 'running', titleKey: 'accounts.deleteJob.waitingForGateway' });
    expect(await db().select().from(accounts).where(eq(accounts.id, account.id))).toHaveLength(1);

    sim.setFaults({ offline: false });
    await sim.waitFor((s) => s.online);
    await db().update(gateways).set({ lastSeenAt: sql`now()` }).where(eq(gateways.hardwareId, 'SIM-DELETE'));
    await runAccountDelete({ accountId: account.id, actorUserId: null, notificationId });
    expect(await db().select().from(accounts).where(eq(accounts.id, account.id))).toHaveLength(0);
    await sim.waitFor((s) => !s.claimed, 20_000);
    const [gw] = await db().select().from(gateways).where(eq(gateways.hardwareId, 'SIM-DELETE'));
    expect(gw).toMatchObject({ accountId: null, credentialHash: null });
  });
});
