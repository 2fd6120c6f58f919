import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graph, GraphError, MONITOR_SCOPES, type PresenceWrite } from '@/lib/adapters/graph';
import { calls, startHarness, tenant, webhook, type Harness } from './emulator';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.ctl('DELETE', '/faults');
});

/** The GraphError a call fails with (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<GraphError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(e)}`);
  return e;
}
const kindOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof GraphError ? e.kind : String(e)));
const sets = (ids: string[]): PresenceWrite[] => ids.map((userId) => ({ userId, action: { kind: 'set', availability: 'Busy', activity: 'InACall', expirationDuration: 'PT10M' } }));
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

describe('tokens and consent', () => {
  it('names each credential failure', async () => {
    const t = await tenant(h);
    const expired = await tenant(h, { secretEnd: new Date(Date.now() - 86_400_000).toISOString() });
    expect(await kindOf(graph.appToken({ ...t.app, tenantId: '00000000-0000-4000-8000-00000000dead' }))).toBe('tenantNotFound');
    expect(await kindOf(graph.appToken({ ...t.app, clientId: '00000000-0000-4000-8000-00000000beef' }))).toBe('clientNotFound');
    expect(await kindOf(graph.appToken({ ...t.app, clientSecret: 'not-the-secret' }))).toBe('invalidSecret');
    expect(await kindOf(graph.appToken(expired.app))).toBe('secretExpired');
    const e = await failure(graph.appToken({ ...t.app, clientSecret: 'not-the-secret' }));
    expect(e).toMatchObject({ status: 401, code: 'AADSTS7000215' });
    expect(e.message).toMatch(/^AADSTS7000215: Invalid client secret provided/);
    expect(e.message).not.toContain('not-the-secret');
    const ok = await graph.appToken(t.app); // the right secret after a wrong one: the cache is per secret
    expect(ok.roles.sort()).toEqual(['Presence.Read.All', 'Presence.ReadWrite.All', 'User.Read.All']);
    expect(ok.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('says consentMissing without admin consent or a permission, and application() is null without Application.Read.All', async () => {
    const unconsented = await tenant(h, { users: 2, consented: false });
    expect((await graph.appToken(unconsented.app)).roles).toEqual([]);
    expect(await kindOf(graph.writePresences(unconsented.app, sets(unconsented.users.map((u) => u.id))))).toBe('consentMissing');
    expect(await kindOf(graph.listUsers(unconsented.app))).toBe('consentMissing');
    expect(await graph.application(unconsented.app)).toBeNull();

    const withApp = await tenant(h, { application: ['User.Read.All', 'Application.Read.All'] });
    const reg = await graph.application(withApp.app);
    expect(reg?.displayName).toBe('Presence connector');
    expect(reg?.secrets).toHaveLength(1);
    expect(reg?.secrets[0]?.endDateTime).toMatch(/^\d{4}-/);
    expect(await kindOf(graph.getPresences(withApp.app, ['x']))).toBe('consentMissing');
  });
});

describe('directory', () => {
  it('lists every user, 999 a page', async () => {
    const t = await tenant(h, { users: 2100 });
    const pages: number[] = [];
    const users = await graph.listUsers(t.app, (page) => pages.push(page.length));
    expect(pages).toEqual([999, 999, 102]);
    expect(new Set(users.map((u) => u.id)).size).toBe(2100);
    expect(users[0]).toMatchObject({ id: expect.any(String), userPrincipalName: expect.stringContaining('@'), mail: expect.any(String) });
  });
});

describe('presence writes', () => {
  it('writes 1,000 users in 50 batches, each user once', async () => {
    const t = await tenant(h, { users: 1000 });
    const t0 = performance.now();
    const results = await graph.writePresences(t.app, sets(t.users.map((u) => u.id)));
    console.info(`[graph] 1,000 presence writes: ${seconds(t0)} s`);
    expect(results.every((r) => r.ok && r.status === 200)).toBe(true);
    const inner = await calls(h, t.tenantId, 'setPresence');
    expect(inner).toHaveLength(1000);
    expect(new Set(inner.map((c) => c.userId)).size).toBe(1000);
    expect((await calls(h, t.tenantId, 'batch')).length).toBe(50);
    expect((await calls(h, t.tenantId, 'token')).length).toBe(1); // one token for all 50 batches
    const p = await h.ctl<{ availability: string; sessions: { sessionId: string }[] }>('GET', `/tenants/${t.tenantId}/users/${t.users[7]!.id}/presence`);
    expect(p.sessions[0]?.sessionId).toBe(t.app.clientId);

    const clears = await graph.writePresences(t.app, [{ userId: t.users[0]!.id, action: { kind: 'clear' } }, { userId: t.users[0]!.id, action: { kind: 'clear' } }]);
    expect(clears.map((r) => r.ok && r.status).sort()).toEqual([200, 404]); // the second found no session: done too
    expect(await graph.clearPresence(t.app, t.users[1]!.id)).toBe('cleared');
    expect(await graph.clearPresence(t.app, t.users[1]!.id)).toBe('none');
    const bad = await graph.writePresences(t.app, [{ userId: t.users[2]!.id, action: { kind: 'set', availability: 'Busy', activity: 'Dancing', expirationDuration: 'PT10M' } }, ...sets([t.users[3]!.id])]);
    expect(bad[0]).toMatchObject({ ok: false, error: { kind: 'invalidRequest', status: 400 } });
    expect(bad[1]).toMatchObject({ ok: true });
  });

  it('rides out a throttle storm on the inner requests without writing anyone twice', async () => {
    const t = await tenant(h, { users: 1000 });
    await h.ctl('POST', '/faults', { kind: 'throttle', tenant: t.tenantId, op: 'setPresence', count: 30, retryAfterSeconds: 1 });
    const t0 = performance.now();
    const results = await graph.writePresences(t.app, sets(t.users.map((u) => u.id)));
    console.info(`[graph] 1,000 writes with 30 inner 429s: ${seconds(t0)} s`);
    expect(results.every((r) => r.ok)).toBe(true);
    const inner = await calls(h, t.tenantId, 'setPresence');
    expect(inner.filter((c) => c.status === 429)).toHaveLength(30);
    const done = inner.filter((c) => c.status === 200);
    expect(done).toHaveLength(1000);
    expect(new Set(done.map((c) => c.userId)).size).toBe(1000);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1000); // the tenant waited the Retry-After
  });

  it('waits tenant-wide when whole $batch requests are throttled', async () => {
    const t = await tenant(h, { users: 100 });
    await h.ctl('POST', '/faults', { kind: 'throttle', tenant: t.tenantId, op: 'batch', count: 12, retryAfterSeconds: 1 });
    const t0 = performance.now();
    const results = await graph.writePresences(t.app, sets(t.users.map((u) => u.id)));
    console.info(`[graph] 100 writes with 12 throttled batches: ${seconds(t0)} s`);
    expect(results.every((r) => r.ok)).toBe(true);
    const batches = await calls(h, t.tenantId, 'batch');
    expect(batches.filter((c) => c.status === 429)).toHaveLength(12);
    expect(batches.filter((c) => c.status === 200)).toHaveLength(5);
    expect((await calls(h, t.tenantId, 'setPresence')).length).toBe(100);
  }, 60_000);

  it('retries 5xx of batches and of single inner requests', async () => {
    const t = await tenant(h, { users: 60 });
    await h.ctl('POST', '/faults', { kind: 'error', status: 503, tenant: t.tenantId, op: 'batch', count: 2 });
    await h.ctl('POST', '/faults', { kind: 'error', status: 500, tenant: t.tenantId, op: 'setPresence', count: 5 });
    const results = await graph.writePresences(t.app, sets(t.users.map((u) => u.id)));
    expect(results.every((r) => r.ok)).toBe(true);
    const inner = await calls(h, t.tenantId, 'setPresence');
    expect(inner.filter((c) => c.status === 500)).toHaveLength(5);
    expect(new Set(inner.filter((c) => c.status === 200).map((c) => c.userId)).size).toBe(60);
    expect((await calls(h, t.tenantId, 'batch')).filter((c) => c.status === 503)).toHaveLength(2);
  });

  it('gives up with `unavailable` and a retryAfterMs when the errors do not stop', async () => {
    const t = await tenant(h, { users: 3 });
    await h.ctl('POST', '/faults', { kind: 'error', status: 503, tenant: t.tenantId, op: 'setPresence' });
    const results = await graph.writePresences(t.app, sets(t.users.map((u) => u.id)), { maxAttempts: 3 });
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { kind: 'unavailable', status: 503, retryAfterMs: expect.any(Number) } });
    expect((await calls(h, t.tenantId, 'setPresence')).length).toBe(9);
  });

  it('comes back after Graph was down for 2 s', async () => {
    const t = await tenant(h, { users: 40 });
    await graph.appToken(t.app);
    await h.ctl('POST', '/faults', { kind: 'down', durationMs: 2000 });
    const t0 = performance.now();
    const results = await graph.writePresences(t.app, sets(t.users.map((u) => u.id)));
    console.info(`[graph] 40 writes across a 2 s outage: ${seconds(t0)} s`);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1900);
    expect((await graph.getPresences(t.app, [t.users[0]!.id]))[0]).toMatchObject({ availability: 'Busy', activity: 'InACall' });
  });
});

describe('presence reads', () => {
  it('reads 1,300 users in two getPresencesByUserId requests', async () => {
    const t = await tenant(h, { users: 1300 });
    const ids = t.users.map((u) => u.id);
    await graph.setPresence(t.app, ids[5]!, 'DoNotDisturb', 'Presenting', 'PT5M');
    const presences = await graph.getPresences(t.app, ids);
    expect(presences).toHaveLength(1300);
    expect(presences.find((p) => p.id === ids[5])).toMatchObject({ availability: 'DoNotDisturb', activity: 'Presenting' });
    expect(await calls(h, t.tenantId, 'getPresencesByUserId')).toHaveLength(2);
  });
});

describe('presence monitors (delegated)', () => {
  it('signs in, subscribes, renews, deletes; a changed password ends the refresh', async () => {
    const t = await tenant(h, { users: 5 });
    const upn = `monitor@${t.users[0]!.userPrincipalName.split('@')[1]}`;
    const [monitor] = (await h.ctl<{ users: { id: string }[] }>('POST', `/tenants/${t.tenantId}/users`, { users: [{ userPrincipalName: upn, password: 'M0nitor!pass' }] })).users;
    const creds = { tenantId: t.tenantId, clientId: t.app.clientId, clientSecret: t.app.clientSecret };
    expect(await kindOf(graph.monitorSignIn({ ...creds, username: upn, password: 'wrong', scopes: [...MONITOR_SCOPES] }))).toBe('invalidGrant');
    const token = await graph.monitorSignIn({ ...creds, username: upn, password: 'M0nitor!pass', scopes: [...MONITOR_SCOPES] });
    expect(token).toMatchObject({ tenantId: t.tenantId, clientId: t.app.clientId, userId: monitor!.id, upn });
    expect(token.refreshToken).toBeTruthy();

    const hook = await webhook();
    try {
      const ids = t.users.map((u) => u.id);
      const sub = await graph.createPresenceSubscription(token, {
        userIds: ids,
        notificationUrl: `${hook.url}/notify`,
        lifecycleNotificationUrl: `${hook.url}/lifecycle`,
        clientState: 'state-1',
        expirationDateTime: new Date(Date.now() + 30 * 60_000),
      });
      const listed = await h.ctl<{ id: string; ids: string[] }[]>('GET', '/subscriptions');
      expect(listed.find((s) => s.id === sub.id)?.ids.sort()).toEqual([...ids].sort());
      await graph.setPresence(t.app, ids[0]!, 'Busy', 'InACall', 'PT5M');
      await expect.poll(() => hook.received.length, { timeout: 3000 }).toBeGreaterThan(0);
      expect(JSON.stringify(hook.received[0])).toContain('state-1');
      expect(await graph.getPresences(token, [ids[0]!])).toEqual([{ id: ids[0], availability: 'Busy', activity: 'InACall' }]);

      const until = new Date(Date.now() + 55 * 60_000);
      const renewed = await graph.renewSubscription(token, sub.id, until);
      expect(Math.abs(renewed.expirationDateTime.getTime() - until.getTime())).toBeLessThan(1000);
      await graph.deleteSubscription(token, sub.id);
      await graph.deleteSubscription(token, sub.id); // already gone: 404 counts as deleted
      expect((await h.ctl<{ id: string }[]>('GET', '/subscriptions')).some((s) => s.id === sub.id)).toBe(false);
      expect(await kindOf(graph.createPresenceSubscription(token, { userIds: [], notificationUrl: hook.url, clientState: 'x', expirationDateTime: until }))).toBe('invalidRequest');
    } finally {
      await hook.close();
    }

    const refreshed = await graph.monitorRefresh({ ...creds, refreshToken: token.refreshToken });
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    await h.ctl('PATCH', `/tenants/${t.tenantId}/users/${monitor!.id}`, { password: 'N3w!password' });
    const e = await failure(graph.monitorRefresh({ ...creds, refreshToken: refreshed.refreshToken }));
    expect(e).toMatchObject({ kind: 'passwordChanged', code: 'AADSTS50173' });
    expect(e.message).not.toContain(refreshed.refreshToken);
  });
});
