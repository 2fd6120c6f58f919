import 'server-only';
import { db } from '@/db/client';
import { ssoLoginLog } from '@/db/schema';
import type { SsoCheck } from './refusal';

/**
 * Writes an SSO outcome to the account's sign-in log and, for refusals, one structured line to the
 * server log (the failing check and its detail), so operators and "Test connection" see the same.
 */
export async function logSsoOutcome(entry: { accountId: string; ok: boolean; flow: 'sp' | 'idp' | 'test'; check?: SsoCheck; detail?: string; email?: string | null }): Promise<number | null> {
  if (!entry.ok) console.warn(JSON.stringify({ at: new Date().toISOString(), event: 'sso.refused', accountId: entry.accountId, flow: entry.flow, check: entry.check, detail: entry.detail }));
  try {
    const [row] = await db()
      .insert(ssoLoginLog)
      .values({ accountId: entry.accountId, ok: entry.ok, flow: entry.flow, check: entry.check ?? null, detail: entry.detail ?? null, email: entry.email ?? null })
      .returning({ id: ssoLoginLog.id });
    return row?.id ?? null;
  } catch {
    // An unknown account id (the URL is anyone's to type) has no log to write to.
    return null;
  }
}
