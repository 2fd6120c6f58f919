import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, events, gatewayCommands, gatewayEventReceipts, gateways, pbxCallRecords, pbxUserStates } from '@/db/schema';
import { pruneGatewayData } from '@/lib/gateway/tasks/scheduled-sync';
import { claimGateway } from '@/lib/gateway/claim-gateway';
import { sendCommand } from '@/lib/adapters/pbx/send-command';
import { actorFor, accountByName, EMAIL, seed } from '../helpers';
import { serveGatewayProtocol } from './serve-protocol';

let server: Awaited<ReturnType<typeof serveGatewayProtocol>>;
const api = (path: string, init: { method?: string; token?: string; body?: unknown; raw?: string } = {}) =>
  fetch(`${server.url}/api/gateway/${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
const announceBody = (hardwareId: string, linkCode: string) => ({ hardwareId, linkCode, model: 'physical', platform: 'standalone', softwareVersion: '1.4.2' });

/** Announces and claims a gateway for Contoso; returns its credential. */
async function claimed(hardwareId: string, linkCode: string, by: { account: string; admin: string } = { account: 'Contoso Ltd', admin: EMAIL.alice }): Promise<{ credential: string; gatewayId: string }> {
  const res = await api('v1/announce', { body: announceBody(hardwareId, linkCode) });
  const { pollToken, gatewayId } = (await res.json()) as { pollToken: string; gatewayId: string };
  const account = await accountByName(by.account);
  await claimGateway({ ctx: { actor: await actorFor(by.admin) }, input: { accountId: account.id, linkCode } });
  const status = (await (await api('v1/claim-status', { token: pollToken, body: {} })).json()) as { credential: string };
  return { credential: status.credential, gatewayId };
}

beforeAll(async () => {
  await seed();
  const contoso = await accountByName('Contoso Ltd');
  await db().insert(accountIntegrations).values({ accountId: contoso.id, integrationId: 'cloudlinkGateway', version: 1 }).onConflictDoNothing();
  server = await serveGatewayProtocol();
});
afterAll(() => server.close());

describe('gateway protocol v1 (docs/gateway-protocol.md)', () => {
  it('refuses an unknown version on any route, naming the supported ones', async () => {
    for (const path of ['v2/announce', 'v0/events', 'beta/commands']) {
      const res = await api(path, { body: {} });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'unsupported_version', message: expect.any(String), supported: ['v1'] } });
    }
  });

  it('announces, is claimed by its link code and hands out the credential exactly once', async () => {
    const first = await api('v1/announce', { body: announceBody('HW-CLAIM-1', 'K7QM-4TXP') });
    expect(first.status).toBe(201);
    const { pollToken } = (await first.json()) as { pollToken: string };
    // Another device cannot take the hardware id over.
    expect((await api('v1/announce', { body: announceBody('HW-CLAIM-1', 'ABCD-EFGH') })).status).toBe(409);
    // Nor show a code an unclaimed gateway already shows.
    const taken = await api('v1/announce', { body: announceBody('HW-CLAIM-2', 'k7qm4txp') });
    expect(await taken.json()).toMatchObject({ error: { code: 'link_code_taken' } });
    expect(await (await api('v1/claim-status', { token: pollToken, body: {} })).json()).toMatchObject({ status: 'waiting' });

    const account = await accountByName('Contoso Ltd');
    const alice = await actorFor(EMAIL.alice);
    await expect(claimGateway({ ctx: { actor: alice }, input: { accountId: account.id, linkCode: 'ZZZZ-ZZZZ' } })).rejects.toMatchObject({ fieldErrors: { linkCode: ['gateway.errors.linkCodeInvalid'] } });
    await claimGateway({ ctx: { actor: alice }, input: { accountId: account.id, linkCode: 'k7qm 4txp' } });

    const once = (await (await api('v1/claim-status', { token: pollToken, body: {} })).json()) as { status: string; credential: string; accountName: string };
    expect(once).toMatchObject({ status: 'claimed', accountName: 'Contoso Ltd' });
    expect(await (await api('v1/claim-status', { token: pollToken, body: {} })).json()).toEqual({ status: 'collected' });
    const [row] = await db().select().from(gateways).where(eq(gateways.hardwareId, 'HW-CLAIM-1'));
    expect(row).toMatchObject({ accountId: account.id, credentialPickup: null, linkCodeHash: null });
    expect(row!.credentialHash).not.toContain(once.credential.split('.')[1]);
    const [audit] = await db().select().from(events).where(eq(events.assetId, `${account.id}:cloudlinkGateway`));
    expect(audit).toMatchObject({ action: 'Edit', actorName: expect.stringContaining('Alice') });

    // The same code again — even by the right account — is no longer valid: it was used.
    await db().update(gateways).set({ accountId: null }).where(eq(gateways.id, row!.id));
    await expect(claimGateway({ ctx: { actor: alice }, input: { accountId: account.id, linkCode: 'K7QM-4TXP' } })).rejects.toMatchObject({ fieldErrors: { linkCode: ['gateway.errors.linkCodeInvalid'] } });
    await db().delete(gateways).where(eq(gateways.id, row!.id));
  });

  it('refuses a missing, malformed or wrong credential', async () => {
    expect((await api('v1/commands?wait=1')).status).toBe(401);
    expect((await api('v1/commands?wait=1', { token: 'not-a-credential' })).status).toBe(401);
    expect((await api('v1/events', { token: '00000000-0000-4000-8000-000000000000.abc', body: { events: [] } })).status).toBe(401);
  });

  it('delivers a queued command over the long-poll until it is acknowledged, and takes one result', async () => {
    const { credential, gatewayId } = await claimed('HW-CMD', 'CMDC-0DE2'.replace('0', 'Q'));
    const waiting = api('v1/commands?wait=10', { token: credential });
    const result = sendCommand({ id: gatewayId, accountId: null }, 'restart', {}, 10_000);
    const poll = (await (await waiting).json()) as { commands: { id: string; type: string }[] };
    expect(poll.commands).toEqual([expect.objectContaining({ type: 'restart' })]);
    const id = poll.commands[0]!.id;
    // At least once: not yet acknowledged, so delivered again.
    expect(((await (await api('v1/commands?wait=1', { token: credential })).json()) as { commands: unknown[] }).commands).toHaveLength(1);
    expect(await (await api(`v1/commands/${id}/result`, { token: credential, body: { status: 'ok', result: { restarted: true } } })).json()).toEqual({ accepted: true });
    await expect(result).resolves.toEqual({ restarted: true });
    expect(await (await api(`v1/commands/${id}/result`, { token: credential, body: { status: 'error', error: { code: 'x', message: 'late' } } })).json()).toEqual({ accepted: false, duplicate: true });
    const [cmd] = await db().select().from(gatewayCommands).where(eq(gatewayCommands.id, id));
    expect(cmd).toMatchObject({ status: 'done', result: { restarted: true } });

    // Another account's gateway cannot answer a command of this one, nor see it.
    const fabrikam = await accountByName('Fabrikam BV');
    await db().insert(accountIntegrations).values({ accountId: fabrikam.id, integrationId: 'cloudlinkGateway', version: 1 }).onConflictDoNothing();
    const other = await claimed('HW-OTHER', 'PQRS-TUVW', { account: 'Fabrikam BV', admin: EMAIL.bram });
    const next = sendCommand({ id: gatewayId, accountId: null }, 'restart', {}, 5_000).catch((e: unknown) => e);
    const mine = ((await (await api('v1/commands?wait=5', { token: credential })).json()) as { commands: { id: string }[] }).commands[0]!.id;
    expect(((await (await api('v1/commands?wait=1', { token: other.credential })).json()) as { commands: unknown[] }).commands).toEqual([]);
    const foreign = await api(`v1/commands/${mine}/result`, { token: other.credential, body: { status: 'ok', result: {} } });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: 'unknown_command' } });
    await api(`v1/commands/${mine}/result`, { token: credential, body: { status: 'ok', result: {} } });
    await next;
    const rotated = (await (await api('v1/credential/rotate', { token: credential, body: {} })).json()) as { credential: string };
    expect((await api('v1/commands?wait=1', { token: credential })).status).toBe(401);
    expect((await api('v1/commands?wait=1', { token: rotated.credential })).status).toBe(200);
    await db().delete(gateways).where(eq(gateways.id, gatewayId));
    await db().delete(gateways).where(eq(gateways.id, other.gatewayId));
  });

  it('stores each event once, keeps the newest state whatever the order, and refuses a bad batch whole', async () => {
    const { credential, gatewayId } = await claimed('HW-EVT', 'EVTS-2345');
    const account = await accountByName('Contoso Ltd');
    const line = (id: string, at: string, state: string) => ({ id, type: 'lineState', at, data: { pbxUserId: 'u-1', extension: '1001', state } });
    const newer = line('e-2', '2026-12-07T10:00:05Z', 'busy');
    const older = line('e-1', '2026-12-07T10:00:00Z', 'ringing');
    const call = { id: 'e-3', type: 'callRecord', at: '2026-12-07T10:01:00Z', data: { id: 'c-1', startedAt: '2026-12-07T10:00:00Z', durationSeconds: 42, direction: 'in', from: '+31201234567', to: '1001', pbxUserId: 'u-1' } };
    const post = (evts: unknown[]) => api('v1/events', { token: credential, body: { events: evts } });

    expect(await (await post([newer, call])).json()).toEqual({ accepted: 2, duplicates: 0 });
    expect(await (await post([older, newer, call])).json()).toEqual({ accepted: 1, duplicates: 2 });
    const [state] = await db().select().from(pbxUserStates).where(eq(pbxUserStates.accountId, account.id));
    expect(state).toMatchObject({ pbxUserId: 'u-1', lineState: 'busy', extension: '1001' });
    expect(await db().select().from(pbxCallRecords).where(eq(pbxCallRecords.accountId, account.id))).toHaveLength(1);

    const bad = await post([line('e-4', '2026-12-07T10:00:09Z', 'idle'), { id: 'e-5', type: 'lineState', at: 'yesterday', data: {} }]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request', issues: expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^events\.1/) })]) } });
    const [unchanged] = await db().select().from(pbxUserStates).where(eq(pbxUserStates.accountId, account.id));
    expect(unchanged!.lineState).toBe('busy');
    expect((await api('v1/events', { token: credential, raw: '{"events": [' })).status).toBe(400);
    const huge = JSON.stringify({ events: [line('e-6', '2026-12-07T10:00:09Z', 'idle')], pad: 'x'.repeat(1024 * 1024) });
    expect((await api('v1/events', { token: credential, raw: huge })).status).toBe(413);
    expect((await post(Array.from({ length: 501 }, (_, i) => line(`b-${i}`, '2026-12-07T10:00:09Z', 'idle')))).status).toBe(400);
    await db().delete(gateways).where(eq(gateways.id, gatewayId));
  });

  it('forgets event ids after 24 hours and finished commands after 7 days, keeping the rest', async () => {
    const { gatewayId } = await claimed('HW-PRUNE', 'PRNE-2345');
    await db().insert(gatewayEventReceipts).values([
      { gatewayId, eventId: 'old', receivedAt: new Date(Date.now() - 25 * 3600_000) },
      { gatewayId, eventId: 'new', receivedAt: new Date() },
    ]);
    const expiresAt = new Date(Date.now() + 60_000);
    const week = new Date(Date.now() - 8 * 86_400_000);
    await db().insert(gatewayCommands).values([
      { gatewayId, type: 'restart', payload: {}, status: 'done', createdAt: week, expiresAt },
      { gatewayId, type: 'restart', payload: {}, status: 'pending', createdAt: week, expiresAt },
      { gatewayId, type: 'restart', payload: {}, status: 'done', expiresAt },
    ]);
    expect(await pruneGatewayData()).toEqual({ receipts: 1, commands: 1 });
    expect((await db().select().from(gatewayEventReceipts).where(eq(gatewayEventReceipts.gatewayId, gatewayId))).map((r) => r.eventId)).toEqual(['new']);
    expect(await db().select().from(gatewayCommands).where(eq(gatewayCommands.gatewayId, gatewayId))).toHaveLength(2);
  });
});
