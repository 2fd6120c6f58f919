import { writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import os from 'node:os';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, mailOutbox, samlRequests, ssoConnections } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { configureSso } from '@/lib/sso/configure-sso';
import { consumeSamlResponse } from '@/lib/sso/consume-response';
import { readTestResult } from '@/lib/sso/read-test-result';
import { spMetadataFor } from '@/lib/sso/metadata';
import { ssoSignInFor } from '@/lib/sso/sign-in-method';
import { startSsoLogin } from '@/lib/sso/start-login';
import { redeemSsoTicket } from '@/lib/sso/tickets';
import { startSamlIdp } from '../../../simulators/saml-idp/index.mjs';
import { accountByName, actorFor, DEMO_PASSWORD, EMAIL, seed, userByEmail } from '../helpers';
import { postedForm, ssoAccount, type Idp } from './fixtures';

// SSO-1..3 and AUTH-4: the sign-in journeys through a real IdP process, Test connection, and who
// may still use a password.
let idp: Idp;
let accountId: string;
beforeAll(async () => {
  await seed();
  idp = await startSamlIdp({ engine: 'auth0' });
  accountId = (await ssoAccount(idp)).account.id;
});
afterAll(() => idp.stop());

const hiddenFields = (html: string) => new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"')]));

/** The browser's part of an SP-initiated sign-in: follow the redirect, submit the IdP's form, post to the ACS. */
async function spInitiated(purpose: 'login' | 'test', email: string) {
  const { url, requestId } = await startSsoLogin(accountId, { purpose, loginHint: email });
  const page = await (await fetch(url)).text();
  expect(page).toContain(`value="${email}"`);
  const form = hiddenFields(page);
  form.set('email', email);
  const posted = await (await fetch(`${idp.url}/sso/sign-in`, { method: 'POST', body: form })).text();
  const { action, samlResponse } = postedForm(posted);
  expect(action).toMatch(new RegExp(`/api/sso/${accountId}/acs$`));
  return { requestId, outcome: await consumeSamlResponse(accountId, samlResponse) };
}

describe('signing in (SSO-2)', () => {
  it('SP-initiated: the IdP answers our request and the ticket becomes the user once', async () => {
    const { outcome } = await spInitiated('login', EMAIL.uma);
    expect(outcome.kind).toBe('signedIn');
    if (outcome.kind !== 'signedIn') return;
    const uma = await userByEmail(EMAIL.uma);
    expect(await redeemSsoTicket(db(), outcome.ticket)).toBe(uma.id);
    expect(await redeemSsoTicket(db(), outcome.ticket)).toBeNull();
  });

  it('IdP-initiated: the unsolicited response from the IdP page signs the user in', async () => {
    const sp = (await ssoAccount(idp)).sp;
    const html = await (await fetch(`${idp.url}/idp-initiated?sp=${encodeURIComponent(sp.entityId)}&acs=${encodeURIComponent(sp.acsUrl)}&email=${encodeURIComponent(EMAIL.alice)}`)).text();
    const outcome = await consumeSamlResponse(accountId, postedForm(html).samlResponse);
    expect(outcome.kind).toBe('signedIn');
  });

  it('the e-mail decides: SSO users, admins who may fall back to a password, and "Mitel credentials"', async () => {
    expect(await ssoSignInFor(db(), EMAIL.uma)).toEqual({ accountId, passwordAllowed: false });
    expect(await ssoSignInFor(db(), EMAIL.alice)).toEqual({ accountId, passwordAllowed: true });
    expect(await ssoSignInFor(db(), EMAIL.bram)).toBeNull();
    expect(await verifyCredentials({ email: EMAIL.uma, password: DEMO_PASSWORD }, 'test')).toEqual({ ok: false, reason: 'ssoRequired' });
    expect((await verifyCredentials({ email: EMAIL.alice, password: DEMO_PASSWORD }, 'test')).ok).toBe(true);
    await ssoAccount(idp, 'Contoso Ltd', { mitelCredentials: true });
    expect((await verifyCredentials({ email: EMAIL.uma, password: DEMO_PASSWORD }, 'test')).ok).toBe(true);
    await ssoAccount(idp);
  });

  it('AUTH-4: password resets of SSO-only users are deferred to the IdP (no mail)', async () => {
    const { requestPasswordReset } = await import('@/lib/auth/request-password-reset');
    const before = await db().select().from(mailOutbox).where(and(eq(mailOutbox.toAddress, EMAIL.uma), eq(mailOutbox.template, 'reset')));
    await requestPasswordReset({ email: EMAIL.uma });
    const after = await db().select().from(mailOutbox).where(and(eq(mailOutbox.toAddress, EMAIL.uma), eq(mailOutbox.template, 'reset')));
    expect(after.length).toBe(before.length);
    await requestPasswordReset({ email: EMAIL.alice });
    expect((await db().select().from(mailOutbox).where(and(eq(mailOutbox.toAddress, EMAIL.alice), eq(mailOutbox.template, 'reset')))).length).toBeGreaterThan(0);
  });
});

describe('Test connection (Beyond SSO-3)', () => {
  it('reports success with the signed-in e-mail without signing anyone in', async () => {
    const { requestId, outcome } = await spInitiated('test', EMAIL.uma);
    expect(outcome).toEqual({ kind: 'tested', requestId });
    const admin = await actorFor(EMAIL.alice);
    expect(await readTestResult(admin, requestId)).toEqual({ accountId, result: { ok: true, check: null, detail: null, email: EMAIL.uma } });
  });

  it('names the failing check when the configured certificate is wrong', async () => {
    await ssoAccount(idp, 'Contoso Ltd', { certificates: idp.otherCertificate });
    const { requestId, outcome } = await spInitiated('test', EMAIL.uma);
    expect(outcome).toMatchObject({ kind: 'refused', check: 'certificate', testRequestId: requestId });
    const { result } = await readTestResult(await actorFor(EMAIL.alice), requestId);
    expect(result).toMatchObject({ ok: false, check: 'certificate' });
    // Another account's admin cannot read it.
    await expect(readTestResult(await actorFor(EMAIL.bram), requestId)).rejects.toThrow();
    await ssoAccount(idp);
    const [row] = await db().select().from(samlRequests).where(eq(samlRequests.id, requestId));
    expect(row!.consumedAt).not.toBeNull();
  });
});

describe('configuring (SSO-1, SSO-3)', () => {
  it('refuses a bad PEM, text around certificates and the other SSO integration', async () => {
    const ctx = { actor: await actorFor(EMAIL.alice) };
    const base = { accountId, integrationId: 'singleSignOn', idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, mitelCredentials: false };
    await expect(configureSso({ ctx, input: { ...base, certificates: '-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----' } })).rejects.toMatchObject({ fieldErrors: { certificates: ['sso.errors.certificateInvalid'] } });
    await expect(configureSso({ ctx, input: { ...base, certificates: `hello\n${idp.certificate}` } })).rejects.toMatchObject({ fieldErrors: { certificates: ['sso.errors.certificateText'] } });
    await expect(configureSso({ ctx, input: { ...base, ssoUrl: 'javascript:alert(1)', certificates: idp.certificate } })).rejects.toMatchObject({ fieldErrors: { ssoUrl: ['sso.errors.url'] } });
    const { addAccountIntegration } = await import('@/lib/integrations/add-integration');
    await addAccountIntegration({ ctx, input: { accountId, integrationId: 'azureAdSingleSignOn' } }).catch(() => undefined);
    await expect(configureSso({ ctx, input: { ...base, integrationId: 'azureAdSingleSignOn', certificates: idp.certificate } })).rejects.toMatchObject({ messageKey: 'sso.errors.otherConnection' });
  });

  it('accepts several certificates pasted one after another (key rollover) and verifies with either', async () => {
    const ctx = { actor: await actorFor(EMAIL.alice) };
    const { certificates } = await configureSso({ ctx, input: { accountId, integrationId: 'singleSignOn', idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, certificates: `${idp.otherCertificate}\n${idp.certificate}` } });
    expect(certificates).toHaveLength(2);
    expect(certificates[0]!.subject).toContain('CN=');
    const sp = (await db().select().from(ssoConnections).where(eq(ssoConnections.accountId, accountId)))[0]!;
    expect(sp.certificates).toHaveLength(2);
    const { outcome } = await spInitiated('login', EMAIL.uma);
    expect(outcome.kind).toBe('signedIn');
  });

  it('serves SP metadata naming our entity id and ACS', async () => {
    const xml = await spMetadataFor(accountId);
    expect(xml).toContain(`entityID="http://localhost:3000/api/sso/${accountId}/metadata"`);
    expect(xml).toContain(`Location="http://localhost:3000/api/sso/${accountId}/acs"`);
    expect(await spMetadataFor((await accountByName('Fabrikam BV')).id)).toBeNull();
  });
});

describe('npm run admin -- saml / scim-keys', () => {
  const run = promisify(execFile);
  const admin = (...args: string[]) => run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/admin.ts', ...args], { env: { ...process.env } });

  it('configures SAML as the dialog does, as "System", and refuses unknown accounts clearly', async () => {
    const cert = path.join(os.tmpdir(), `idp-${process.pid}.pem`);
    writeFileSync(cert, idp.certificate);
    const { stdout } = await admin('saml', '--account', 'Fabrikam BV', '--entity-id', idp.entityId, '--sso-url', idp.ssoUrl, '--cert', cert);
    const printed = JSON.parse(stdout.trim().split('\n').at(-1)!) as { integrationId: string; certificates: unknown[] };
    expect(printed).toMatchObject({ integrationId: 'singleSignOn' });
    const fabrikam = await accountByName('Fabrikam BV');
    const [event] = await db().select().from(events).where(and(eq(events.accountId, fabrikam.id), eq(events.asset, 'Integration'))).orderBy(desc(events.occurredAt)).limit(1);
    expect(event!.actorName).toBe('System');
    await expect(admin('saml', '--account', 'Nobody Inc', '--entity-id', 'x', '--sso-url', 'https://x', '--cert', cert)).rejects.toMatchObject({ stderr: expect.stringContaining('no account is named "Nobody Inc"') });
  });

  it('generates SCIM keys and prints {url, token}', async () => {
    const { stdout } = await admin('scim-keys', '--account', 'Fabrikam BV');
    const printed = JSON.parse(stdout.trim().split('\n').at(-1)!) as { url: string; token: string };
    const fabrikam = await accountByName('Fabrikam BV');
    expect(printed.url).toMatch(new RegExp(`/scim/v2/${fabrikam.id}$`));
    expect(printed.token).toMatch(/^scim_/);
  });
});



describe('the assertion consumer route (SSO-2)', () => {
  const post = async (body: string) => {
    const { POST } = await import('@/app/api/sso/[accountId]/acs/route');
    return POST(new Request(`http://localhost:3000/api/sso/${accountId}/acs`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body }), { params: Promise.resolve({ accountId }) });
  };

  it('hands a verified sign-in over as an HttpOnly single-use ticket cookie and a redirect', async () => {
    const sp = (await ssoAccount(idp)).sp;
    const { samlResponse } = await idp.mint({ email: EMAIL.uma, audience: sp.entityId, recipient: sp.acsUrl });
    const res = await post(new URLSearchParams({ SAMLResponse: samlResponse }).toString());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://localhost:3000/sso/complete');
    expect(res.headers.get('set-cookie')).toMatch(/^sso_ticket=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=120$/);
  });

  it('answers a refusal and an oversized post with the plain refusal page, naming only the kind', async () => {
    const refused = await post('SAMLResponse=bm90LXhtbA%3D%3D');
    expect(refused.headers.get('location')).toMatch(/\/sso\/refused\?check=malformed&ref=\d+$/);
    const huge = await post(`SAMLResponse=${'A'.repeat(600_000)}`);
    expect(huge.status).toBe(303);
    expect(huge.headers.get('location')).toMatch(/\/sso\/refused\?check=size/);
  });
});
