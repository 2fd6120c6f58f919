import { generate } from 'selfsigned';

/** The probe IdP of the authorization suite (not a test file itself). */
export const PROBE_IDP = { idpEntityId: 'https://idp.authz.example/saml', ssoUrl: 'https://idp.authz.example/saml/sso' } as const;

let made: Promise<string> | undefined;

/** A valid PEM signing certificate of the probe IdP (SSO-1), made once per test file. */
export function probeCertificate(): Promise<string> {
  made ??= generate([{ name: 'commonName', value: 'idp.authz.example' }], { keySize: 2048, algorithm: 'sha256' }).then((pems) => pems.cert);
  return made;
}
