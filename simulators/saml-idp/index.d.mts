/** Which library builds (and signs) the responses. */
export type SamlIdpEngine = 'auth0' | 'samlify';

/** Which elements carry an enveloped signature. */
export type SamlSignMode = 'assertion' | 'response' | 'both' | 'none';

export interface SamlIdpOptions {
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** HTTP port; default 0 (pick a free port). */
  port?: number;
  /** "auth0" (npm samlp, default) or "samlify" (samlify's IdentityProvider). */
  engine?: SamlIdpEngine;
  /** IdP entity id; default `${url}/metadata`. */
  entityId?: string;
  /** Validity of the generated certificates in days from now; default 365. 0 or less: expired that many days ago. */
  certificateValidDays?: number;
  /** Host name used in the URLs instead of `host` (e.g. "localhost"). */
  publicHost?: string;
}

export interface SamlMintOptions {
  /** The signed-in user's e-mail: the NameID (unless `nameId`) and the e-mail attributes. */
  email: string;
  /** AudienceRestriction/Audience: the SP entity id. */
  audience: string;
  /** SubjectConfirmationData Recipient: the ACS URL. */
  recipient: string;
  /** Response Destination; default `recipient`. */
  destination?: string;
  /** Issuer of the Response and the Assertion; default the IdP's entity id. */
  issuer?: string;
  /** InResponseTo of the Response and SubjectConfirmationData; omitted (unsolicited) when not given. */
  inResponseTo?: string;
  /** Conditions NotBefore (ISO 8601); default IssueInstant − 1 min. */
  notBefore?: string;
  /** Conditions NotOnOrAfter (ISO 8601), also SubjectConfirmationData's unless `subjectNotOnOrAfter`; default IssueInstant + 5 min. */
  notOnOrAfter?: string;
  /** SubjectConfirmationData NotOnOrAfter (ISO 8601); default `notOnOrAfter`. */
  subjectNotOnOrAfter?: string;
  /** Assertion ID; default random. */
  assertionId?: string;
  /** Response ID; default random. */
  responseId?: string;
  /** Default: the engine's own (auth0: "assertion", samlify: "response"). */
  sign?: SamlSignMode;
  /** "other": sign with the second key pair; the KeyInfo then carries `otherCertificate`. Default "idp". */
  key?: 'idp' | 'other';
  /** Extra attributes, name → value; `null` leaves out one of the defaults (the emailaddress claim and `email`). */
  attributes?: Record<string, string | null>;
  /** NameID value; default `email`. */
  nameId?: string;
  /** NameID Format; default urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress. */
  nameIdFormat?: string;
}

export interface SamlMintResult {
  /** The Response, base64 (what an HTTP-POST form carries). */
  samlResponse: string;
  /** The same Response as XML. */
  xml: string;
  responseId: string;
  assertionId: string | null;
}

export interface SamlIdp {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  host: string;
  port: number;
  entityId: string;
  /** `${url}/sso`: HTTP-Redirect and HTTP-POST. */
  ssoUrl: string;
  /** `${url}/metadata`. */
  metadataUrl: string;
  /** PEM of the signing certificate (the one in the metadata). */
  certificate: string;
  /** PEM of a second certificate generated at start; never used unless `key: 'other'`. */
  otherCertificate: string;
  engine: SamlIdpEngine;
  /** What the engine signs when `sign` is not given. */
  defaultSign: Exclude<SamlSignMode, 'none'>;
  /** Same as POST /control/mint, in-process. Rejects with an Error whose `status` is 400 on bad options. */
  mint(options: SamlMintOptions): Promise<SamlMintResult>;
  /** Close the HTTP server (idempotent). */
  stop(): Promise<void>;
}

export function startSamlIdp(options?: SamlIdpOptions): Promise<SamlIdp>;
