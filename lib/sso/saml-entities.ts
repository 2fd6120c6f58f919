import 'server-only';
import * as validator from '@authenio/samlify-node-xmllint';
import * as samlify from 'samlify';
import { env } from '@/lib/env';

// samlify refuses to parse anything until a schema validator is set; responses are checked against
// the SAML 2.0 XSDs before any signature work.
samlify.setSchemaValidator(validator);

/** Tolerated clock difference between the IdP and us, for NotBefore / NotOnOrAfter (SSO-2). */
export const CLOCK_SKEW_MS = 3 * 60_000;

/** Where an account's SAML service provider lives (SSO-1: "Mitel identifier" and "Reply URL"). */
export function spEndpoints(accountId: string, base = env().APP_URL) {
  const root = `${base}/api/sso/${accountId}`;
  return { entityId: `${root}/metadata`, acsUrl: `${root}/acs`, metadataUrl: `${root}/metadata`, loginUrl: `${root}/login` };
}

export function serviceProvider(accountId: string) {
  const { entityId, acsUrl } = spEndpoints(accountId);
  return samlify.ServiceProvider({
    entityID: entityId,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: acsUrl }],
    nameIDFormat: [samlify.Constants.namespace.format.emailAddress],
    authnRequestsSigned: false,
    wantAssertionsSigned: true,
    clockDrifts: [-CLOCK_SKEW_MS, CLOCK_SKEW_MS],
  });
}

export function identityProvider(connection: { idpEntityId: string; ssoUrl: string }, certificates: readonly string[]) {
  return samlify.IdentityProvider({
    entityID: connection.idpEntityId,
    signingCert: certificates.length === 1 ? certificates[0] : [...certificates],
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: connection.ssoUrl }],
    wantAuthnRequestsSigned: false,
  });
}

export { samlify };
