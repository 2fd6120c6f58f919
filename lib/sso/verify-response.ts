import 'server-only';
import { DOMParser } from '@xmldom/xmldom';
import { CLOCK_SKEW_MS, identityProvider, samlify, spEndpoints } from './saml-entities';
import { SsoRefusal } from './refusal';

/** A SAMLResponse larger than this (base64 characters) is refused before it is decoded. */
export const MAX_SAML_RESPONSE_CHARS = 256 * 1024;

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const EMAIL_ATTRIBUTES = ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'email', 'mail', 'emailaddress', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'];

export interface VerifiedAssertion {
  assertionId: string;
  issuer: string;
  email: string;
  /** InResponseTo of the signed subject confirmation: null for an IdP-initiated login. */
  inResponseTo: string | null;
  /** Until when this assertion could be accepted: how long its id is kept against replay. */
  validUntil: Date;
}

interface Connection {
  idpEntityId: string;
  ssoUrl: string;
  certificates: readonly string[];
}

function parse(xml: string, what: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: (level: string, message: unknown) => {
      if (level !== 'warning') problems.push(String(message));
    },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
  if (problems.length || !doc.documentElement) throw new SsoRefusal('malformed', `${what} is not well-formed XML: ${problems[0] ?? 'empty'}`);
  return doc;
}

/** xmldom's NodeLists are not iterable; index them. */
const list = <T>(nodes: { length: number; item(i: number): T | null }): T[] => Array.from({ length: nodes.length }, (_, i) => nodes.item(i)!);
const children = (el: Element, ns: string, name: string) => list(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name);
const child = (el: Element | undefined, ns: string, name: string) => (el ? children(el, ns, name)[0] : undefined);
const descendants = (doc: Document, ns: string, name: string) => list(doc.getElementsByTagNameNS(ns, name));
const attr = (el: Element | undefined, name: string) => (el?.hasAttribute(name) ? el.getAttribute(name) : null);
const text = (el: Element | undefined) => el?.textContent?.trim() ?? '';

/** What samlify's refusals mean, in the names of our checks. */
function refusalOf(e: unknown): SsoRefusal {
  const message = e instanceof Error ? e.message : String(e);
  if (message === 'ERR_POTENTIAL_WRAPPING_ATTACK') return new SsoRefusal('wrapping', 'an assertion or signature is hidden inside the subject confirmation');
  if (message === 'ERROR_UNMATCH_CERTIFICATE_DECLARATION_IN_METADATA') return new SsoRefusal('certificate', 'the response was signed with a certificate that is not configured');
  if (message === 'NO_SIGNATURE_REFERENCES') return new SsoRefusal('signature', 'the signature references nothing');
  return new SsoRefusal('signature', `the signature could not be verified (${message})`);
}

/**
 * SSO-2: verifies a base64 SAMLResponse for an account's connection and returns the facts of its
 * one signed assertion. samlify checks the schema and the signature (and refuses the known XML
 * signature wrapping shapes); everything read afterwards comes from the signed assertion samlify
 * returns, never from the unsigned document around it. Audience, Recipient, Destination, validity
 * window and the issuer are checked here because samlify does not check them all. Throws
 * SsoRefusal naming the failing check.
 */
export async function verifySamlResponse(accountId: string, connection: Connection, samlResponse: unknown, now = new Date()): Promise<VerifiedAssertion> {
  if (typeof samlResponse !== 'string' || samlResponse.length === 0) throw new SsoRefusal('malformed', 'no SAMLResponse was posted');
  if (samlResponse.length > MAX_SAML_RESPONSE_CHARS) throw new SsoRefusal('size', `the SAMLResponse has ${samlResponse.length} characters (at most ${MAX_SAML_RESPONSE_CHARS})`);
  if (!/^[A-Za-z0-9+/=\r\n ]+$/.test(samlResponse)) throw new SsoRefusal('malformed', 'the SAMLResponse is not base64');
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  // Entities are how XML bombs and external-entity reads work; SAML never needs a DTD.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SsoRefusal('malformed', 'the response carries a document type declaration');
  const doc = parse(xml, 'the response');
  const root = doc.documentElement!;
  if (root.namespaceURI !== PROTOCOL || root.localName !== 'Response') throw new SsoRefusal('malformed', `the document is a ${root.localName}, not a SAML Response`);

  const statusCode = attr(child(child(root, PROTOCOL, 'Status'), PROTOCOL, 'StatusCode'), 'Value');
  if (statusCode !== SUCCESS) throw new SsoRefusal('status', `the identity provider answered ${statusCode ?? 'without a status'}`);
  if (descendants(doc, ASSERTION, 'EncryptedAssertion').length) throw new SsoRefusal('malformed', 'encrypted assertions are not supported');
  const assertionCount = descendants(doc, ASSERTION, 'Assertion').length;
  if (assertionCount !== 1) throw new SsoRefusal('wrapping', `the response holds ${assertionCount} assertions (exactly one is accepted)`);
  if (descendants(doc, DSIG, 'Signature').length === 0) throw new SsoRefusal('signature', 'the response is not signed');

  try {
    await samlify.SamlLib.isValidXml(xml);
  } catch {
    throw new SsoRefusal('malformed', 'the response does not follow the SAML 2.0 schema');
  }

  const assertionXml = verifiedAssertion(xml, connection);
  const assertion = parse(assertionXml, 'the signed assertion').documentElement!;
  return checkAssertion(accountId, connection, root, assertion as unknown as Element, now);
}

/** The signed assertion, trying each configured certificate (several are pasted during a key rollover). */
function verifiedAssertion(xml: string, connection: Connection): string {
  let refusal: SsoRefusal = new SsoRefusal('signature', 'the signature could not be verified');
  for (const certificate of connection.certificates) {
    const idp = identityProvider(connection, [certificate]);
    try {
      const [verified, assertion] = samlify.SamlLib.verifySignature(xml, { metadata: idp.entityMeta }) as [boolean, string | null];
      if (verified && assertion) return assertion;
      if (verified) refusal = new SsoRefusal('wrapping', 'the signature does not cover the assertion');
      else refusal = new SsoRefusal('signature', 'the signature does not match the signed content');
    } catch (e) {
      const mapped = refusalOf(e);
      // An unconfigured certificate may still be another configured one's turn; keep the sharper reason.
      if (mapped.check !== 'certificate' || refusal.detail === 'the signature could not be verified') refusal = mapped;
      if (mapped.check === 'wrapping') throw mapped;
    }
  }
  throw refusal;
}

function checkAssertion(accountId: string, connection: Connection, response: Element, assertion: Element, now: Date): VerifiedAssertion {
  const sp = spEndpoints(accountId);
  if (assertion.localName !== 'Assertion' || assertion.namespaceURI !== ASSERTION) throw new SsoRefusal('wrapping', 'the signed element is not an assertion');
  const assertionId = attr(assertion, 'ID');
  if (!assertionId) throw new SsoRefusal('malformed', 'the assertion has no ID');

  const issuer = text(child(assertion, ASSERTION, 'Issuer'));
  if (issuer !== connection.idpEntityId) throw new SsoRefusal('issuer', `the assertion was issued by "${issuer}", not by "${connection.idpEntityId}"`);
  const responseIssuer = child(response, ASSERTION, 'Issuer');
  if (responseIssuer && text(responseIssuer) !== connection.idpEntityId) throw new SsoRefusal('issuer', `the response was issued by "${text(responseIssuer)}"`);

  const conditions = child(assertion, ASSERTION, 'Conditions');
  const audiences = children(conditions ?? assertion, ASSERTION, 'AudienceRestriction').flatMap((r) => children(r, ASSERTION, 'Audience').map(text));
  if (!conditions || audiences.length === 0) throw new SsoRefusal('audience', 'the assertion names no audience');
  if (!audiences.includes(sp.entityId)) throw new SsoRefusal('audience', `the assertion is for "${audiences.join('", "')}", not for "${sp.entityId}"`);

  const subject = child(assertion, ASSERTION, 'Subject');
  const bearer = children(subject ?? assertion, ASSERTION, 'SubjectConfirmation').find((c) => attr(c, 'Method') === BEARER);
  const data = child(bearer, ASSERTION, 'SubjectConfirmationData');
  if (!subject || !data) throw new SsoRefusal('recipient', 'the assertion has no bearer subject confirmation');
  const recipient = attr(data, 'Recipient');
  if (recipient !== sp.acsUrl) throw new SsoRefusal('recipient', `the assertion was sent to "${recipient ?? '(none)'}", not to "${sp.acsUrl}"`);
  const destination = attr(response, 'Destination');
  if (destination !== null && destination !== sp.acsUrl) throw new SsoRefusal('destination', `the response was addressed to "${destination}", not to "${sp.acsUrl}"`);

  const t = now.getTime();
  const notBefore = attr(conditions, 'NotBefore');
  const ends = [attr(conditions, 'NotOnOrAfter'), attr(data, 'NotOnOrAfter')].filter((v): v is string => v !== null).map((v) => Date.parse(v));
  if (ends.length === 0 || ends.some(Number.isNaN) || (notBefore !== null && Number.isNaN(Date.parse(notBefore)))) throw new SsoRefusal('expired', 'the assertion has no valid NotOnOrAfter');
  if (notBefore !== null && Date.parse(notBefore) - CLOCK_SKEW_MS > t) throw new SsoRefusal('notYetValid', `the assertion is valid from ${notBefore}`);
  const end = Math.min(...ends);
  if (end + CLOCK_SKEW_MS <= t) throw new SsoRefusal('expired', `the assertion expired at ${new Date(end).toISOString()}`);

  const inResponseTo = attr(data, 'InResponseTo');
  const responseInResponseTo = attr(response, 'InResponseTo');
  if (responseInResponseTo !== null && responseInResponseTo !== inResponseTo) throw new SsoRefusal('inResponseTo', 'the response and its assertion answer different requests');

  return { assertionId, issuer, email: subjectEmail(subject, assertion), inResponseTo, validUntil: new Date(end + CLOCK_SKEW_MS) };
}

/** The user the assertion is about: the NameID when it is an e-mail (Azure sends the UPN), else an e-mail attribute. */
function subjectEmail(subject: Element, assertion: Element): string {
  const nameId = text(child(subject, ASSERTION, 'NameID'));
  if (nameId.includes('@')) return nameId.toLowerCase();
  const statement = child(assertion, ASSERTION, 'AttributeStatement');
  for (const name of EMAIL_ATTRIBUTES) {
    const attribute = children(statement ?? assertion, ASSERTION, 'Attribute').find((a) => attr(a, 'Name')?.toLowerCase() === name);
    const value = text(child(attribute, ASSERTION, 'AttributeValue'));
    if (value.includes('@')) return value.toLowerCase();
  }
  throw new SsoRefusal('subject', 'the assertion names no e-mail address (NameID or an e-mail attribute)');
}

