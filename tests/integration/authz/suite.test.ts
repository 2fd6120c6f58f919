// First: the Office 365 app's settings must be in the environment before anything reads env() (it keeps them).
import './office365-env';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import type { SignedInUser } from '@/lib/auth/load-actor';
import type { Permission } from '@/lib/authz/types';
import { env } from '@/lib/env';
import { boss } from '@/lib/jobs/boss';
import { QUEUES } from '@/lib/jobs/queues';
import { EMAIL, seed } from '../helpers';
import { PROBES, lackable, signedIn, withoutBoxes, world, type Probe, type World } from './actors';
import { JOBS } from './jobs';
import { PAGES, type PageSpec } from './pages';
import { ENDPOINTS, type Endpoint, type PublicCall } from './registry';
import { freshAccount, startMicrosoft, stopMicrosoft, target, type Target } from './targets';

/*
 * The authorization suite (ROLE-6, issue 5): every server action, route handler and page in app/ is
 * called by actors who must be refused — a signed-out visitor, the admin of another account, an
 * account manager on an account not assigned to it, a plain user, and a custom role without the
 * needed box — and must change nothing. A control call by an allowed actor proves each call is
 * well-formed, so no refusal here is a mere bad request. The session is the one seam replaced:
 * `currentUser()` answers with the actor under test; everything else is the real code on a real
 * database.
 */
const session = vi.hoisted(() => ({ current: null as SignedInUser | null }));
vi.mock('@/lib/auth/session', async () => {
  const { redirect } = await import('next/navigation');
  return {
    currentUser: async () => session.current,
    requireUser: async () => session.current ?? redirect('/sign-in'),
    currentLocale: async () => 'en',
  };
});
// Route caches do not exist outside a Next request; the actions revalidate after a change.
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const ROOT = path.resolve(import.meta.dirname, '../../..');
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : /\.(ts|tsx)$/.test(name) ? [file] : [];
  });

/** Every page under app/. */
function discoverPages(): string[] {
  return walk(path.join(ROOT, 'app'))
    .filter((file) => path.basename(file) === 'page.tsx')
    .map((file) => path.relative(ROOT, file))
    .sort();
}

/** Every route handler method and every exported server action under app/, as "file#export". */
async function discover(): Promise<string[]> {
  const found: string[] = [];
  for (const file of walk(path.join(ROOT, 'app'))) {
    const isRoute = path.basename(file) === 'route.ts';
    const isActions = /^\s*['"]use server['"]/.test(readFileSync(file, 'utf8'));
    if (!isRoute && !isActions) continue;
    const exported = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      if (isRoute && !METHODS.has(name)) continue;
      found.push(`${path.relative(ROOT, file)}#${name}`);
    }
  }
  return found.sort();
}

type Outcome = 'refused' | 'unauthenticated' | 'ok' | { other: string };
/**
 * A refusal is a 403 or 404 (out of scope looks absent); 401 is the signed-out answer. A redirect out
 * of the portal is the work done (an SSO start sends the browser to the IdP); one back into it (the
 * SSO refusal page) is not.
 */
async function outcomeOf(result: unknown): Promise<Outcome> {
  if (result instanceof Response) {
    if (result.status === 401) return 'unauthenticated';
    if (result.status === 403 || result.status === 404) return 'refused';
    if (result.ok) return 'ok';
    if (result.status >= 300 && result.status < 400) {
      const to = new URL(result.headers.get('location') ?? '/', env().APP_URL);
      if (to.origin !== new URL(env().APP_URL).origin) return 'ok';
      return { other: `${result.status} to ${to.pathname}${to.search}` };
    }
    return { other: `${result.status} ${await result.text()}` };
  }
  const r = result as { ok?: boolean; status?: number };
  if (r?.ok === true) return 'ok';
  if (r?.status === 401) return 'unauthenticated';
  if (r?.status === 403 || r?.status === 404) return 'refused';
  return { other: JSON.stringify(r) };
}

/** Tables whose every row a refused call must leave as it was (hashed whole: some have no updated_at, e.g. a verification's outcome). */
const HASHED = ['teams_connections', 'teams_presence_users', 'presence_monitors', 'monitor_auth_requests', 'graph_subscriptions', 'o365_consents', 'o365_consent_requests', 'pbx_users', 'pbx_user_states'];

/** What a refused call must leave as it was. */
async function fingerprint(): Promise<string> {
  const tables = ['events', 'users', 'accounts', 'notifications', 'user_imports', 'user_import_rows', 'roles', 'role_permissions', 'role_accounts', 'account_manager_assignments', 'mail_outbox', 'support_contacts', 'auth_tokens', 'account_integrations', 'user_licences', 'orders', 'partner_api_keys', 'gateways', 'gateway_commands', 'sso_connections', 'saml_requests', 'saml_assertions', 'sso_tickets', 'sso_login_log', 'scim_tokens', 'scim_users', 'scim_activity'];
  const counts = await db().execute<{ t: string }>(sql.raw(`select concat_ws(',', ${tables.map((t) => `(select count(*) from ${t})`).join(', ')},
    (select max(updated_at) from users), (select max(updated_at) from accounts), (select sum(session_version) from users),
    (select max(updated_at) from account_integrations), (select max(updated_at) from gateways), (select string_agg(concat(delegated_authentication, guest_access, updated_at), ',' order by account_id) from account_privileges),
    (select max(updated_at) from sso_connections), (select string_agg(token_hash, ',' order by account_id) from scim_tokens),
    ${HASHED.map((t) => `(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from ${t} x)`).join(', ')},
    (select count(*) from pgboss.job)) as t`));
  return counts[0]!.t;
}

let w: World;
const people: Record<'alice' | 'bram' | 'partner' | 'sam' | 'uma', SignedInUser> = {} as never;
let checked = 0;
let pagesChecked = 0;
let jobsChecked = 0;
const declared = Object.entries(ENDPOINTS);
const guarded = declared.filter(([, e]) => e.level !== 'public');
const pages = Object.entries(PAGES);
const guardedPages = pages.filter(([, p]) => p.level !== 'public');
const forgeable = declared.filter(([, e]) => e.level === 'public' && e.forged);
let forgedChecked = 0;

beforeAll(async () => {
  await startMicrosoft(); // the Graph emulator stands in for Azure (TEAMS, O365-1)
  await seed();
  await boss(); // the job tables exist before the first snapshot
  w = await world();
  for (const name of ['alice', 'bram', 'partner', 'sam', 'uma'] as const) people[name] = await signedIn(EMAIL[name]);
});

afterAll(async () => {
  await stopMicrosoft();
  const probed = guarded.length;
  console.log(`authorization suite: ${declared.length} endpoints declared (${declared.length - probed} public by design), ${probed} probed; ${checked} refusals checked (endpoints × actors) plus ${probed} allowed controls`);
  console.log(`authorization suite: ${forgeable.length} public endpoints that authenticate their callers themselves; ${forgedChecked} forged calls checked plus ${forgeable.filter(([, e]) => e.genuine).length} genuine controls`);
  console.log(`authorization suite: ${Object.keys(JOBS).length} job queues declared; ${jobsChecked} refused jobs checked (actor-guarded queues × actors)`);
  console.log(`authorization suite: ${pages.length} pages declared (${pages.length - guardedPages.length} public by design), ${guardedPages.length} probed; ${pagesChecked} refusals checked (pages × actors) plus ${guardedPages.length} allowed controls`);
});

/** A probe; with `needsEach` the missing-box probe is one per box (`missingBox:<box>`). */
type Case = Probe | `missingBox:${Permission}`;

/** The probes that apply to an endpoint (the skipped ones say why in the registry). */
function probesFor(e: Endpoint | PageSpec): Case[] {
  const level = e.level === 'partner' ? 'partner' : 'account';
  return PROBES.flatMap((probe): Case[] => {
    if (e.skip?.[probe]) return [];
    if (e.level === 'self') return probe === 'signedOut' || probe === 'otherAccountAdmin' ? [probe] : [];
    if (probe === 'missingBox' && e.needsEach) return (e.needs ?? []).filter((box) => lackable([box], level)).map((box) => `missingBox:${box}` as const);
    if (probe === 'missingBox') return lackable(e.needs ?? [], level) ? [probe] : [];
    return [probe];
  });
}

/** The caller and the target of a probe, or null when the probe does not apply. */
async function setUp(e: Pick<Endpoint, 'level' | 'needs'>, probe: Case | 'control'): Promise<{ caller: SignedInUser | null; t: Target } | null> {
  const other = async () => freshAccount(w.a.partnerOrgId);
  const { alice, bram, partner, sam, uma } = people;
  if (e.level === 'self') {
    if (probe === 'control') return { caller: alice, t: target(w.a, alice, alice) };
    if (probe === 'signedOut') return { caller: null, t: target(w.a, null, alice) };
    if (probe === 'otherAccountAdmin') return { caller: alice, t: target(w.b, alice, bram) }; // someone else's things
    return null;
  }
  const partnerLevel = e.level === 'partner';
  if (probe.startsWith('missingBox:')) {
    const caller = await withoutBoxes(w, [probe.slice('missingBox:'.length) as Permission], partnerLevel ? 'partner' : 'account');
    if (!caller) return null;
    return { caller, t: partnerLevel ? target(await other(), caller, partner) : target(w.a, caller, alice) };
  }
  switch (probe as Probe | 'control') {
    case 'control':
      return partnerLevel ? { caller: partner, t: target(await other(), partner, partner) } : { caller: alice, t: target(w.a, alice, alice) };
    case 'signedOut':
      return partnerLevel ? { caller: null, t: target(await other(), null, partner) } : { caller: null, t: target(w.a, null, alice) };
    case 'otherAccountAdmin':
      return partnerLevel ? { caller: alice, t: target(await other(), alice, partner) } : { caller: alice, t: target(w.b, alice, bram) };
    case 'unassignedManager':
      return { caller: sam, t: partnerLevel ? target(await other(), sam, partner) : target(w.b, sam, bram) };
    case 'plainUser':
      return partnerLevel ? { caller: uma, t: target(await other(), uma, partner) } : { caller: uma, t: target(w.a, uma, alice) };
    case 'missingBox': {
      const caller = e.needs?.length ? await withoutBoxes(w, e.needs, partnerLevel ? 'partner' : 'account') : null;
      if (!caller) return null;
      return { caller, t: partnerLevel ? target(await other(), caller, partner) : target(w.a, caller, alice) };
    }
  }
}

describe('the authorization suite (ROLE-6)', () => {
  it('declares every route handler and server action the app has, and nothing else', async () => {
    expect(await discover()).toEqual(declared.map(([key]) => key).sort());
  });

  describe.each(guarded)('%s', (_key, e) => {
    it.each(probesFor(e))('refuses %s and changes nothing', async (probe) => {
      const setup = (await setUp(e, probe))!;
      const act = await e.call!(setup.t);
      session.current = setup.caller;
      const before = await fingerprint();
      const result = await act();
      const outcome = await outcomeOf(result);
      if (probe === 'signedOut') expect(outcome).toBe('unauthenticated');
      else if (e.leaks && outcome === 'ok') expect(e.leaks(result, setup.t)).toBe(false);
      else expect(outcome).toBe('refused');
      expect(await fingerprint()).toBe(before);
      checked++;
    });

    it('lets an allowed actor through (the control)', async () => {
      const setup = (await setUp(e, 'control'))!;
      const act = await e.call!(setup.t);
      session.current = setup.caller;
      expect(await outcomeOf(await act())).toBe('ok');
    });
  });
});

/** How a public endpoint answered: its status and, for a redirect, where to in the portal (path and query) or the whole address elsewhere. */
function answerOf(result: Response): PublicCall['answer'] {
  const location = result.headers.get('location');
  if (!location) return { status: result.status };
  const to = new URL(location, env().APP_URL);
  return { status: result.status, location: to.origin === new URL(env().APP_URL).origin ? `${to.pathname}${to.search}` : to.href };
}

describe('the authorization suite: public endpoints that authenticate their callers (ROLE-6)', () => {
  describe.each(forgeable)('%s', (_key, e) => {
    it.each(Object.entries(e.forged!))('answers %s as a refusal and changes nothing', async (_name, forged) => {
      const t = target(w.a, null, people.alice);
      const act = await forged.call(t);
      session.current = null;
      const before = await fingerprint();
      expect(answerOf(await act())).toEqual(forged.answer);
      expect(await fingerprint()).toBe(before);
      forgedChecked++;
    });

    if (e.genuine) {
      it('answers the genuine call, which does its work (the control)', async () => {
        const t = target(w.a, null, people.alice);
        const act = await e.genuine!.call(t);
        session.current = null;
        const before = await fingerprint();
        expect(answerOf(await act())).toEqual(e.genuine!.answer);
        expect(await fingerprint()).not.toBe(before);
      });
    }
  });
});

/** The page with its layouts (outermost first, the root layout left out: it only sets the language); the page's element tree. */
async function renderChain(file: string, params: Record<string, string>, searchParams: Record<string, string> = {}): Promise<unknown> {
  const dirs: string[] = [];
  for (let dir = path.dirname(path.join(ROOT, file)); dir !== path.join(ROOT, 'app'); dir = path.dirname(dir)) dirs.unshift(dir);
  const props = { params: Promise.resolve(params), searchParams: Promise.resolve(searchParams), children: null };
  for (const dir of dirs) {
    const layout = path.join(dir, 'layout.tsx');
    if (!existsSync(layout)) continue;
    await ((await import(layout)) as { default: (p: typeof props) => Promise<unknown> }).default(props);
  }
  return ((await import(path.join(ROOT, file))) as { default: (p: typeof props) => Promise<unknown> }).default(props);
}

/** How a page answered: rendered, the 404 page, or sent to sign in. */
async function pageOutcome(run: () => Promise<unknown>): Promise<'rendered' | 'notFound' | 'signIn' | { other: string }> {
  try {
    await run();
    return 'rendered';
  } catch (e) {
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return 'notFound';
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT') && digest.includes('/sign-in')) return 'signIn';
    return { other: e instanceof Error ? e.message : String(e) };
  }
}

describe('the authorization suite: pages (ROLE-6)', () => {
  it('declares every page the app has, and nothing else', () => {
    expect(discoverPages()).toEqual(pages.map(([key]) => key).sort());
  });

  describe.each(guardedPages)('%s', (file, page) => {
    const check = async (probe: Case) => {
      const setup = (await setUp(page, probe))!;
      const params = page.params ? await page.params(setup.t) : {};
      const query = page.searchParams ? await page.searchParams(setup.t) : {};
      session.current = setup.caller;
      let rendered: unknown;
      const outcome = await pageOutcome(async () => (rendered = await renderChain(file, params, query)));
      if (probe === 'signedOut') expect(outcome).toBe('signIn');
      else if (page.leaks && outcome === 'rendered') expect(page.leaks(rendered, setup.t)).toBe(false);
      else expect(outcome).toBe('notFound');
      pagesChecked++;
    };
    const defect = (c: Case) => page.defects?.[c.split(':')[0] as Probe];
    const cases = probesFor(page);
    if (cases.some((c) => !defect(c))) it.each(cases.filter((c) => !defect(c)))('shows %s nothing', check);
    // A known defect fails today (pages.ts says how); once the page is fixed this fails, and the entry goes.
    if (cases.some(defect)) it.fails.each(cases.filter(defect))('shows %s nothing (a known defect, expected to fail)', check);

    it('renders for an allowed actor (the control)', async () => {
      const setup = (await setUp(page, 'control'))!;
      const params = page.params ? await page.params(setup.t) : {};
      const query = page.searchParams ? await page.searchParams(setup.t) : {};
      session.current = setup.caller;
      let rendered: unknown;
      expect(await pageOutcome(async () => (rendered = await renderChain(file, params, query)))).toBe('rendered');
      if (page.leaks) expect(page.leaks(rendered, setup.t)).toBe(true); // what the probes must not see is there to see
    });
  });
});

describe('the authorization suite: jobs (ROLE-6)', () => {
  it('declares every job queue, and how its handler is guarded', () => {
    expect(Object.keys(JOBS).sort()).toEqual(Object.keys(QUEUES).sort());
  });

  const actorJobs = Object.entries(JOBS).flatMap(([name, job]) => (job.guard === 'actor' ? [[name, job] as const] : []));
  describe.each(actorJobs)('%s re-checks the asking user when it runs', (_name, job) => {
    it.each(['otherAccountAdmin', 'unassignedManager', 'plainUser'] as const)('a job asked for by %s changes nothing', async (probe) => {
      const setup = (await setUp({ level: job.level }, probe))!;
      const run = await job.probe(setup.caller!, setup.t);
      const before = await fingerprint();
      await run();
      expect(await fingerprint()).toBe(before);
      jobsChecked++;
    });

    it('a job asked for by an allowed user does its work (the control)', async () => {
      const setup = (await setUp({ level: job.level }, 'control'))!;
      const run = await job.probe(setup.caller!, setup.t);
      const before = await fingerprint();
      await run();
      expect(await fingerprint()).not.toBe(before);
    });
  });

  it('account-delete is guarded by the state an authorised request left', () => {
    expect(JOBS['account-delete']).toMatchObject({ guard: 'state', probe: expect.any(Function) });
  });

  // account-delete empties no account an authorised request has not marked for deletion; gateway-reset resets no gateway whose reset nobody asked for.
  const strayJobs = Object.entries(JOBS).flatMap(([name, job]) => (job.guard !== 'actor' && job.probe ? [[name, job.probe] as const] : []));
  it.each(strayJobs)('%s does nothing for a job that no authorised request asked for', async (_name, probe) => {
    const setup = (await setUp({ level: 'partner' }, 'control'))!;
    const run = await probe(setup.t);
    const before = await fingerprint();
    await run();
    expect(await fingerprint()).toBe(before);
  });
});
