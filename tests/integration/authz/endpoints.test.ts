import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import type { SignedInUser } from '@/lib/auth/load-actor';
import { boss } from '@/lib/jobs/boss';
import { EMAIL, seed } from '../helpers';
import { PROBES, lackable, signedIn, withoutBoxes, world, type Probe, type World } from './actors';
import { ENDPOINTS, type Endpoint } from './registry';
import { freshAccount, target, type Target } from './targets';

/*
 * The authorization suite (ROLE-6, issue 5): every server action and route handler in app/ is
 * called by actors who must be refused — a signed-out visitor, the admin of another account, an
 * account manager on an account not assigned to it, a plain user, and a custom role without the
 * needed box — and must change nothing. A control call by an allowed actor proves each call is
 * well-formed, so no refusal here is a mere bad request. The session is the one seam replaced:
 * `currentUser()` answers with the actor under test; everything else is the real code on a real
 * database.
 */
const session = vi.hoisted(() => ({ current: null as SignedInUser | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: async () => session.current,
  requireUser: async () => {
    if (!session.current) throw new Error('signed out');
    return session.current;
  },
  currentLocale: async () => 'en',
}));
// Route caches do not exist outside a Next request; the actions revalidate after a change.
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const ROOT = path.resolve(import.meta.dirname, '../../..');
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** Every route handler method and every exported server action under app/, as "file#export". */
async function discover(): Promise<string[]> {
  const found: string[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : /\.(ts|tsx)$/.test(name) ? [file] : [];
    });
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

const REFUSED = new Set(['errors.notFound', 'errors.forbidden', 'errors.unauthenticated']);

type Outcome = 'refused' | 'unauthenticated' | 'ok' | { other: string };
async function outcomeOf(result: unknown): Promise<Outcome> {
  if (result instanceof Response) {
    if (result.status === 401) return 'unauthenticated';
    if (result.status === 403 || result.status === 404) return 'refused';
    if (result.ok) return 'ok';
    return { other: `${result.status} ${await result.text()}` };
  }
  const r = result as { ok?: boolean; formError?: string | null; fieldErrors?: unknown };
  if (r?.ok === true) return 'ok';
  if (r?.formError === 'errors.unauthenticated') return 'unauthenticated';
  if (r?.formError && REFUSED.has(r.formError)) return 'refused';
  return { other: JSON.stringify(r) };
}

/** What a refused call must leave as it was. */
async function fingerprint(): Promise<string> {
  const tables = ['events', 'users', 'accounts', 'notifications', 'user_imports', 'user_import_rows', 'roles', 'role_permissions', 'role_accounts', 'account_manager_assignments', 'mail_outbox', 'support_contacts', 'auth_tokens'];
  const counts = await db().execute<{ t: string }>(sql.raw(`select concat_ws(',', ${tables.map((t) => `(select count(*) from ${t})`).join(', ')},
    (select max(updated_at) from users), (select max(updated_at) from accounts), (select sum(session_version) from users),
    (select count(*) from pgboss.job)) as t`));
  return counts[0]!.t;
}

let w: World;
const people: Record<'alice' | 'bram' | 'partner' | 'sam' | 'uma', SignedInUser> = {} as never;
let checked = 0;
const declared = Object.entries(ENDPOINTS);
const guarded = declared.filter(([, e]) => e.level !== 'public');

beforeAll(async () => {
  await seed();
  await boss(); // the job tables exist before the first snapshot
  w = await world();
  for (const name of ['alice', 'bram', 'partner', 'sam', 'uma'] as const) people[name] = await signedIn(EMAIL[name]);
});

afterAll(() => {
  const probed = guarded.length;
  console.log(`authorization suite: ${declared.length} endpoints declared (${declared.length - probed} public by design), ${probed} probed; ${checked} refusals checked (endpoints × actors) plus ${probed} allowed controls`);
});

/** The probes that apply to an endpoint (the skipped ones say why in the registry). */
function probesFor(e: Endpoint): Probe[] {
  return PROBES.filter((probe) => {
    if (e.skip?.[probe]) return false;
    if (e.level === 'self') return probe === 'signedOut' || probe === 'otherAccountAdmin';
    if (probe === 'missingBox') return lackable(e.needs ?? [], e.level === 'partner' ? 'partner' : 'account');
    return true;
  });
}

/** The caller and the target of a probe, or null when the probe does not apply. */
async function setUp(e: Endpoint, probe: Probe | 'control'): Promise<{ caller: SignedInUser | null; t: Target } | null> {
  const other = async () => freshAccount(w.a.partnerOrgId);
  const { alice, bram, partner, sam, uma } = people;
  if (e.level === 'self') {
    if (probe === 'control') return { caller: alice, t: target(w.a, alice, alice) };
    if (probe === 'signedOut') return { caller: null, t: target(w.a, null, alice) };
    if (probe === 'otherAccountAdmin') return { caller: alice, t: target(w.b, alice, bram) }; // someone else's things
    return null;
  }
  const partnerLevel = e.level === 'partner';
  switch (probe) {
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
