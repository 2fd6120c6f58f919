import 'server-only';
import { lt } from 'drizzle-orm';
import { db } from '@/db/client';
import { scimActivity, ssoLoginLog } from '@/db/schema';

export interface ScimActivityEntry {
  accountId: string;
  method: string;
  operation: string;
  path: string;
  userId?: string | null;
  userName?: string | null;
  status: number;
  scimType?: string | null;
  detail?: string | null;
}

/** Beyond SCIM: one row per request of an authenticated client (the activity view reads them). */
export async function recordScimActivity(entry: ScimActivityEntry): Promise<void> {
  await db()
    .insert(scimActivity)
    .values({ ...entry, userId: entry.userId ?? null, userName: entry.userName?.slice(0, 320) ?? null, scimType: entry.scimType ?? null, detail: entry.detail?.slice(0, 2000) ?? null });
}

/** The provisioning activity and the SSO sign-in log are kept 30 days (run by the minute tick). */
export async function pruneIdentityLogs(now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - 30 * 86_400_000);
  await db().delete(scimActivity).where(lt(scimActivity.at, cutoff));
  await db().delete(ssoLoginLog).where(lt(ssoLoginLog.at, cutoff));
}
