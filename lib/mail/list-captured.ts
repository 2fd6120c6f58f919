import 'server-only';
import { and, desc, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { mailOutbox, type MailRow } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';

/**
 * MAIL-2: mails captured while no SMTP server is configured, for the partner organisation's
 * unrestricted partner admins only (they could reset any of its users anyway).
 */
export async function listCapturedMail(q: DbOrTx, actor: Actor, limit = 100): Promise<MailRow[]> {
  if (actor.kind !== 'partner' || actor.managedAccountIds !== null || !actor.partnerOrgId) return [];
  return q
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.partnerOrgId, actor.partnerOrgId), or(eq(mailOutbox.status, 'captured'), eq(mailOutbox.status, 'failed'))))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}
