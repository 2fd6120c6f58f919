import type { Permission } from '@/lib/authz/types';
import type { Probe } from './actors';
import type { Target } from './targets';

/**
 * Every page of the app, with what it needs (the authorization suite, not a test file itself).
 * A page is probed through its whole layout chain, as Next renders it: a refusal by a layout
 * (the account layout checks the account's scope) refuses the page. Same levels as the endpoints.
 */
export interface PageSpec {
  level: 'account' | 'partner' | 'self' | 'public';
  needs?: readonly Permission[];
  /** Every box of `needs` is required, not just one of them: the missing-box probe runs once per box. */
  needsEach?: true;
  skip?: Partial<Record<Probe, string>>;
  /** The route's params for a call aimed at the target (objects made fresh for it). */
  params?: (t: Target) => Promise<Record<string, string>>;
  /** The query string the page needs, likewise. */
  searchParams?: (t: Target) => Promise<Record<string, string>>;
  /**
   * For pages that render for every signed-in caller (a link anyone may open): true when what the page
   * rendered (its element tree) shows something it should not. The control must show it.
   */
  leaks?: (rendered: unknown, t: Target) => boolean;
  /**
   * Probes the page fails today, each with the defect (reported; the fix belongs in the app): they run as
   * expected failures, so the suite turns red once the page is fixed, and the entry must then go.
   */
  defects?: Partial<Record<Probe, string>>;
  why?: string;
}

const account = async (t: Target) => ({ accountId: t.accountId });
const lists = 'shows only what the caller may reach (the scope tests check the rows)';
const orgWide = 'roles belong to the organisation, not to one account: an account manager may read them';
const newRole = async (t: Target) => ({ roleId: await t.newRole() });
const own = "shows the caller's own things only; there is no other target to aim at";
/** Whether the rendered tree carries the text anywhere (in a text node or a prop of a client component). */
const shows = (rendered: unknown, text: string) => {
  const seen = new WeakSet<object>();
  return (JSON.stringify(rendered, (_key, value: unknown) => (typeof value === 'object' && value !== null ? (seen.has(value) ? undefined : (seen.add(value), value)) : value)) ?? '').includes(text);
};

const voiceAssist = async (t: Target) => {
  await t.setIntegration('voiceAssist', { settings: { pilotNumber: '+442071234567', timeZone: 'Europe/London', recipe: 'businessHours' } });
  return { accountId: t.accountId };
};

/** The account with the CloudLink Gateway integration and a connected, online gateway (GW-2, SUP-4). */
const gateway = async (t: Target) => {
  await t.setIntegration('cloudlinkGateway');
  await t.newGateway({ step: 'connected' });
  return { accountId: t.accountId };
};

export const PAGES: Record<string, PageSpec> = {
  'app/(portal)/settings/api-keys/page.tsx': { level: 'partner', needs: ['orders.view'] },
  'app/(portal)/orders/page.tsx': { level: 'partner', needs: ['orders.view'], skip: { unassignedManager: lists } },
  'app/(portal)/accounts/[accountId]/integrations/page.tsx': { level: 'account', needs: ['integrations.view'], params: account },
  'app/(portal)/accounts/[accountId]/voice-assist/[[...section]]/page.tsx': { level: 'account', needs: ['integrations.view'], params: voiceAssist },
  'app/(portal)/accounts/[accountId]/integrations/gateway/page.tsx': { level: 'account', needs: ['integrations.view'], params: gateway },
  // Beyond TEAMS-2: presence sync health. Integrations View opens the section, but the page shows only to those who may configure (Add or Edit).
  'app/(portal)/accounts/[accountId]/integrations/teams/page.tsx': {
    level: 'account',
    needs: ['integrations.add', 'integrations.edit'],
    params: async (t) => {
      await t.setTeams({ syncToTeams: true });
      await t.newTeamsUser({ pbx: true });
      return { accountId: t.accountId };
    },
  },
  'app/(portal)/accounts/[accountId]/gateway-support/page.tsx': { level: 'account', needs: ['support.view', 'integrations.view'], needsEach: true, params: gateway },
  'app/(portal)/accounts/[accountId]/customer-service/page.tsx': {
    level: 'account',
    needs: ['customerService.view'],
    params: async (t) => {
      await t.setIntegration('workgroups');
      return { accountId: t.accountId };
    },
  },
  'app/(portal)/accounts/[accountId]/page.tsx': { level: 'account', params: account },
  // Prime partners and partners without a billing account get a 404 too: tests/integration/orders/subscriptions.test.ts.
  'app/(portal)/accounts/[accountId]/subscriptions/page.tsx': { level: 'account', needs: ['subscriptions.view'], params: account },
  'app/(portal)/accounts/[accountId]/users/page.tsx': { level: 'account', needs: ['users.view'], params: account },
  'app/(portal)/accounts/[accountId]/users/[userId]/page.tsx': {
    level: 'account',
    needs: ['users.view'],
    params: async (t) => ({ accountId: t.accountId, userId: (await t.newUser()).id }),
  },
  'app/(portal)/accounts/[accountId]/users/new/page.tsx': { level: 'account', needs: ['users.add'], params: account },
  'app/(portal)/accounts/[accountId]/users/import/page.tsx': { level: 'account', needs: ['users.add'], params: account },
  'app/(portal)/accounts/[accountId]/users/import/[importId]/page.tsx': {
    level: 'account',
    needs: ['users.add'],
    params: async (t) => ({ accountId: t.accountId, importId: await t.newImport() }),
  },
  'app/(portal)/accounts/page.tsx': { level: 'partner', skip: { unassignedManager: lists } },
  'app/(portal)/accounts/new/page.tsx': { level: 'partner', needs: ['account.add'], skip: { unassignedManager: 'an account manager is a partner admin; adding reaches no existing account' } },
  'app/(portal)/dev/mailbox/page.tsx': { level: 'partner' },
  'app/(portal)/account-managers/page.tsx': { level: 'partner', needs: ['roles.assign'] },
  'app/(portal)/account-managers/assign/page.tsx': {
    level: 'partner',
    needs: ['roles.assign'],
    searchParams: async (t) => ({ managers: await t.newPartnerAdmin({ manager: true }) }),
  },
  'app/(portal)/roles/page.tsx': { level: 'partner', needs: ['roles.view'], skip: { unassignedManager: orgWide } },
  'app/(portal)/roles/new/page.tsx': { level: 'partner', needs: ['roles.add'], skip: { unassignedManager: orgWide } },
  'app/(portal)/roles/[roleId]/page.tsx': { level: 'partner', needs: ['roles.view'], skip: { unassignedManager: orgWide }, params: newRole },
  'app/(portal)/roles/[roleId]/accounts/page.tsx': { level: 'partner', needs: ['roles.view'], skip: { unassignedManager: lists }, params: newRole },
  'app/(portal)/dashboard/page.tsx': { level: 'self', skip: { otherAccountAdmin: own } },
  'app/(portal)/settings/password/page.tsx': { level: 'self', skip: { otherAccountAdmin: own } },
  'app/page.tsx': { level: 'public', why: 'sends visitors on to the dashboard or the sign-in page' },
  'app/(auth)/sign-in/page.tsx': { level: 'public', why: 'the sign-in form' },
  'app/(auth)/forgot-password/page.tsx': { level: 'public', why: 'the forgot-password form' },
  'app/(auth)/welcome/[token]/page.tsx': { level: 'public', why: 'the welcome link; the token is the credential' },
  'app/(auth)/reset-password/[token]/page.tsx': { level: 'public', why: 'the reset link; the token is the credential' },
  'app/(auth)/support/page.tsx': { level: 'public', why: 'support contact information' },
  'app/(auth)/legal/page.tsx': { level: 'public', why: 'legal notices' },
  'app/(auth)/sso/complete/page.tsx': {
    level: 'public',
    why: "the browser arrives from the ACS (SSO-2) to exchange its single-use ticket cookie for the session; the ticket is the credential, the page itself shows only \"signing you in\"",
  },
  'app/(auth)/sso/refused/page.tsx': { level: 'public', why: "a refused SAML sign-in (SSO-2): a safe sentence for the failing check's kind and a reference number, nothing of the account" },
  // Where Microsoft's redirects land (TEAMS-4 /api/graph/monitor-auth, O365-1 /api/o365/consent): their browser need not be signed in.
  'app/(auth)/teams/monitor-result/page.tsx': {
    level: 'public',
    why: 'where Azure\'s redirect after a presence monitor\'s sign-in lands: reads only `?outcome=` (one of four fixed sentences) and nothing of any account; the route before it did the work',
  },
  'app/(auth)/o365/consent-result/page.tsx': {
    level: 'public',
    why: 'where the Office 365 admin consent pop-up lands: reads only `?outcome=` (one of four fixed sentences) and nothing of any account; the route before it did the work',
  },
  // Beyond SSO-3: the Test connection pop-up; an unknown or unreachable test reads "no such test" rather than a 404.
  'app/(auth)/sso/test-result/page.tsx': {
    level: 'account',
    needs: ['integrations.add', 'integrations.edit'],
    searchParams: async (t) => ({ request: await t.newSsoTest() }),
    leaks: (rendered, t) => shows(rendered, `probe test of ${t.accountId}`),
  },
};
