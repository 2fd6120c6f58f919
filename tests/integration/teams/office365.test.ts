import { O365 } from './office365-env';
import { Agent, fetch } from 'undici';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, events, o365Consents } from '@/db/schema';
import { completeConsent } from '@/lib/office365/complete-consent';
import { consentRedirectUri, createConsentLink } from '@/lib/office365/consent-link';
import { enableOffice365 } from '@/lib/office365/enable-office365';
import { readO365Consent } from '@/lib/office365/read-consent';
import type { StartedGraphEmulator } from '../../../simulators/graph/index.mjs';
import { accountByName, actorFor, EMAIL, seed } from '../helpers';
import { startGraph } from './graph-fixture';

let graph: StartedGraphEmulator;
let customer: string;
let agent: Agent;
let accountId: string;

beforeAll(async () => {
  await seed();
  ({ graph, tenantId: customer } = await startGraph());
  agent = new Agent({ connect: { ca: graph.ca } });
  const { tenantId: publisher } = graph.control.createTenant({ domain: 'portal-publisher.example' });
  graph.control.createApp(publisher, { appId: O365.clientId, multiTenant: true, permissions: { application: ['User.Read.All', 'Calendars.Read'] }, redirectUris: [consentRedirectUri()], secrets: [{ value: O365.clientSecret }] });
  graph.control.createUsers(customer, { users: [{ userPrincipalName: 'o365.admin@contoso.example', password: 'Adm1n-pass!', isAdmin: true }, { userPrincipalName: 'plain.user@contoso.example', password: 'Us3r-pass!' }] });
  accountId = (await accountByName('Contoso Ltd')).id;
  await db().insert(accountIntegrations).values({ accountId, integrationId: 'office365', version: 1 });
});
afterAll(async () => {
  await agent?.close();
  await graph?.close();
});

/** Signs in at the emulator's consent page as a browser would; returns where Microsoft sends the browser back. */
async function consentAs(link: string, username: string, password: string, action: 'accept' | 'cancel' | 'return' = 'accept'): Promise<URL> {
  const at = new URL(link);
  const post = async (form: URLSearchParams) => {
    const res = await fetch(new URL(at.pathname, at), { method: 'POST', dispatcher: agent, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    return { location: res.headers.get('location'), html: await res.text() };
  };
  const signedIn = await post(new URLSearchParams([...at.searchParams, ['username', username], ['password', password]]));
  if (signedIn.location) return new URL(signedIn.location, at);
  const flow = /name="flow" value="([^"]+)"/.exec(signedIn.html)?.[1];
  const decided = await post(new URLSearchParams({ flow: flow!, action }));
  if (decided.location) return new URL(decided.location, at);
  // A non-admin only has "Return to the application without consenting", a link.
  const back = /href="([^"]*error=access_denied[^"]*)"/.exec(decided.html)?.[1] ?? /href="([^"]*error=access_denied[^"]*)"/.exec(signedIn.html)?.[1];
  return new URL(back!.replaceAll('&amp;', '&'), at);
}

describe('Office 365 consent (O365-1, O365-2)', () => {
  it('"Authorize on Azure" by an Office 365 admin: confirmed with Azure, then "Done and enable"', async () => {
    const ctx = { actor: await actorFor(EMAIL.alice) };
    await expect(enableOffice365({ ctx, input: { accountId } })).rejects.toMatchObject({ messageKey: 'office365.errors.noConsent' });
    const { url } = await createConsentLink({ ctx, input: { accountId } });
    expect(url).toContain(`client_id=${O365.clientId}`);
    const back = await consentAs(url, 'o365.admin@contoso.example', 'Adm1n-pass!');
    expect(back.origin + back.pathname).toBe(consentRedirectUri());
    expect(await completeConsent(back.searchParams)).toEqual({ outcome: 'succeeded', accountId });
    expect(await readO365Consent(ctx.actor, accountId)).toMatchObject({ available: true, state: 'succeeded', tenantId: customer });
    // The link was used up: a replay changes nothing.
    expect(await completeConsent(back.searchParams)).toEqual({ outcome: 'invalid', accountId: null });
    await enableOffice365({ ctx, input: { accountId } });
    const [row] = await db().select().from(accountIntegrations).where(eq(accountIntegrations.accountId, accountId));
    expect(row).toBeDefined();
    const audit = await db().select().from(events).where(eq(events.accountId, accountId));
    expect(audit.some((e) => JSON.stringify(e).includes('"consent":"succeeded"'))).toBe(true);
  });

  it('someone without admin rights: failed, with the reason; a forged "admin_consent=True" for a tenant that never consented is not believed', async () => {
    const ctx = { actor: await actorFor(EMAIL.alice) };
    const { url } = await createConsentLink({ ctx, input: { accountId } });
    const back = await consentAs(url, 'plain.user@contoso.example', 'Us3r-pass!', 'return');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect((await completeConsent(back.searchParams)).outcome).toBe('failed');
    expect((await readO365Consent(ctx.actor, accountId)).state).toBe('failed');

    const { tenantId: other } = graph.control.createTenant({ domain: 'never-consented.example' });
    const forged = new URL((await createConsentLink({ ctx, input: { accountId } })).url);
    const state = forged.searchParams.get('state')!;
    expect((await completeConsent(new URLSearchParams({ admin_consent: 'True', tenant: other, state }))).outcome).toBe('failed');
    const [consent] = await db().select().from(o365Consents).where(eq(o365Consents.accountId, accountId));
    expect(consent).toMatchObject({ state: 'failed', detail: 'notGranted' });
    await expect(enableOffice365({ ctx, input: { accountId } })).rejects.toMatchObject({ messageKey: 'office365.errors.noConsent' });
  });

  it('another account cannot ask for a link or read the consent', async () => {
    const bram = await actorFor(EMAIL.bram);
    await expect(createConsentLink({ ctx: { actor: bram }, input: { accountId } })).rejects.toMatchObject({ status: 404 });
    await expect(readO365Consent(bram, accountId)).rejects.toMatchObject({ status: 404 });
  });
});
