// How the MiTeam Meetings licence shows in a user's "Products & licences" (MTM-2), pure.
// Seed 001 lines 3596-3668.

export type MiteamLicenceView =
  /** "No licences": the integration is off, or MiCollab manages them and this user has none. */
  | 'noLicences'
  /** MiCollab manages the licences (3601-3614): the toggle shows the user's licence, read-only. */
  | 'readOnly'
  /** The integration is on but no licence is free (3660-3663): shown, toggle disabled, "Licences not available". */
  | 'notAvailable'
  /** The toggle works: on to take a free licence, off to give it back. */
  | 'toggle';

export interface MiteamLicenceFacts {
  miteamIntegrated: boolean;
  micollabIntegrated: boolean;
  /** The user holds a MiTeam Meetings licence. */
  holds: boolean;
  /** Free MiTeam Meetings licences of the account. */
  available: number;
}

export function miteamLicenceView(f: MiteamLicenceFacts): MiteamLicenceView {
  if (!f.miteamIntegrated) return 'noLicences';
  if (f.micollabIntegrated) return f.holds ? 'readOnly' : 'noLicences';
  if (f.holds || f.available > 0) return 'toggle';
  return 'notAvailable';
}

/**
 * What removing the MiTeam Meetings integration does to the licences users hold (3619-3623): with
 * MiCollab gone too they are all revoked; while MiCollab is integrated they stay (MiCollab manages them).
 */
export function revokesMiteamLicences(remainingIntegrations: readonly string[]): boolean {
  return !remainingIntegrations.includes('micollab');
}
