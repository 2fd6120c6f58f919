import 'server-only';
import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { supportContacts, users, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { containsPattern } from '@/lib/tables/search-params';

export interface SupportContactView {
  email: string;
  /** Set when the contact is a partner user: the UI shows the name. */
  displayName: string | null;
}

/** SUP-1: an account's support contacts, oldest first. The caller has already scoped the account. */
export async function listSupportContacts(q: DbOrTx, accountId: string): Promise<SupportContactView[]> {
  return q
    .select({ email: supportContacts.email, displayName: users.displayName })
    .from(supportContacts)
    .leftJoin(users, eq(users.id, supportContacts.userId))
    .where(eq(supportContacts.accountId, accountId))
    .orderBy(asc(supportContacts.createdAt), asc(supportContacts.email));
}

/**
 * Makes `emails` the account's support contacts. An address that belongs to a partner user of the
 * account's own partner organisation is linked to that user (so the contact follows the user);
 * any other address stays a plain e-mail. Returns the lists before and after, for the audit event.
 */
export async function replaceSupportContacts(tx: Tx, account: Pick<Account, 'id' | 'partnerOrgId'>, emails: readonly string[]): Promise<{ before: string[]; after: string[] }> {
  const wanted = uniqueEmails(emails);
  const lowered = wanted.map((e) => e.toLowerCase());
  const before = (await listSupportContacts(tx, account.id)).map((c) => c.email);

  await tx
    .delete(supportContacts)
    .where(and(eq(supportContacts.accountId, account.id), lowered.length ? notInArray(sql`lower(${supportContacts.email})`, lowered) : sql`true`));

  const partnerUsers = lowered.length
    ? await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.partnerOrgId, account.partnerOrgId), isNull(users.accountId), inArray(sql`lower(${users.email})`, lowered)))
    : [];
  const userIdOf = new Map(partnerUsers.map((u) => [u.email.toLowerCase(), u.id]));
  if (wanted.length) {
    await tx
      .insert(supportContacts)
      .values(wanted.map((email) => ({ accountId: account.id, email, userId: userIdOf.get(email.toLowerCase()) ?? null })))
      .onConflictDoNothing();
  }
  const after = (await listSupportContacts(tx, account.id)).map((c) => c.email);
  return { before, after };
}

/** Case-insensitive de-duplication that keeps the first spelling. */
export function uniqueEmails(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => {
    const key = e.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface PartnerUserMatch {
  email: string;
  displayName: string;
}

/**
 * SUP-1 combobox: partner users of the actor's own partner organisation whose name or e-mail
 * contains the query. Only partners search this directory; account admins type addresses.
 */
export async function searchPartnerUsers(q: DbOrTx, actor: Actor, query: string, limit = 8): Promise<PartnerUserMatch[]> {
  if (actor.kind !== 'partner' || !actor.partnerOrgId) return [];
  const term = query.trim().slice(0, 100).toLowerCase();
  if (!term) return [];
  const pattern = containsPattern(term);
  return q
    .select({ email: users.email, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.partnerOrgId, actor.partnerOrgId), isNull(users.accountId), sql`${users.searchText} like ${pattern}`))
    .orderBy(asc(sql`lower(${users.displayName})`))
    .limit(limit);
}
