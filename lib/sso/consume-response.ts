import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { samlAssertions, samlRequests, users } from '@/db/schema';
import { activeConnection } from './connection';
import { logSsoOutcome } from './log-outcome';
import { SsoRefusal, type SsoCheck } from './refusal';
import { issueSsoTicket } from './tickets';
import { verifySamlResponse } from './verify-response';

export type AcsOutcome =
  | { kind: 'signedIn'; ticket: string; userId: string }
  | { kind: 'tested'; requestId: string }
  | { kind: 'refused'; check: SsoCheck; reference: number | null; testRequestId: string | null };

export type TestResult = { ok: boolean; check: SsoCheck | null; detail: string | null; email?: string | null };

/**
 * SSO-2, the assertion consumer: verifies the posted SAMLResponse, then in one transaction uses up
 * the AuthnRequest it answers (SP-initiated) and the assertion id (replay), finds the user and
 * issues the single-use ticket the browser exchanges for a session. A refusal writes nothing but
 * the sign-in log line naming the failing check (and, for Test connection, the test's result).
 */
export async function consumeSamlResponse(accountId: string, samlResponse: unknown, now = new Date()): Promise<AcsOutcome> {
  let email: string | null = null;
  let flow: 'sp' | 'idp' | 'test' = 'idp';
  try {
    const connection = await activeConnection(db(), accountId);
    if (!connection) throw new SsoRefusal('notConfigured', 'the account has no single sign-on in force');
    const verified = await verifySamlResponse(accountId, connection, samlResponse, now);
    email = verified.email;
    return await db().transaction(async (tx) => {
      let purpose: 'login' | 'test' = 'login';
      if (verified.inResponseTo) {
        const [request] = await tx
          .update(samlRequests)
          .set({ consumedAt: now })
          .where(and(eq(samlRequests.id, verified.inResponseTo), eq(samlRequests.accountId, accountId), isNull(samlRequests.consumedAt), gt(samlRequests.expiresAt, now)))
          .returning({ purpose: samlRequests.purpose });
        if (!request) throw new SsoRefusal('inResponseTo', `the response answers "${verified.inResponseTo}", which is no open request of this account (unknown, used or expired)`);
        purpose = request.purpose;
        flow = purpose === 'test' ? 'test' : 'sp';
      }
      const kept = await tx
        .insert(samlAssertions)
        .values({ accountId, assertionId: verified.assertionId, expiresAt: verified.validUntil })
        .onConflictDoNothing()
        .returning({ id: samlAssertions.assertionId });
      if (kept.length === 0) throw new SsoRefusal('replay', `assertion ${verified.assertionId} was already used`);

      if (connection.accountStatus !== 'active') throw new SsoRefusal('accountInactive', 'the account is deactivated');
      const [user] = await tx
        .select({ id: users.id, inactive: users.inactive, registeredAt: users.registeredAt })
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(sql`lower(${users.email})`, verified.email)))
        .limit(1);
      if (!user) throw new SsoRefusal('unknownUser', `no user of this account has the e-mail ${verified.email}`);
      if (user.inactive) throw new SsoRefusal('inactiveUser', `${verified.email} is deactivated`);
      if (!user.registeredAt) throw new SsoRefusal('unregisteredUser', `${verified.email} has not completed the welcome e-mail yet`);

      if (purpose === 'test') {
        await tx.update(samlRequests).set({ result: { ok: true, check: null, detail: null, email: verified.email } }).where(eq(samlRequests.id, verified.inResponseTo!));
        await logSsoOutcome({ accountId, ok: true, flow, email: verified.email });
        return { kind: 'tested', requestId: verified.inResponseTo! } as const;
      }
      const ticket = await issueSsoTicket(tx, user.id);
      await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
      await logSsoOutcome({ accountId, ok: true, flow, email: verified.email });
      return { kind: 'signedIn', ticket, userId: user.id } as const;
    });
  } catch (e) {
    if (!(e instanceof SsoRefusal)) throw e;
    const testRequestId = await recordTestFailure(accountId, samlResponse, e);
    const reference = await logSsoOutcome({ accountId, ok: false, flow: testRequestId ? 'test' : flow, check: e.check, detail: e.detail, email });
    return { kind: 'refused', check: e.check, reference, testRequestId };
  }
}

/** A posted form larger than the ACS reads: refused as `size` without reading further. */
export async function refuseOversizedPost(accountId: string): Promise<AcsOutcome> {
  const reference = await logSsoOutcome({ accountId, ok: false, flow: 'idp', check: 'size', detail: 'the posted form exceeds the size the assertion consumer reads' });
  return { kind: 'refused', check: 'size', reference, testRequestId: null };
}

/**
 * When a refused response answers one of our open Test connection requests, that test shows the
 * failing check. The request id is read from the unverified document on purpose: it only decides
 * which admin's test shows the failure, and is never trusted for a sign-in.
 */
async function recordTestFailure(accountId: string, samlResponse: unknown, refusal: SsoRefusal): Promise<string | null> {
  if (typeof samlResponse !== 'string' || samlResponse.length > 400_000) return null;
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  const id = /InResponseTo="([^"]{1,200})"/.exec(xml)?.[1];
  if (!id) return null;
  const result: TestResult = { ok: false, check: refusal.check, detail: refusal.detail };
  const [row] = await db()
    .update(samlRequests)
    .set({ result, consumedAt: new Date() })
    .where(and(eq(samlRequests.id, id), eq(samlRequests.accountId, accountId), eq(samlRequests.purpose, 'test'), isNull(samlRequests.result)))
    .returning({ id: samlRequests.id });
  return row?.id ?? null;
}
