// TEAMS-5 "Verify configuration": the checks in the order the dialog shows them, each with the
// remedy the UI offers (teams.verify.<check>.<status> / teams.verify.<check>.remedy). Pure.
import type { StoredCheck } from '@/db/schema';

export const VERIFICATION_CHECKS = [
  'integrationAdded',
  'setupDone',
  'credentials',
  'adminConsent',
  'permissions',
  'secretExpiry',
  'gateway',
  'syncEnabled',
  'usersMatched',
  'graphHealthy',
] as const;
export type VerificationCheck = (typeof VERIFICATION_CHECKS)[number];

/** Azure's application permissions the presence sync needs (seed 001 5211-5213, 5380-5400). */
export const REQUIRED_APP_PERMISSIONS = ['Presence.ReadWrite.All', 'User.Read.All'] as const;

/** A secret expiring within this many days is a warning (the gear replaces it, TEAMS-1). */
export const SECRET_WARNING_DAYS = 30;

export function secretExpiryStatus(endDateTime: Date | null, now = new Date()): StoredCheck['status'] {
  if (!endDateTime) return 'skipped';
  const days = (endDateTime.getTime() - now.getTime()) / 86_400_000;
  return days <= 0 ? 'failed' : days <= SECRET_WARNING_DAYS ? 'warning' : 'ok';
}

export function missingPermissions(roles: readonly string[]): string[] {
  return REQUIRED_APP_PERMISSIONS.filter((p) => !roles.includes(p));
}

/** Checks after a failed one that needs it are skipped, not reported as failures of their own. */
export function skipRest(checks: StoredCheck[], from: VerificationCheck): StoredCheck[] {
  const done = new Set(checks.map((c) => c.check));
  const start = VERIFICATION_CHECKS.indexOf(from);
  return [...checks, ...VERIFICATION_CHECKS.slice(start).filter((c) => !done.has(c)).map((check) => ({ check, status: 'skipped' as const }))];
}
