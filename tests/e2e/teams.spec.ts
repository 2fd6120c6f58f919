import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { startGatewaySimulator, type GatewaySimulator } from '../../simulators/gateway/index.mjs';
import { E2E } from './env';
import { addIntegration, onboardGateway } from './gateway-onboarding';
import { fill, newAccountAdmin, seriousViolations } from './support';

/*
 * TEAMS-1, TEAMS-2, TEAMS-4, TEAMS-5, O365-1 against the Graph emulator (tests/e2e/serve.ts starts
 * it; the portal trusts its certificate): an Azure admin's Teams setup (a wrong secret named on its
 * field), Verify configuration naming the missing admin consent, Office 365 consent through the
 * Microsoft pop-up, presence sync on; a call on the PBX turns the user Busy in Teams and in the
 * sync health; 1,300 users to monitor need 2 presence monitors, the second is added and authorised.
 */
const t = en.teams;
const o = en.office365;
const m = en.integrations;
const graph = JSON.parse(readFileSync(E2E.graphFile, 'utf8')) as { url: string; controlUrl: string; tenantId: string; admin: { userPrincipalName: string; password: string } };
const USERS = 1300;

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${graph.controlUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const presenceOf = (upn: string) => control<{ availability: string }>('GET', `/tenants/${graph.tenantId}/users/${encodeURIComponent(upn)}/presence`);

async function signInAtMicrosoft(popup: Page, username: string, password: string) {
  await popup.getByLabel('Email or username').fill(username);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
}

test('an Azure admin sets up Teams presence and Office 365 consent; a PBX call turns the user Busy in Teams; 1,300 users need 2 monitors', async ({ browser }) => {
  test.setTimeout(240_000);
  const tag = `teams${Date.now().toString(36)}`;
  const domain = `${tag}.example`;
  const { page, accountId } = await newAccountAdmin(browser, { tag, language: 'en', country: 'GB', first: 'Tara', last: 'Teams', domain: 'Teamsco', context: { ignoreHTTPSErrors: true } });
  const sim: GatewaySimulator = await startGatewaySimulator({ portal: E2E.appUrl, pbx: 'mivb', users: USERS, missingEmailEvery: 0, emailDomain: domain, stateFile: null, controlPort: null, claimPollMs: 250, pollWait: 5, flushMs: 50, hardwareId: `SIM-E2E-${tag}` });
  try {
    // The Azure side: every PBX user is an Azure user; the app is registered but not yet consented.
    await control('POST', `/tenants/${graph.tenantId}/users`, { users: sim.users().map((u) => ({ userPrincipalName: u.email })) });
    const app = await control<{ appId: string; secrets: { value: string }[] }>('POST', `/tenants/${graph.tenantId}/apps`, {
      displayName: `Presence ${tag}`,
      permissions: { application: ['Presence.ReadWrite.All', 'User.Read.All', 'Application.Read.All'], delegated: ['User.Read', 'User.Read.All', 'Presence.Read', 'Presence.Read.All', 'Subscription.Read.All', 'offline_access', 'openid', 'profile', 'email'] },
      consented: false,
    });
    await onboardGateway(page, accountId, sim, 'MiVoice Business');
    await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });

    await test.step('TEAMS-1 Finish setup: a wrong secret is named on its field, the right one saves', async () => {
      await addIntegration(page, m.names.teams, 'thirdParty');
      const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: m.names.teams, exact: true }) });
      await row.getByRole('button', { name: m.status.finishSetup }).click();
      const dialog = page.getByRole('dialog', { name: t.setup.title });
      await dialog.getByLabel(t.setup.name).fill('CloudLink presence');
      await dialog.getByLabel(t.setup.tenantId).fill(graph.tenantId);
      await dialog.getByLabel(t.setup.clientId).fill(app.appId);
      await dialog.getByLabel(t.setup.clientSecret).fill('the-secret-id-not-its-value');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog.getByText(t.errors.secretInvalid)).toBeVisible({ timeout: 15_000 });
      await dialog.getByLabel(t.setup.clientSecret).fill(app.secrets[0]!.value);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden({ timeout: 15_000 });
    });

    await test.step('TEAMS-5 Verify configuration names the missing admin consent', async () => {
      await page.getByRole('button', { name: t.verify.open }).click();
      const verify = page.getByRole('dialog', { name: t.verify.title });
      await verify.getByRole('button', { name: t.verify.start }).click();
      const results = verify.getByRole('list', { name: t.verify.results });
      await expect(results).toContainText(t.verify.adminConsent.failed, { timeout: 20_000 });
      await expect(results).toContainText(t.verify.adminConsent.remedy);
      expect(await seriousViolations(page)).toEqual([]);
      // The Azure admin grants consent; verifying again shows it.
      await control('PATCH', `/tenants/${graph.tenantId}/apps/${app.appId}`, { consented: true });
      await verify.getByRole('button', { name: t.verify.start }).click();
      await expect(results).toContainText(t.verify.adminConsent.ok, { timeout: 20_000 });
      await verify.getByRole('button', { name: t.verify.done }).click();
    });

    await test.step('O365-1 "Authorize on Azure": the pop-up consents and closes; "Done and enable"', async () => {
      await addIntegration(page, m.names.office365, 'thirdParty');
      const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: m.names.office365, exact: true }) });
      await row.getByRole('button', { name: m.status.finishSetup }).click();
      const dialog = page.getByRole('dialog', { name: o.dialog.title });
      const popupOpened = page.waitForEvent('popup');
      await dialog.getByRole('button', { name: o.dialog.authorize }).click();
      const popup = await popupOpened;
      await signInAtMicrosoft(popup, graph.admin.userPrincipalName, graph.admin.password);
      await popup.getByRole('button', { name: 'Accept' }).click();
      await popup.waitForEvent('close', { timeout: 20_000 });
      await expect(dialog.getByText(o.dialog.succeeded)).toBeVisible({ timeout: 20_000 });
      await dialog.getByRole('button', { name: o.dialog.doneAndEnable }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toContainText(o.row.succeeded);
    });

    const [anna] = sim.users();
    await test.step('TEAMS-2 sync on: a call on the PBX turns the user Busy in Teams and in the sync health', async () => {
      const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: m.names.teams, exact: true }) });
      await row.getByRole('button', { name: m.features.title }).click();
      const sync = row.getByRole('switch', { name: t.features.syncToTeams });
      await sync.click();
      await expect(sync).toBeChecked();
      // Every PBX user matched; the account's own admin is not in Azure.
      await expect(row).toContainText(fill(t.features.figures_other, { count: USERS, unmatched: 1, pending: 0, failing: 0 }), { timeout: 30_000 });
      sim.emit({ type: 'lineState', pbxUserId: anna!.pbxUserId, state: 'busy' });
      await expect.poll(async () => (await presenceOf(anna!.email!)).availability, { timeout: 10_000 }).toBe('Busy');
      await row.getByRole('link', { name: t.features.health }).click();
      await expect(page.getByRole('heading', { name: t.health.title })).toBeVisible();
      await page.getByRole('searchbox', { name: t.health.search }).fill(anna!.email!);
      const line = page.getByRole('table', { name: t.health.tableLabel }).getByRole('row').filter({ hasText: anna!.email! });
      await expect(line).toContainText(t.presences.Busy);
      await expect(line).toContainText(t.sources.phone);
      await expect(line).toContainText(t.pushed.busyInACall);
      expect(await seriousViolations(page)).toEqual([]);
    });

    await test.step('TEAMS-4: 1,300 users to monitor need 2 presence monitors; the second is added and authorised', async () => {
      const monitors = [1, 2].map((n) => ({ upn: `presence.monitor${n}@teams-e2e.example`, password: `Monitor-${n}-pass!` }));
      await control('POST', `/tenants/${graph.tenantId}/users`, { users: monitors.map((x) => ({ userPrincipalName: x.upn, password: x.password })) });
      const secrets = await Promise.all(monitors.map(() => control<{ value: string }>('POST', `/tenants/${graph.tenantId}/apps/${app.appId}/secrets`, { description: 'monitor' })));
      await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
      // MiCollab's address and password: the gateway needs them for presence in MiCollab.
      await addIntegration(page, m.names.micollab, 'mitel');
      await page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.micollab }) }).click();
      const settings = page.getByRole('dialog', { name: m.settings.title.micollab });
      await settings.getByLabel(m.micollab.address).fill('micollab.teams-e2e.example');
      await settings.getByLabel(m.micollab.password, { exact: true }).fill('mc-secret');
      await settings.getByRole('button', { name: m.settings.save }).click();
      await expect(settings).toBeHidden();

      const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: m.names.teams, exact: true }) });
      await row.getByRole('button', { name: m.features.title }).click();
      const fromTeams = row.getByRole('switch', { name: 'Sync presence from MS Teams to CloudLink' });
      await fromTeams.click();
      await expect(fromTeams).toBeChecked();
      await row.getByRole('button', { name: 'Presence monitors' }).click();
      const dialog = page.getByRole('dialog', { name: 'MS Teams to CloudLink Presence Configuration' });
      const figures = dialog.getByRole('list', { name: 'Presence monitoring' });
      await expect(figures).toContainText(`Users to monitor: ${USERS}`);
      await expect(figures).toContainText('Monitors needed: 2');
      await expect(figures).toContainText('Missing monitors: 2');
      for (const [i, mon] of monitors.entries()) {
        const form = dialog.getByRole('form', { name: 'Add monitor' });
        await form.getByLabel('User name').fill(mon.upn);
        await form.getByLabel('Client secret (value)').fill(secrets[i]!.value);
        await form.getByRole('button', { name: 'Authorize now' }).click();
        await dialog.getByLabel(`Password of ${mon.upn}`).fill(mon.password);
        await dialog.getByRole('button', { name: 'Authorize', exact: true }).click();
        await expect(dialog.getByText(`${mon.upn} is authorized`)).toBeVisible({ timeout: 20_000 });
        await expect(figures).toContainText(i === 0 ? 'Missing monitors: 1' : 'Monitors needed: 2');
      }
      await expect(figures).not.toContainText('Missing monitors');
      await expect(dialog.getByRole('table', { name: 'Presence monitors' }).getByRole('row').filter({ hasText: monitors[1]!.upn })).toContainText('Authorized');
      expect(await seriousViolations(page)).toEqual([]);
    });
  } finally {
    await sim.stop();
  }
});
