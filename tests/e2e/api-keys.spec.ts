import { expect, test } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { DEMO, fill, seriousViolations, openAs, signInAndWait } from './support';

// A suffix per run, so a retried test never collides with what an earlier attempt created.
const run = Date.now().toString(36);
const t = en.billing.apiKeys;

const ORDER = {
  sapOrderId: `SAP-E2E-${run}`,
  product: 'miteamMeetings',
  licenceCount: 5,
  purchaseDate: '2026-11-01',
  perpetual: true,
  trackingNumber: `TRK-${run}`,
};

test('ORD-1: the partner creates an API key, the billing system posts orders with it, and a revoked key gets 401', async ({ page }) => {
  await openAs(page, DEMO.partner);
  // The navigation entry comes with the Orders page; the URL is the contract here.
  await page.goto('/settings/api-keys', { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('api-endpoint')).toHaveText(/\/api\/billing\/orders$/);
  await expect(page.getByRole('button', { name: t.endpoint.copy })).toBeVisible();
  await expect(page.getByRole('region', { name: t.example.title })).toContainText('Authorization: Bearer <key>');

  // An empty name is refused on the field.
  await page.getByRole('button', { name: t.create.submit, exact: true }).click();
  await expect(page.getByLabel(t.create.name)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(t.errors.name)).toBeVisible();

  const name = `Billing ${run}`;
  await page.getByLabel(t.create.name).fill(name);
  await page.getByLabel(t.create.name).press('Enter');
  const created = page.getByRole('region', { name: fill(t.created.title, { name }) });
  await expect(created).toBeFocused();
  await expect(created).toContainText(t.created.warning);
  await expect(created.getByRole('button', { name: t.created.copy })).toBeVisible();
  const key = (await page.getByTestId('new-api-key').textContent())!.trim();
  expect(key).toMatch(/^mab_[A-Za-z0-9_-]{43}$/);

  // The list shows the key by its prefix only, active and never used.
  const table = page.getByRole('table', { name: t.list.title });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).not.toContainText(key);
  await expect(row).toContainText(t.status.active);
  await expect(row).toContainText(t.list.never);
  expect(await seriousViolations(page)).toEqual([]);

  const endpoint = new URL('/api/billing/orders', page.url()).toString();
  const post = (data: unknown) => page.request.post(endpoint, { headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, data });

  const first = await post(ORDER);
  expect(first.status()).toBe(201);
  expect(await first.json()).toMatchObject({ sapOrderId: ORDER.sapOrderId, outcome: 'created' });

  const again = await post(ORDER);
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ outcome: 'unchanged' });

  const bad = await post({ ...ORDER, licenceCount: 0, product: 'fax' });
  expect(bad.status()).toBe(400);
  const badBody = await bad.json();
  expect(Object.keys(badBody.fieldErrors)).toEqual(expect.arrayContaining(['licenceCount', 'product']));

  // Used since: the list says when (after a reload; the page renders on the server).
  await page.reload({ waitUntil: 'networkidle' });
  await expect(row).not.toContainText(t.list.never);

  // Revoke, by keyboard, behind the typed word.
  await row.getByRole('button', { name: fill(t.revoke.buttonLabel, { name }) }).press('Enter');
  const dialog = page.getByRole('dialog', { name: fill(t.revoke.title, { name }) });
  await expect(dialog).toContainText('401');
  const confirm = dialog.getByRole('button', { name: t.revoke.confirm });
  await expect(confirm).toBeDisabled();
  const word = dialog.getByLabel(fill(en.confirmDialog.typeToConfirm, { word: en.confirmWords.confirm }));
  await expect(word).toBeFocused();
  await word.fill(en.confirmWords.confirm);
  expect(await seriousViolations(page)).toEqual([]);
  await word.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(/Revoked on /);
  await expect(row.getByRole('button', { name: fill(t.revoke.buttonLabel, { name }) })).toHaveCount(0);

  const refused = await post(ORDER);
  expect(refused.status()).toBe(401);
});

test('customer admins and users do not get the API keys page', async ({ browser }) => {
  for (const email of [DEMO.contosoAdmin, DEMO.contosoUser]) {
    const page = await (await browser.newContext()).newPage();
    await signInAndWait(page, email);
    const res = await page.goto('/settings/api-keys');
    expect(res?.status()).toBe(404);
    await page.context().close();
  }
});
