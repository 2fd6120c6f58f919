import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { presenceMonitors, type PresenceMonitor, type TeamsConnection } from '@/db/schema';
import { graph, GraphError, type DelegatedToken } from '@/lib/adapters/graph';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';

/** Access tokens per monitor, in this process; refresh tokens live (sealed) in PostgreSQL. */
const cache = new Map<string, DelegatedToken>();
const EARLY_MS = 2 * 60_000;

export function forgetMonitorToken(monitorId: string): void {
  cache.delete(monitorId);
}

/** Azure answers that mean the monitor must be authorised again (its password changed, consent revoked). */
const REAUTHORIZE = new Set(['passwordChanged', 'invalidGrant', 'invalidSecret', 'secretExpired', 'clientNotFound', 'tenantNotFound', 'consentMissing']);

export class MonitorUnauthorizedError extends Error {
  constructor(readonly reason: string) {
    super(`presence monitor not authorised: ${reason}`);
  }
}

/**
 * A monitor's delegated access token, refreshed when due; a rotated refresh token is stored. When
 * Azure refuses the refresh for good the monitor turns "Not authorized" with the reason, and
 * `MonitorUnauthorizedError` tells the caller to skip it.
 */
export async function monitorToken(m: PresenceMonitor, conn: TeamsConnection): Promise<DelegatedToken> {
  const cached = cache.get(m.id);
  if (cached && cached.expiresAt.getTime() - EARLY_MS > Date.now()) return cached;
  if (m.status !== 'authorized' || !m.refreshToken) throw new MonitorUnauthorizedError(m.statusReason ?? 'notAuthorized');
  if (m.tenantId !== conn.tenantId || m.clientId !== conn.clientId) throw new MonitorUnauthorizedError('needsUpdate');
  try {
    const token = await graph.monitorRefresh({ tenantId: conn.tenantId, clientId: conn.clientId, clientSecret: openSecret(m.clientSecret), refreshToken: openSecret(m.refreshToken) });
    cache.set(m.id, token);
    if (token.refreshToken) await db().update(presenceMonitors).set({ refreshToken: sealSecret(token.refreshToken) }).where(eq(presenceMonitors.id, m.id));
    return token;
  } catch (e) {
    if (e instanceof GraphError && REAUTHORIZE.has(e.kind)) {
      cache.delete(m.id);
      await db().update(presenceMonitors).set({ status: 'notAuthorized', statusReason: e.kind, updatedAt: new Date() }).where(eq(presenceMonitors.id, m.id));
      throw new MonitorUnauthorizedError(e.kind);
    }
    throw e;
  }
}
