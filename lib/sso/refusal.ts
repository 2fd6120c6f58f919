/**
 * The checks a SAML sign-in passes, in order (SSO-2). A refusal names one of them in the log and in
 * "Test connection"; the person signing in sees only a safe, localised sentence for it.
 */
export const SSO_CHECKS = [
  'notConfigured',
  'size',
  'malformed',
  'status',
  'signature',
  'certificate',
  'wrapping',
  'issuer',
  'audience',
  'recipient',
  'destination',
  'notYetValid',
  'expired',
  'inResponseTo',
  'replay',
  'subject',
  'unknownUser',
  'inactiveUser',
  'unregisteredUser',
  'accountInactive',
] as const;
export type SsoCheck = (typeof SSO_CHECKS)[number];

export class SsoRefusal extends Error {
  constructor(
    readonly check: SsoCheck,
    readonly detail: string,
  ) {
    super(`SSO refused (${check}): ${detail}`);
    this.name = 'SsoRefusal';
  }
}
