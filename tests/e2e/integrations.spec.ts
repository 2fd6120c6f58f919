import { expect, test, type Browser, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { fill, newAccountAdmin, seriousViolations } from './support';

// A suffix per run, so a retried test never collides with accounts an earlier attempt created.
const run = Date.now().toString(36);
const m = en.integrations;

/** A new English account with its own admin (a tag per journey, so two journeys of a run never collide). */
const integrationsAdmin = (browser: Browser, journey: string) =>
  newAccountAdmin(browser, { tag: `${journey}-${run}`, language: 'en', country: 'GB', first: 'Ines', last: 'Integrator', domain: 'Integrations' });

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
  const { page, accountId } = await integrationsAdmin(browser, 'catalogue');
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

test('an account admin finishes the Voice Assist setup, keeps a MiCollab password write-only and removes the unfinished gateway', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, accountId } = await integrationsAdmin(browser, 'setup');
  await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });

  // SUP-5: Chat service settings.
  await page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.chat }) }).click();
  const chat = page.getByRole('dialog', { name: m.settings.title.chat });
  await chat.getByLabel(m.chat.allowMessageEditing).uncheck();
  await chat.getByRole('button', { name: m.settings.save, exact: true }).click();
  await expect(chat).toBeHidden();
  await page.reload({ waitUntil: 'networkidle' });
  await page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.chat }) }).click();
  await expect(chat.getByLabel(m.chat.allowMessageEditing)).not.toBeChecked();
  await chat.getByRole('button', { name: en.common.cancel }).click();

  // GW-1 / MVA-1: with the gateway, Voice Assist can be added and waits for "Finish setup".
  let dialog = await addFromCatalogue(page, 'cloudlinkGateway');
  await dialog.getByRole('button', { name: fill(m.catalogue.addNamed, { name: m.names.voiceAssist }) }).click();
  await expect(dialog.getByRole('status')).toHaveText(fill(m.catalogue.addedNotice, { name: m.names.voiceAssist }));
  await dialog.getByRole('button', { name: m.catalogue.done }).click();
  await expect(page.getByText(en.gateway.status.noGateway)).toBeVisible();
  await expect(page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.voiceAssist })).toHaveCount(0);

  await page.getByRole('button', { name: m.status.finishSetup, exact: true }).click();
  const setup = page.getByRole('dialog', { name: m.settings.title.voiceAssist });
  await setup.getByLabel(m.voiceAssist.pilotNumber).fill('12 34');
  await setup.getByLabel(m.voiceAssist.timeZone).selectOption('Europe/Brussels');
  await setup.getByLabel(m.voiceAssist.recipe).selectOption({ label: m.voiceAssist.recipes.speechDirectory });
  await setup.getByRole('button', { name: m.settings.save, exact: true }).click();
  await expect(setup.getByText(m.voiceAssist.errors.pilotNumber)).toBeVisible();
  await setup.getByLabel(m.voiceAssist.pilotNumber).fill('+3225550100');
  await setup.getByRole('button', { name: m.settings.save, exact: true }).click();
  await expect(setup).toBeHidden();
  await expect(page.getByText(fill(m.voiceAssist.summary, { number: '+3225550100', recipe: m.voiceAssist.recipes.speechDirectory }))).toBeVisible();
  await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.voiceAssist }).click();
  await expect(page.getByText('Europe/Brussels').first()).toBeVisible();
  await expect(page.getByText(en.voiceAssist.recipes.speechDirectory.description)).toBeVisible();

  // MICOLLAB-1 / INT-5: the password goes in and never comes back, not even in the page's data.
  const secret = `MiCollab-${run}-Secret!`;
  await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
  dialog = await addFromCatalogue(page, 'micollab');
  await dialog.getByRole('button', { name: m.catalogue.done }).click();
  // MiCollab brings delegated authentication (INT-3).
  await expect(page.getByRole('switch', { name: m.privileges.delegatedAuthentication.label, exact: true })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.micollab }) }).click();
  const micollab = page.getByRole('dialog', { name: m.settings.title.micollab });
  await expect(micollab.getByText(m.micollab.passwordNotSet)).toBeVisible();
  await micollab.getByLabel(m.micollab.address).fill('micollab.example.com');
  await micollab.getByLabel(m.micollab.password, { exact: true }).fill(secret);
  await micollab.getByRole('button', { name: m.settings.save, exact: true }).click();
  await expect(micollab).toBeHidden();
  await page.reload({ waitUntil: 'networkidle' });
  expect(await page.content()).not.toContain(secret);
  await page.getByRole('button', { name: fill(m.settingsFor, { name: m.names.micollab }) }).click();
  await expect(micollab.getByLabel(m.micollab.address)).toHaveValue('micollab.example.com');
  await expect(micollab.getByLabel(m.micollab.password, { exact: true })).toHaveValue('');
  await expect(micollab.getByText(/^Set on /)).toBeVisible();
  await micollab.getByRole('button', { name: en.common.cancel }).click();

  // GW-5: an onboarding not finished is removed with the delete icon (the typed "reset" is for a
  // finished physical gateway, tests/e2e/gateway.spec.ts); a warning names Voice Assist.
  await expect(page.getByRole('switch', { name: m.names.cloudlinkGateway, exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: fill(m.removeNamed, { name: m.names.cloudlinkGateway }) }).click();
  const remove = page.getByRole('dialog', { name: fill(m.remove.title, { name: m.names.cloudlinkGateway }) });
  await expect(remove).toContainText(fill(m.remove.dependants, { names: m.names.voiceAssist }));
  await remove.getByRole('button', { name: m.remove.confirm }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByRole('heading', { name: m.names.cloudlinkGateway, exact: true })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});
