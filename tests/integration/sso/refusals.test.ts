import { and, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, samlAssertions, ssoLoginLog, ssoTickets } from '@/db/schema';
import { consumeSamlResponse } from '@/lib/sso/consume-response';
import { startSsoLogin } from '@/lib/sso/start-login';
import { MAX_SAML_RESPONSE_CHARS } from '@/lib/sso/verify-response';
import { startSamlIdp } from '../../../simulators/saml-idp/index.mjs';
import { accountByName, EMAIL, seed } from '../helpers';
import { setUser, ssoAccount, type Engine, type Idp } from './fixtures';
import { ASSERTION_SIGNED_VARIANTS, RESPONSE_SIGNED_VARIANTS, tamperNameId, wrap } from './wrapping';

// Issue 16 "Bad input" for SAML: every refusal names its failing check in the sign-in log and
// writes nothing else (no ticket, no used assertion id), against an IdP that is auth0's samlp and
// against samlify's own.
beforeAll(seed);

const b64 = (xml: string) => Buffer.from(xml).toString('base64');
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

describe.each<Engine>(['auth0', 'samlify'])('SAML refusals against the %s IdP', (engine) => {
  let idp: Idp;
  let accountId: string;
  let sp: { entityId: string; acsUrl: string };
  let mint: (o: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    idp = await startSamlIdp({ engine });
    const configured = await ssoAccount(idp);
    accountId = configured.account.id;
    sp = configured.sp;
    await setUser(EMAIL.uma, { inactive: false, registeredAt: new Date() });
    mint = async (o) => (await idp.mint({ email: EMAIL.uma, audience: sp.entityId, recipient: sp.acsUrl, ...o })).samlResponse;
  });
  afterAll(() => idp.stop());

  async function expectRefused(samlResponse: unknown, check: string) {
    const [tickets] = await db().select({ n: count() }).from(ssoTickets);
    const outcome = await consumeSamlResponse(accountId, samlResponse);
    expect(outcome).toMatchObject({ kind: 'refused', check });
    const [last] = await db().select().from(ssoLoginLog).where(eq(ssoLoginLog.accountId, accountId)).orderBy(desc(ssoLoginLog.id)).limit(1);
    expect(last).toMatchObject({ ok: false, check });
    expect(last!.detail).toBeTruthy();
    const [after] = await db().select({ n: count() }).from(ssoTickets);
    expect(after!.n).toBe(tickets!.n);
  }

  it('accepts a valid IdP-initiated response once, and refuses its replay', async () => {
    const response = await mint({});
    const outcome = await consumeSamlResponse(accountId, response);
    expect(outcome.kind).toBe('signedIn');
    await expectRefused(response, 'replay');
  });

  it('refuses malformed XML, a document type declaration, a non-base64 body and a huge response', async () => {
    await expectRefused(b64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><unclosed>'), 'malformed');
    await expectRefused(b64('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'), 'malformed');
    await expectRefused('not base64 at all!', 'malformed');
    await expectRefused(undefined, 'malformed');
    await expectRefused('A'.repeat(MAX_SAML_RESPONSE_CHARS + 1), 'size');
  });

  it('refuses an unsigned response, a tampered one, and one re-signed with another key', async () => {
    await expectRefused(await mint({ sign: 'none' }), 'signature');
    await expectRefused(tamperNameId(await mint({}), EMAIL.alice), 'signature');
    await expectRefused(await mint({ key: 'other' }), 'certificate');
  });

  it.each([...RESPONSE_SIGNED_VARIANTS])('refuses signature wrapping %s on a signed response', async (variant) => {
    await expectRefused(wrap(await mint({ sign: 'response' }), variant, EMAIL.alice), 'wrapping');
  });

  it.each([...ASSERTION_SIGNED_VARIANTS])('refuses signature wrapping %s on a signed assertion', async (variant) => {
    await expectRefused(wrap(await mint({ sign: 'assertion' }), variant, EMAIL.alice), 'wrapping');
  });

  it('refuses a valid assertion for another audience, recipient, destination or issuer', async () => {
    await expectRefused(await mint({ audience: 'https://other-sp.example/metadata' }), 'audience');
    await expectRefused(await mint({ recipient: 'https://evil.example/acs', destination: sp.acsUrl }), 'recipient');
    await expectRefused(await mint({ destination: 'https://evil.example/acs' }), 'destination');
    await expectRefused(await mint({ issuer: 'https://evil-idp.example' }), 'issuer');
  });

  it("refuses a valid assertion for another account's service provider", async () => {
    const fabrikam = await accountByName('Fabrikam BV');
    const { sp: other } = await ssoAccount(idp, 'Fabrikam BV');
    const forFabrikam = (await idp.mint({ email: EMAIL.sanne, audience: other.entityId, recipient: other.acsUrl })).samlResponse;
    await expectRefused(forFabrikam, 'audience');
    expect(fabrikam.id).not.toBe(accountId);
  });

  it('refuses expired and not-yet-valid assertions (beyond the clock skew)', async () => {
    await expectRefused(await mint({ notBefore: minutes(-30), notOnOrAfter: minutes(-10) }), 'expired');
    await expectRefused(await mint({ notBefore: minutes(10), notOnOrAfter: minutes(20) }), 'notYetValid');
    // Within the 3 minutes of skew both ways: accepted.
    expect((await consumeSamlResponse(accountId, await mint({ notBefore: minutes(2), notOnOrAfter: minutes(8) }))).kind).toBe('signedIn');
  });

  it('refuses an InResponseTo that is unknown, of another account, or already answered', async () => {
    await expectRefused(await mint({ inResponseTo: '_never-sent' }), 'inResponseTo');
    const fabrikam = await accountByName('Fabrikam BV');
    const { requestId: otherRequest } = await startSsoLogin(fabrikam.id, { purpose: 'login' });
    await expectRefused(await mint({ inResponseTo: otherRequest }), 'inResponseTo');
    const { requestId } = await startSsoLogin(accountId, { purpose: 'login' });
    expect((await consumeSamlResponse(accountId, await mint({ inResponseTo: requestId }))).kind).toBe('signedIn');
    await expectRefused(await mint({ inResponseTo: requestId }), 'inResponseTo');
  });

  it('refuses unknown, deactivated and unregistered users, and a deactivated account', async () => {
    await expectRefused(await mint({ email: 'nobody@contoso.example' }), 'unknownUser');
    await expectRefused(await mint({ email: EMAIL.sanne }), 'unknownUser'); // a user of another account
    await setUser(EMAIL.uma, { inactive: true });
    await expectRefused(await mint({}), 'inactiveUser');
    await setUser(EMAIL.uma, { inactive: false });
    await expectRefused(await mint({ email: EMAIL.victor }), 'unregisteredUser');
    await db().update(accounts).set({ status: 'deactivated' }).where(eq(accounts.id, accountId));
    await expectRefused(await mint({}), 'accountInactive');
    await db().update(accounts).set({ status: 'active' }).where(eq(accounts.id, accountId));
    const used = await db().select({ n: count() }).from(samlAssertions).where(and(eq(samlAssertions.accountId, accountId)));
    expect(used[0]!.n).toBeGreaterThan(0);
  });
});
