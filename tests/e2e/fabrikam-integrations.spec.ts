import { expect, test } from '@playwright/test';
import nl from '../../messages/nl.json' with { type: 'json' };
import { DEMO, seriousViolations, openAs } from './support';

const m = nl.integrations;
const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: nl.nav.label });

/**
 * The demo's Fabrikam BV (Dutch) has a gateway, Voice Assist set up and a Mitel One one version
 * behind. Its admin finds Voice Assist in the navigation, reads the configuration on its pages,
 * and installs the Mitel One update, which brings the Telephony feature (MVA-1, INT-4).
 */
test('a Dutch account admin reads Voice Assist and installs the Mitel One update', async ({ page }) => {
  await openAs(page, DEMO.fabrikamAdmin);

  await nav(page).getByRole('link', { name: nl.nav.voiceAssist, exact: true }).click();
  await expect(page.getByRole('heading', { name: nl.voiceAssist.title, level: 2 })).toBeVisible();
  await expect(page.getByText('+31302001000').first()).toBeVisible();
  await expect(page.getByText('Europe/Amsterdam').first()).toBeVisible();
  const sections = page.getByRole('navigation', { name: nl.voiceAssist.sections.label });
  await sections.getByRole('link', { name: nl.voiceAssist.sections.routing }).click();
  await expect(sections.getByRole('link', { name: nl.voiceAssist.sections.routing })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText(nl.voiceAssist.recipes.businessHours.description)).toBeVisible();
  await sections.getByRole('link', { name: nl.voiceAssist.sections.numbers }).click();
  await expect(page.getByRole('cell', { name: '+31302001000' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Mitel One 1 has no Telephony yet; the update brings it.
  await nav(page).getByRole('link', { name: nl.nav.integrations, exact: true }).click();
  await expect(page.getByText(nl.gateway.status.noGateway)).toBeVisible();
  await page.getByRole('button', { name: m.features.title }).click();
  await expect(page.getByText(m.features.moreWithUpdate)).toBeVisible();
  await expect(page.getByRole('switch', { name: m.features.telephony })).toHaveCount(0);

  await page.getByRole('button', { name: m.status.installUpdate }).click();
  await expect(page.getByRole('status').filter({ hasText: m.update.done })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', '100');
  await page.reload({ waitUntil: 'networkidle' });
  await expect(page.getByText(m.status.updateAvailable)).toHaveCount(0);
  const features = page.getByRole('button', { name: m.features.title });
  if ((await features.getAttribute('aria-expanded')) !== 'true') await features.click();
  await expect(page.getByRole('switch', { name: m.features.telephony })).toBeChecked();
});
