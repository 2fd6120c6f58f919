import { mkdirSync } from 'node:fs';
import { expect, test as setup } from '@playwright/test';
import { E2E } from './env';
import { DEMO, sessionFile, signIn } from './support';

/**
 * Signs each demo user in once, through the sign-in form, and keeps the session (Playwright's
 * storage state) for the journeys that only need to be signed in: `openAs` starts from it instead
 * of typing the password again. The sign-in journeys themselves keep using the form.
 */
const WHO = [DEMO.partner, DEMO.sam, DEMO.contosoAdmin, DEMO.contosoUser, DEMO.fabrikamAdmin] as const;

for (const email of WHO) {
  setup(`signed-in session of ${email}`, async ({ page }) => {
    mkdirSync(E2E.sessionsDir, { recursive: true });
    await signIn(page, email);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.context().storageState({ path: sessionFile(email) });
  });
}
