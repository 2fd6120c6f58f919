import { expect, test, type Browser, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { DEMO, linkFromMail, seriousViolations, signIn, signInAndWait } from './support';

// A suffix per run, so a retried test never collides with accounts an earlier attempt created.
const run = Date.now().toString(36);
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
const m = en.integrations;

/**
 * A customer account of its own with a registered account admin (as in import.spec.ts), so the
 * integrations added here change no demo account other specs look at.
 */
async function newAccountAdmin(browser: Browser): Promise<{ page: Page; accountId: string }> {
  const partner = await (await browser.newContext()).newPage();
  await signInAndWait(partner, DEMO.partner);
  await partner.goto('/accounts/new', { waitUntil: 'networkidle' });
  await partner.getByLabel(en.account.fields.name).fill(`Integrations ${run}`);
  await partner.getByLabel(en.account.fields.country).selectOption('GB');
  await partner.getByLabel(en.account.fields.language).selectOption('en');
  const contact = partner.getByRole('combobox', { name: 'Add a support contact' });
  await contact.fill(`helpdesk.${run}@integrations.example`);
  await contact.press('Enter');
  await partner.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(partner).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
  const accountPath = new URL(partner.url()).pathname;

  const address = `ines.${run}@integrations.example`;
  await partner.goto(`${accountPath}/users/new`, { waitUntil: 'networkidle' });
  await partner.getByLabel(en.users.fields.firstName).fill('Ines');
  await partner.getByLabel(en.users.fields.lastName).fill('Integrator');
  await partner.getByLabel(en.users.fields.email).fill(address);
  await partner.getByRole('switch', { name: en.users.fields.accountAdmin }).check();
  await partner.getByRole('button', { name: en.users.new.submit, exact: true }).click();
  await expect(partner.getByRole('status').filter({ hasText: fill(en.users.new.created, { email: address }) })).toBeVisible();
  await partner.context().close();

  const admin = await (await browser.newContext()).newPage();
  await admin.goto(await linkFromMail(address, '', '/welcome/'), { waitUntil: 'networkidle' });
  await admin.getByLabel(en.fields.newPassword, { exact: true }).fill('integrations-secret-1');
  await admin.getByLabel(en.fields.confirmPassword).fill('integrations-secret-1');
  await admin.getByRole('button', { name: en.setPassword.welcome.submit }).click();
  await expect(admin).toHaveURL(/\/sign-in\?registered=1$/);
  await signIn(admin, address, 'integrations-secret-1');
  await expect(admin).toHaveURL(/\/dashboard$/);
  return { page: admin, accountId: accountPath.split('/').pop()! };
}

const guestAccess = (page: Page) => page.getByRole('switch', { name: m.privileges.guestAccess.label, exact: true });

async function addFromCatalogue(page: Page, id: keyof typeof m.names) {
  await page.getByRole('button', { name: m.addNew, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: m.catalogue.title });
  await dialog.getByRole('button', { name: fill(m.catalogue.addNamed, { name: m.names[id] }) }).click();
  return dialog;
}

/** Opens "Available features" under Mitel One. */
async function openFeatures(page: Page) {
  const toggle = page.getByRole('button', { name: m.features.title });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

test('an account admin adds and removes integrations, with their features, settings and privileges', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, accountId } = await newAccountAdmin(browser);
  await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { name: m.title, level: 2 })).toBeVisible();
  // Chat is on every customer account and cannot be switched off.
  await expect(page.getByRole('switch', { name: m.names.chat, exact: true })).toBeDisabled();
  await expect(guestAccess(page)).toHaveAttribute('aria-checked', 'false');

  // INT-1/3: adding Mitel One turns on guest access; Chat folds under it (M1-1).
  let dialog = await addFromCatalogue(page, 'mitelOne');
  await expect(dialog.getByRole('status')).toHaveText(fill(m.catalogue.addedNotice, { name: m.names.mitelOne }));
  // The catalogue's tabs follow the arrow keys.
  await dialog.getByRole('tab', { name: m.catalogue.tab.mitel }).press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: m.catalogue.tab.thirdParty })).toBeFocused();
  await expect(dialog.getByRole('tab', { name: m.catalogue.tab.thirdParty })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('button', { name: fill(m.catalogue.addNamed, { name: m.names.twilio }) })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: m.catalogue.done }).click();
  await expect(dialog).toBeHidden();
  await expect(guestAccess(page)).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('switch', { name: m.names.chat, exact: true })).toHaveCount(0);

  // M1-1: Telephony off under "Available features", saved at once.
  await openFeatures(page);
  await expect(page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.chat }) })).toBeVisible();
  const telephony = page.getByRole('switch', { name: m.features.telephony, exact: true });
  await expect(telephony).toHaveAttribute('aria-checked', 'true');
  await telephony.click();
  await expect(telephony).toHaveAttribute('aria-checked', 'false');
  await expect(telephony).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
  await page.reload({ waitUntil: 'networkidle' });
  await openFeatures(page);
  await expect(page.getByRole('switch', { name: m.features.telephony, exact: true })).toHaveAttribute('aria-checked', 'false');

  // MTM-3: MiTeam Meetings folds under Mitel One; its waiting room needs the typed word.
  dialog = await addFromCatalogue(page, 'miteamMeetings');
  await expect(dialog.getByRole('status')).toHaveText(fill(m.catalogue.addedNotice, { name: m.names.miteamMeetings }));
  await dialog.getByRole('button', { name: m.catalogue.done }).click();
  await expect(page.getByRole('heading', { name: m.names.miteamMeetings, level: 3 })).toHaveCount(0);
  await page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.miteamMeetings }) }).click();
  const settings = page.getByRole('dialog', { name: m.settings.title.miteamMeetings });
  const waitingRoom = settings.getByRole('switch', { name: m.miteam.waitingRoom });
  await expect(waitingRoom).toHaveAttribute('aria-checked', 'false');
  await waitingRoom.click();
  const save = settings.getByRole('button', { name: m.settings.save, exact: true });
  await expect(save).toBeDisabled();
  await settings.getByLabel(fill(en.confirmDialog.typeToConfirm, { word: en.confirmWords.confirm })).fill(` ${en.confirmWords.confirm.toUpperCase()} `);
  await save.click();
  await expect(settings).toBeHidden();
  await page.reload({ waitUntil: 'networkidle' });
  await openFeatures(page);
  await page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.miteamMeetings }) }).click();
  await expect(settings.getByRole('switch', { name: m.miteam.waitingRoom })).toHaveAttribute('aria-checked', 'true');
  await settings.getByRole('button', { name: en.common.cancel }).click();
  await expect(settings).toBeHidden();

  // Removing Mitel One: guest access stays (MiTeam Meetings needs it), MiTeam is on its own again.
  await page.getByRole('switch', { name: m.names.mitelOne, exact: true }).click();
  const confirm = page.getByRole('dialog', { name: fill(m.remove.title, { name: m.names.mitelOne }) });
  await confirm.getByRole('button', { name: m.remove.confirm }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('switch', { name: m.names.mitelOne, exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: m.names.miteamMeetings, level: 3 })).toBeVisible();
  await expect(page.getByRole('switch', { name: m.names.chat, exact: true })).toBeVisible();
  await expect(guestAccess(page)).toHaveAttribute('aria-checked', 'true');

  // Removing MiTeam Meetings: nothing needs guest access any more.
  await page.getByRole('switch', { name: m.names.miteamMeetings, exact: true }).click();
  const confirmMiteam = page.getByRole('dialog', { name: fill(m.remove.title, { name: m.names.miteamMeetings }) });
  await confirmMiteam.getByRole('button', { name: m.remove.confirm }).click();
  await expect(confirmMiteam).toBeHidden();
  await expect(guestAccess(page)).toHaveAttribute('aria-checked', 'false');

  // Voice Assist needs the gateway: the refusal shows in the dialog.
  dialog = page.getByRole('dialog', { name: m.catalogue.title });
  await page.getByRole('button', { name: m.addNew, exact: true }).click();
  await expect(dialog.getByText(fill(m.catalogue.requires, { name: m.names.cloudlinkGateway })).first()).toBeVisible();
  await dialog.getByRole('button', { name: fill(m.catalogue.addNamed, { name: m.names.voiceAssist }) }).click();
  await expect(dialog.getByRole('alert')).toHaveText(en.errors.integrations.needsGateway);
  await dialog.getByRole('button', { name: m.catalogue.done }).click();
  await expect(page.getByRole('heading', { name: m.names.voiceAssist, level: 3 })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // The same panels sit at the bottom of the account information page (seed 2316).
  await page.goto(`/accounts/${accountId}`, { waitUntil: 'networkidle' });
  const panel = page.getByRole('region', { name: m.panelTitle, exact: true });
  await expect(panel.getByRole('switch', { name: m.names.chat, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: m.privileges.title }).getByRole('switch', { name: m.privileges.guestAccess.label })).toHaveAttribute('aria-checked', 'false');
});
