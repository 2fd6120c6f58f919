import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO, signInAndWait } from '../e2e/support';
import { TOPOLOGY, type TopologyState } from './env';

/**
 * Issue 14, the scale-out proof: `npm run topology` (two web processes behind a reverse proxy,
 * two worker processes, one PostgreSQL) keeps a partner working while a web process stops, and
 * while PostgreSQL restarts under load it says "reconnecting" and carries on by itself.
 */
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const state = (): TopologyState => JSON.parse(readFileSync(path.join(TOPOLOGY.dataDir, 'topology.json'), 'utf8')) as TopologyState;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which web process answered each page, RSC and server-action response from now on, and any 5xx.
 * Static assets are left out: the browser answers them from its cache, with the headers of
 * whichever process first sent them.
 */
function watchUpstreams(page: Page) {
  const seen: { upstream: string | undefined; status: number; url: string }[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(TOPOLOGY.appUrl) && !r.url().includes('/_next/static/')) seen.push({ upstream: r.headers()['x-upstream'], status: r.status(), url: r.url() });
  });
  return seen;
}

async function openContosoUsers(page: Page) {
  await page.getByRole('link', { name: 'Accounts', exact: true }).first().click();
  await page.getByRole('link', { name: 'Contoso Ltd' }).click();
  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
}

/** Searches the users list and waits for the list of that search (the search box updates the URL after a pause). */
async function findUser(page: Page, query: string, name: string) {
  await page.getByRole('searchbox', { name: 'Search users' }).fill(query);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${query.replace(/[.]/g, '\\.')}`));
  const table = page.getByRole('table', { name: 'Users' });
  await expect(table.getByRole('link', { name })).toHaveCount(1);
  return table;
}

async function addUser(page: Page, first: string, last: string, address: string) {
  await page.getByRole('link', { name: 'Add user' }).click();
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('E-mail').fill(address);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `A welcome e-mail has been sent to ${address}` })).toBeVisible();
}

test('a partner keeps working through the load balancer while one web process stops; the separate workers run the jobs', async ({ page }) => {
  test.setTimeout(120_000);
  const responses = watchUpstreams(page);
  // A retry of this journey finds web-1 already stopped by the first attempt: it goes on with web-2 alone.
  const [first] = state().web;
  const bothRunning = alive(first!.pid);
  await signInAndWait(page, DEMO.partner);
  await openContosoUsers(page);
  const tag = `scale.out.${run}.${test.info().retry}`;
  const address = `${tag}@contoso.example`;
  await addUser(page, 'Scale', 'Out', address);
  expect(new Set(responses.map((r) => r.upstream))).toEqual(new Set(bothRunning ? ['web-1', 'web-2'] : ['web-2']));

  if (bothRunning) process.kill(first!.pid, 'SIGTERM');
  await expect.poll(() => alive(first!.pid), { timeout: 20_000 }).toBe(false);
  responses.length = 0;

  await page.getByRole('link', { name: 'Back to users' }).click();
  const table = await findUser(page, tag, 'Scale Out');
  await table.getByRole('link', { name: 'Scale Out' }).click();
  await page.getByLabel('Mobile number').fill('+31 6 7000 0001');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Mobile number')).toHaveValue('+31670000001');

  await page.getByRole('link', { name: 'Back to users' }).click();
  await findUser(page, tag, 'Scale Out');
  await page.getByRole('checkbox', { name: 'Select Scale Out' }).check();
  await page.getByRole('button', { name: 'Manage (1)' }).click();
  await page.getByRole('dialog', { name: 'Manage 1 selected user' }).getByRole('button', { name: 'Send CloudLink welcome e-mails' }).click();
  const progress = page.getByRole('region', { name: 'Progress of the bulk action' });
  await expect(progress.getByRole('status')).toHaveText('Welcome e-mails: 1 sent, 0 skipped (already registered), 0 failed.', { timeout: 30_000 });

  // Delivered (captured, without SMTP) by the worker processes: both welcome mails.
  await page.goto('/dev/mailbox');
  await expect(page.getByText(`— ${address}`)).toHaveCount(2, { timeout: 30_000 });

  expect(responses.length).toBeGreaterThan(10);
  expect(responses.filter((r) => r.upstream !== 'web-2')).toEqual([]);
  expect(responses.filter((r) => r.status >= 500)).toEqual([]);
});

interface Sample {
  status: number;
  reconnecting: boolean;
  bareNextError: boolean;
}

/** Requests pages as fast as it can on `lanes` parallel lanes until `stop()`; the answers in the order they came. */
function load(request: APIRequestContext, paths: string[], lanes: number) {
  let running = true;
  const samples: Sample[] = [];
  const done = Promise.all(
    Array.from({ length: lanes }, async (_, i) => {
      for (let n = i; running; n++) {
        const response = await request.get(paths[n % paths.length]!, { maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 });
        const body = await response.text();
        samples.push({ status: response.status(), reconnecting: body.includes('The portal is reconnecting'), bareNextError: body.includes('Application error: a server-side exception') });
      }
    }),
  );
  return {
    samples,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

test('PostgreSQL restarted under load: pages say the portal is reconnecting, and come back by themselves', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DEMO.partner);
  await openContosoUsers(page);
  const usersPath = new URL(page.url()).pathname;
  const traffic = load(page.context().request, ['/dashboard', '/accounts', usersPath], 6);
  await expect.poll(() => traffic.samples.length).toBeGreaterThan(6);

  const postgres = state().postgres!;
  process.kill(postgres.pid, 'SIGINT'); // a fast shutdown, as a restart or a fail-over does
  await page.reload();
  await expect(page.getByRole('heading', { name: 'The portal is reconnecting' })).toBeVisible({ timeout: 20_000 });
  // No click: the page reloads itself once the database (restarted by the supervisor) answers.
  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => state().postgres!.pid, { timeout: 30_000 }).not.toBe(postgres.pid);
  // Reconnected: the answers settle into pages again (each process finds out on its own, within seconds).
  await expect.poll(() => traffic.samples.slice(-12).every((s) => s.status === 200) && traffic.samples.length > 24, { timeout: 30_000 }).toBe(true);
  await traffic.stop();

  const all = traffic.samples;
  // During the outage: 503 "reconnecting", or (the first failure a process sees) our error page.
  expect(all.filter((s) => ![200, 500, 503].includes(s.status))).toEqual([]);
  expect(all.filter((s) => s.status === 503 && !s.reconnecting)).toEqual([]);
  expect(all.filter((s) => s.bareNextError)).toEqual([]);
  expect(all.filter((s) => s.status === 503).length).toBeGreaterThan(0);

  // And it changes data again.
  await addUser(page, 'After', 'Restart', `after.restart.${run}@contoso.example`);
});
