import { SSO_CHECKS, type SsoCheck } from './refusal';

export type RefusalMessage = 'noAccount' | 'unregistered' | 'deactivated' | 'notConfigured' | 'unverified';

/**
 * The sentence a refused person reads: about their account when that is what failed, otherwise
 * one neutral "could not be verified" — an attacker learns nothing from which check stopped them.
 */
export function refusalMessage(check: string | undefined): RefusalMessage {
  const known = SSO_CHECKS.includes(check as SsoCheck) ? (check as SsoCheck) : null;
  switch (known) {
    case 'unknownUser':
    case 'subject':
      return 'noAccount';
    case 'unregisteredUser':
      return 'unregistered';
    case 'inactiveUser':
    case 'accountInactive':
      return 'deactivated';
    case 'notConfigured':
      return 'notConfigured';
    default:
      return 'unverified';
  }
}
