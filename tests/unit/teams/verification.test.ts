import { describe, expect, it } from 'vitest';
import { missingPermissions, secretExpiryStatus, skipRest, VERIFICATION_CHECKS } from '@/lib/teams/verification-checks';
import { tenantBackoffMs, userRetryDelayMs } from '@/lib/teams/push-due-presences';
import { GraphError } from '@/lib/adapters/graph';

const day = 86_400_000;
const now = new Date('2026-12-07T12:00:00Z');

describe('Verify configuration (TEAMS-5)', () => {
  it.each([
    [null, 'skipped'],
    [new Date(now.getTime() - 1), 'failed'],
    [new Date(now.getTime() + 29 * day), 'warning'],
    [new Date(now.getTime() + 31 * day), 'ok'],
  ] as const)('a secret ending %s is %s', (end, status) => {
    expect(secretExpiryStatus(end, now)).toBe(status);
  });

  it('names the permissions the app lacks', () => {
    expect(missingPermissions(['User.Read.All'])).toEqual(['Presence.ReadWrite.All']);
    expect(missingPermissions(['Presence.ReadWrite.All', 'User.Read.All', 'Application.Read.All'])).toEqual([]);
  });

  it('after a failed check, the ones that depend on it are skipped, in order', () => {
    const checks = skipRest([{ check: 'integrationAdded', status: 'ok' }, { check: 'setupDone', status: 'failed' }], 'credentials');
    expect(checks.map((c) => c.check)).toEqual([...VERIFICATION_CHECKS]);
    expect(checks.slice(2).every((c) => c.status === 'skipped')).toBe(true);
  });
});

describe('push retry rules (TEAMS-6)', () => {
  it("one user's failure waits longer each time, at most ten minutes", () => {
    expect([1, 2, 3, 20].map(userRetryDelayMs)).toEqual([2000, 4000, 8000, 600_000]);
  });

  it("a tenant's 429 waits its Retry-After; an outage backs off to 15 s; a refused secret five minutes", () => {
    const throttled = new GraphError('throttled', 'slow down', { status: 429, code: 'TooManyRequests', retryAfterMs: 7000 });
    expect(tenantBackoffMs(throttled, 0)).toBe(7000);
    const down = new GraphError('unavailable', 'down', { status: 503 });
    expect([0, 1, 3, 4, 10].map((s) => tenantBackoffMs(down, s))).toEqual([1000, 2000, 8000, 15_000, 15_000]);
    const secret = new GraphError('invalidSecret', 'AADSTS7000215', { status: 401, code: 'invalid_client' });
    expect(tenantBackoffMs(secret, 0)).toBe(300_000);
  });
});
