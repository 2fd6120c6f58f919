import { expect, test, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { waitForMail } from '../../simulators/smtp/client.mjs';
import { startGatewaySimulator, type GatewaySimulator, type PbxType } from '../../simulators/gateway/index.mjs';
import { E2E } from './env';
import { fill, newAccountAdmin, seriousViolations } from './support';

/*
 * GW-1..5 against the gateway simulator, once per PBX type: an account admin claims a gateway by
 * its link code, configures the site and the PBX, connects (the first sync brings the users and
 * lists those without an e-mail), picks up a PBX change with "Sync now", sends the deployment
 * e-mails and finishes on the users list. The last journey also returns the gateway to factory
 * settings by removing the finished integration.
 */
const g = en.gateway;
const m = en.integrations;
const PBX: { type: PbxType; name: string }[] = [
  { type: 'mivo400', name: 'MiVoice Office 400' },
  { type: 'mv5000', name: 'MiVoice 5000' },
  { type: 'mxone', name: 'MiVoice MX-ONE' },
  { type: 'mivb', name: 'MiVoice Business' },
];

async function finishStep(page: Page, doneText: string) {
  const progress = page.getByRole('region', { name: g.progress });
  await expect(progress.getByRole('status')).toHaveText(doneText, { timeout: 30_000 });
  await progress.getByRole('button', { name: en.users.bulk.close }).click();
}

for (const [i, pbx] of PBX.entries()) {
  test(`an account admin onboards a CloudLink Gateway with ${pbx.name}: claim, site, PBX, connect, sync now, deployment`, async ({ browser }) => {
    test.setTimeout(180_000);
    const tag = `${pbx.type}${Date.now().toString(36)}`;
    const domain = `${tag}.example`;
    const { page, accountId } = await newAccountAdmin(browser, { tag, language: 'en', country: 'GB', first: 'Gina', last: 'Gateway', domain: `Gw${pbx.type}` });
    const sim: GatewaySimulator = await startGatewaySimulator({ portal: E2E.appUrl, pbx: pbx.type, users: 12, missingEmailEvery: 5, emailDomain: domain, stateFile: null, controlPort: null, claimPollMs: 250, pollWait: 5, hardwareId: `SIM-E2E-${tag}` });
    try {
      await sim.waitFor((s) => s.gatewayId !== null, 20_000);
      await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: m.addNew, exact: true }).click();
      const catalogue = page.getByRole('dialog', { name: m.catalogue.title });
      await catalogue.getByRole('button', { name: fill(m.catalogue.addNamed, { name: m.names.cloudlinkGateway }) }).click();
      await catalogue.getByRole('button', { name: m.catalogue.done }).click();
      await expect(page.getByText(g.status.noGateway)).toBeVisible();
      await page.getByRole('link', { name: g.add }).click();

      // GW-1: the code the gateway shows locally links it; a wrong one is refused first.
      await expect(page.getByRole('heading', { name: g.title, level: 2 })).toBeVisible();
      await expect(page.getByRole('link', { name: fill(g.back, { account: `Gw${pbx.type} ${tag}` }) })).toBeVisible();
      await page.getByLabel(g.claim.code).fill('ZZZZ-ZZZZ');
      await page.getByRole('button', { name: g.claim.submit }).click();
      await expect(page.getByText(g.errors.linkCodeInvalid)).toBeVisible();
      await page.getByLabel(g.claim.code).fill(sim.linkCode());
      await page.getByRole('button', { name: g.claim.submit }).click();

      // GW-2 (1) gateway information.
      const site = page.getByRole('form', { name: g.site.title });
      await expect(site).toBeVisible({ timeout: 15_000 });
      await expect(page.getByRole('status').filter({ hasText: g.status.configureGateway })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await site.getByLabel(g.site.name).fill('Head office');
      await site.getByLabel(g.site.street, { exact: true }).fill('1 Main Street');
      await site.getByLabel(g.site.city).fill('London');
      await site.getByRole('button', { name: g.next }).click();
      await finishStep(page, g.tasks.linkSite.done);

      // (2) the PBX; the password is never shown again.
      const pbxForm = page.getByRole('form', { name: g.pbx.title });
      await pbxForm.getByLabel(g.pbx.type).selectOption({ label: pbx.name });
      await pbxForm.getByLabel(g.pbx.address, { exact: true }).fill('10.0.0.5');
      await pbxForm.getByLabel(g.pbx.username).fill('admin');
      await pbxForm.getByLabel(g.pbx.password, { exact: true }).fill('mitel');
      await pbxForm.getByRole('button', { name: g.next }).click();
      await finishStep(page, g.tasks.configurePbx.done);

      // (3) connect: the first sync; u-5 and u-10 have no e-mail on the PBX.
      await page.getByRole('button', { name: g.connect.connect, exact: true }).click();
      await finishStep(page, fill(g.tasks.connect.done, { created: 10, updated: 0, inactivated: 0, skipped: 2 }));
      const warnings = page.getByRole('region', { name: g.connect.warningsTitle });
      await expect(warnings.getByRole('listitem')).toHaveCount(2);
      const schedule = page.getByRole('textbox', { name: g.connect.schedule });
      await expect(schedule).toHaveValue('20');
      await schedule.fill('2');
      await page.getByRole('button', { name: g.connect.saveSchedule }).click();
      await expect(page.getByText(g.errors.interval)).toBeVisible();
      await schedule.fill('30');
      await page.getByRole('button', { name: g.connect.saveSchedule }).click();
      await expect(page.getByText(fill(g.connect.scheduleSaved, { minutes: 30 }))).toBeVisible();

      // "Sync now" picks up a user added on the PBX; a removed one becomes inactive.
      sim.addUser({ firstName: 'Nina', lastName: 'Newcomer', email: `nina.newcomer@${domain}` });
      const gone = sim.users().find((u) => u.email)!;
      sim.removeUser(gone.pbxUserId);
      await page.getByRole('button', { name: g.connect.syncNow }).click();
      await finishStep(page, fill(g.tasks.sync.done, { created: 1, updated: 0, inactivated: 1, skipped: 2 }));
      await page.getByRole('button', { name: g.next }).click();

      // (4) deployment e-mails, then Finish on the users list.
      await page.getByRole('button', { name: fill(g.deployment.send_other, { count: 10 }) }).click();
      await finishStep(page, fill(en.users.bulk.done.sendWelcome, { done: 10, skipped: 0, failed: 0 }));
      const mail = await waitForMail(E2E.mailApiUrl, { to: `nina.newcomer@${domain}`, timeoutMs: 20_000 });
      expect(mail.subject).toBe(en.mail.welcome.subject);
      await expect(page.getByLabel(g.deployment.goToUsers)).toBeChecked();
      await page.getByRole('button', { name: g.deployment.finish }).click();
      await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}/users$`));
      await page.getByRole('searchbox', { name: en.users.list.search }).fill('Nina');
      await expect(page.getByRole('row').filter({ hasText: 'Nina Newcomer' })).toBeVisible();
      await page.getByRole('searchbox', { name: en.users.list.search }).fill(gone.email!);
      await expect(page.getByRole('row').filter({ hasText: gone.email! })).toContainText(en.users.status.inactive);
      // The search is in the URL once its debounce has run; a link clicked before that loses the race.
      await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(gone.email!).replace(/\./g, '\\.')}`));

      if (i === PBX.length - 1) {
        // SUP-4: gateway support from the account's navigation: logs and a call trace as jobs.
        await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.gatewaySupport }).click();
        await expect(page.getByRole('heading', { name: g.support.title, level: 2 })).toBeVisible();
        await page.getByLabel(g.support.logKind, { exact: true }).selectOption({ label: g.support.logKinds.pbxLink });
        await page.getByRole('button', { name: g.support.fetch }).click();
        const progress = page.getByRole('region', { name: g.progress });
        await expect(progress.getByRole('status')).toHaveText(new RegExp(`log lines received \\(pbxLink\\)`), { timeout: 30_000 });
        await progress.getByRole('button', { name: en.users.bulk.close }).click();
        await page.getByLabel(g.support.traceExtension).fill('1001');
        await page.getByLabel(g.support.traceSeconds).fill('5');
        await page.getByRole('button', { name: g.support.startTrace }).click();
        await expect(progress.getByRole('status')).toHaveText(new RegExp(`^Call trace of extension 1001: \\d+ entries\\.$`), { timeout: 30_000 });
        expect(await seriousViolations(page)).toEqual([]);
        await progress.getByRole('button', { name: en.users.bulk.close }).click();

        // GW-5: a finished physical gateway is removed with the switch and the typed reset word.
        await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
        await expect(page.getByText(g.status.done)).toBeVisible();
        await page.getByRole('switch', { name: m.names.cloudlinkGateway, exact: true }).click();
        const reset = page.getByRole('dialog', { name: fill(m.remove.title, { name: m.names.cloudlinkGateway }) });
        await reset.getByLabel(fill(en.confirmDialog.typeToConfirm, { word: en.confirmWords.reset })).fill(en.confirmWords.reset);
        await reset.getByRole('button', { name: m.remove.confirm }).click();
        await expect(reset).toBeHidden();
        await expect.poll(() => sim.state().claimed, { timeout: 30_000 }).toBe(false);
      }
    } finally {
      await sim.stop();
      await page.context().close();
    }
  });
}
