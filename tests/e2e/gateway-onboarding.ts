import { expect, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import type { GatewaySimulator } from '../../simulators/gateway/index.mjs';
import { fill } from './support';

const g = en.gateway;
const m = en.integrations;

/**
 * Adds the CloudLink Gateway and onboards `sim` through the wizard (claim, site, PBX, connect), for
 * journeys that need a connected gateway but are about something else. gateway.spec.ts walks the
 * same wizard with every check of GW-1..5.
 */
export async function onboardGateway(page: Page, accountId: string, sim: GatewaySimulator, pbxName: string): Promise<void> {
  await sim.waitFor((s) => s.gatewayId !== null, 20_000);
  await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
  await addIntegration(page, m.names.cloudlinkGateway, 'mitel');
  await page.getByRole('link', { name: g.add }).click();
  await page.getByLabel(g.claim.code).fill(sim.linkCode());
  await page.getByRole('button', { name: g.claim.submit }).click();
  const site = page.getByRole('form', { name: g.site.title });
  await site.getByLabel(g.site.name).fill('Head office');
  await site.getByLabel(g.site.street, { exact: true }).fill('1 Main Street');
  await site.getByLabel(g.site.city).fill('London');
  await site.getByRole('button', { name: g.next }).click();
  await closeProgress(page, g.tasks.linkSite.done);
  const pbx = page.getByRole('form', { name: g.pbx.title });
  await pbx.getByLabel(g.pbx.type).selectOption({ label: pbxName });
  await pbx.getByLabel(g.pbx.address, { exact: true }).fill('10.0.0.5');
  await pbx.getByLabel(g.pbx.username).fill('admin');
  await pbx.getByLabel(g.pbx.password, { exact: true }).fill('mitel');
  await pbx.getByRole('button', { name: g.next }).click();
  await closeProgress(page, g.tasks.configurePbx.done);
  await page.getByRole('button', { name: g.connect.connect, exact: true }).click();
  const progress = page.getByRole('region', { name: g.progress });
  await expect(progress.getByRole('status')).toHaveText(new RegExp(`^${fill(g.tasks.connect.done, { created: '\\d+', updated: 0, inactivated: 0, skipped: '\\d+' })}$`), { timeout: 90_000 });
  await progress.getByRole('button', { name: en.users.bulk.close }).click();
}

/** "+ Add new" → the integration's Add button → Done. */
export async function addIntegration(page: Page, name: string, tab: 'mitel' | 'thirdParty'): Promise<void> {
  await page.getByRole('button', { name: m.addNew, exact: true }).click();
  const catalogue = page.getByRole('dialog', { name: m.catalogue.title });
  await catalogue.getByRole('tab', { name: m.catalogue.tab[tab] }).click();
  await catalogue.getByRole('button', { name: fill(m.catalogue.addNamed, { name }) }).click();
  await catalogue.getByRole('button', { name: m.catalogue.done }).click();
  await expect(catalogue).toBeHidden();
}

async function closeProgress(page: Page, doneText: string) {
  const progress = page.getByRole('region', { name: g.progress });
  await expect(progress.getByRole('status')).toHaveText(doneText, { timeout: 30_000 });
  await progress.getByRole('button', { name: en.users.bulk.close }).click();
}
