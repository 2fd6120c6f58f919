import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { scimUsers } from '@/db/schema';

export interface ScimUserView {
  userName: string;
  /** The attributes a SCIM client sent beyond the portal's own fields (other e-mails and numbers, roles, addresses). */
  data: Record<string, unknown>;
  updatedAt: string;
}

/** USR-4: the "Advanced" section of a SCIM-synced user. The caller has already fetched the user in scope. */
export async function readScimUser(q: DbOrTx, userId: string): Promise<ScimUserView | null> {
  const [row] = await q.select().from(scimUsers).where(eq(scimUsers.userId, userId)).limit(1);
  return row ? { userName: row.userName, data: row.data, updatedAt: row.updatedAt.toISOString() } : null;
}
