import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { notifications, samlAssertions, scimActivity, ssoLoginLog } from '@/db/schema';
import { pruneSsoData, warnExpiringCertificates } from '@/lib/sso/maintenance';
import { startSamlIdp } from '../../../simulators/saml-idp/index.mjs';
import { listAccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { actorFor, EMAIL, seed, userByEmail } from '../helpers';
import { ssoAccount, type Idp } from './fixtures';

// Beyond SSO-3 (certificate expiry warnings) and the 30-day retention of the identity logs.
let idp: Idp;
beforeAll(async () => {
  await seed();
  idp = await startSamlIdp({ engine: 'samlify', certificateValidDays: 10 });
});
afterAll(() => idp.stop());

describe('certificate expiry warnings', () => {
  it("notify the account's admins and the partner's admins once per certificate end", async () => {
    const { account } = await ssoAccount(idp);
    expect(await warnExpiringCertificates()).toBeGreaterThan(0);
    const alice = await userByEmail(EMAIL.alice);
    const partner = await userByEmail(EMAIL.partner);
    const uma = await userByEmail(EMAIL.uma);
    const sent = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.titleKey, 'sso.notifications.certificateExpiring'), inArray(notifications.userId, [alice.id, partner.id, uma.id])));
    expect(sent.map((n) => n.userId).sort()).toEqual([alice.id, partner.id].sort());
    expect(sent[0]!.params).toMatchObject({ account: 'Contoso Ltd' });
    expect(sent[0]!.accountId).toBe(account.id);
    // The integration row says so too.
    const { integrations } = await listAccountIntegrations({ ctx: { actor: await actorFor(EMAIL.alice) }, input: { accountId: account.id } });
    expect(integrations.find((i) => i.integrationId === 'singleSignOn')!.certificate).toMatchObject({ state: 'expiring' });
    // The next tick does not repeat it; saving new certificates re-arms it.
    expect(await warnExpiringCertificates()).toBe(0);
    await ssoAccount(idp);
    expect(await warnExpiringCertificates()).toBeGreaterThan(0);
  });
});

describe('retention', () => {
  it('drops expired assertion ids and log lines older than 30 days, keeps the rest', async () => {
    const { account } = await ssoAccount(idp);
    const old = new Date(Date.now() - 31 * 86_400_000);
    await db().insert(samlAssertions).values([
      { accountId: account.id, assertionId: '_gone', expiresAt: new Date(Date.now() - 1000) },
      { accountId: account.id, assertionId: '_kept', expiresAt: new Date(Date.now() + 60_000) },
    ]);
    await db().insert(ssoLoginLog).values([
      { accountId: account.id, ok: true, flow: 'sp', at: old },
      { accountId: account.id, ok: true, flow: 'sp' },
    ]);
    await db().insert(scimActivity).values([
      { accountId: account.id, method: 'GET', operation: 'list', path: '/x', status: 200, at: old },
      { accountId: account.id, method: 'GET', operation: 'list', path: '/y', status: 200 },
    ]);
    await pruneSsoData();
    expect((await db().select().from(samlAssertions).where(eq(samlAssertions.accountId, account.id))).map((r) => r.assertionId)).toEqual(['_kept']);
    expect(await db().select().from(ssoLoginLog).where(eq(ssoLoginLog.accountId, account.id))).toHaveLength(1);
    expect((await db().select().from(scimActivity).where(eq(scimActivity.accountId, account.id))).map((r) => r.path)).toEqual(['/y']);
  });
});
