import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, openAs } from './support';

/** Serious and critical WCAG 2 A/AA violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test.describe('accessibility of the main pages (axe)', () => {
  test('sign-in pages', async ({ page }) => {
    for (const path of ['/sign-in', '/forgot-password', '/welcome/not-a-valid-token-000000000000', '/support', '/legal']) {
      await page.goto(path, { waitUntil: 'networkidle' });
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  test('partner pages, with the bell open', async ({ page }) => {
    await openAs(page, DEMO.partner);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Notifications/ }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Contoso Ltd' }).click();
    await expect(page.getByRole('heading', { name: 'Contoso Ltd' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('account admin pages', async ({ page }) => {
    await openAs(page, DEMO.contosoAdmin);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/settings/password', { waitUntil: 'networkidle' });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
