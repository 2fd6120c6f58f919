// Helpers of the SAML IdP simulator: HTTP plumbing, AuthnRequest parsing, certificates and the
// mint option defaults shared by both engines. See README.md.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';

const require = createRequire(import.meta.url);
const selfsigned = require('selfsigned');

const MAX_BODY = 256 * 1024;
const MAX_INFLATED = 256 * 1024;

export const NS = Object.freeze({
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
});
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
export const CLAIM_EMAIL = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
export const AUTHN_CONTEXT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
export const SIGN_MODES = Object.freeze(['assertion', 'response', 'both', 'none']);

/** How long a minted response is valid, and how far NotBefore reaches back (clock skew allowance). */
export const LIFETIME_MS = 5 * 60_000;
export const NOT_BEFORE_SKEW_MS = 60_000;

export const hostForUrl = (host) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
export const randomId = () => `_${randomBytes(20).toString('hex')}`;

/** An error whose `status` the router answers with (400 unless said otherwise). */
export function httpError(message, status = 400) {
  return Object.assign(new Error(message), { status });
}

export function escapeXml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
}

export function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'cache-control': 'no-store', pragma: 'no-cache', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
export const sendJson = (res, status, body, headers = {}) =>
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });
// No Content-Security-Policy on purpose: the auto-post page relies on its inline script.
export const sendHtml = (res, status, html) => send(res, status, html, { 'content-type': 'text/html; charset=utf-8' });
export const sendXml = (res, status, xml) => send(res, status, xml, { 'content-type': 'application/xml; charset=utf-8' });

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(httpError('request body too large', 413));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function readForm(req) {
  if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
    throw httpError('the body must be application/x-www-form-urlencoded');
  }
  return new URLSearchParams(await readBody(req));
}

export async function readJson(req) {
  const text = await readBody(req);
  try {
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    throw httpError('the body is not valid JSON');
  }
}

/** An absolute http(s) URL, or null. */
export function httpUrl(value) {
  if (typeof value !== 'string' || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
}

const directChild = (el, ns, name) =>
  Array.from({ length: el?.childNodes?.length ?? 0 }, (_, i) => el.childNodes.item(i)).find((n) => n.nodeType === 1 && n.namespaceURI === ns && n.localName === name);

/** Parses XML strictly (any parser error or warning about structure is fatal). */
export function parseXml(xml, what) {
  const problems = [];
  const doc = new DOMParser({
    errorHandler: (level, message) => {
      if (level !== 'warning') problems.push(String(message));
    },
  }).parseFromString(xml, 'text/xml');
  if (problems.length || !doc?.documentElement) throw httpError(`${what} is not well-formed XML${problems[0] ? `: ${problems[0]}` : ''}`);
  return doc;
}

/**
 * Decodes and parses an AuthnRequest.
 * @param {string | null} samlRequest the SAMLRequest parameter
 * @param {'redirect' | 'post'} binding HTTP-Redirect (base64 of raw DEFLATE) or HTTP-POST (base64 of the XML)
 * @returns {{ id: string, acs: string, issuer: string, nameId: string | null }}
 */
export function parseAuthnRequest(samlRequest, binding) {
  if (!samlRequest) throw httpError('The request carries no SAMLRequest.');
  // A "+" sent unescaped in a query string arrives as a space.
  const b64 = samlRequest.replace(/ /g, '+').replace(/[\r\n\t]/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw httpError('SAMLRequest is not base64.');
  const raw = Buffer.from(b64, 'base64');
  let xml;
  if (binding === 'redirect') {
    try {
      xml = inflateRawSync(raw, { maxOutputLength: MAX_INFLATED }).toString('utf8');
    } catch {
      throw httpError('SAMLRequest is not DEFLATE-compressed as the HTTP-Redirect binding requires.');
    }
  } else {
    xml = raw.toString('utf8');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw httpError('SAMLRequest carries a document type declaration.');
  const root = parseXml(xml, 'SAMLRequest').documentElement;
  if (root.namespaceURI !== NS.protocol || root.localName !== 'AuthnRequest') {
    throw httpError(`SAMLRequest is a ${root.localName}, not a SAML 2.0 AuthnRequest.`);
  }
  const id = root.getAttribute('ID');
  if (!id) throw httpError('The AuthnRequest has no ID.');
  const binding_ = root.getAttribute('ProtocolBinding');
  if (binding_ && binding_ !== BINDING_POST) throw httpError(`The AuthnRequest asks for ${binding_}; this IdP answers with HTTP-POST only.`);
  const acs = httpUrl(root.getAttribute('AssertionConsumerServiceURL'));
  if (!acs) throw httpError('The AuthnRequest names no absolute AssertionConsumerServiceURL (this IdP has no SP metadata to look an index up in).');
  const issuer = directChild(root, NS.assertion, 'Issuer')?.textContent?.trim();
  if (!issuer) throw httpError('The AuthnRequest has no Issuer.');
  const nameId = directChild(directChild(root, NS.assertion, 'Subject'), NS.assertion, 'NameID')?.textContent?.trim() || null;
  return { id, acs, issuer, nameId };
}

/**
 * A fresh self-signed RSA 2048 / SHA-256 certificate and its key.
 * @param {string} commonName
 * @param {number} validDays validity from now; 0 or less gives a certificate that expired that many days ago
 */
export async function createCertificate(commonName, validDays) {
  const now = Date.now();
  const notAfter = new Date(now + validDays * 86_400_000);
  const notBefore = validDays > 0 ? new Date(now - 60_000) : new Date(notAfter.getTime() - 86_400_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

function isoOption(o, name) {
  if (o[name] === undefined || o[name] === null) return undefined;
  if (typeof o[name] !== 'string' || Number.isNaN(Date.parse(o[name]))) throw httpError(`${name} must be an ISO 8601 date-time string`);
  return new Date(o[name]).toISOString();
}

function stringOption(o, name, { required = false } = {}) {
  const value = o[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw httpError(`${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw httpError(`${name} must be a string`);
  return value;
}

/**
 * Validates mint options and fills in what both engines share. Times left undefined are the
 * engine's to default (relative to its own IssueInstant).
 * @param {Record<string, unknown>} o
 * @param {{ entityId: string, defaultSign: string }} idp
 */
export function normalizeMint(o, { entityId, defaultSign }) {
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw httpError('mint options must be an object');
  const email = stringOption(o, 'email', { required: true });
  const audience = stringOption(o, 'audience', { required: true });
  const recipient = stringOption(o, 'recipient', { required: true });
  const sign = o.sign ?? defaultSign;
  if (!SIGN_MODES.includes(sign)) throw httpError(`sign must be one of ${SIGN_MODES.join(', ')}`);
  const key = o.key ?? 'idp';
  if (key !== 'idp' && key !== 'other') throw httpError('key must be "idp" or "other"');
  if (o.attributes !== undefined && (typeof o.attributes !== 'object' || o.attributes === null || Array.isArray(o.attributes))) {
    throw httpError('attributes must be an object of name → string');
  }
  const attributes = { [CLAIM_EMAIL]: email, email };
  for (const [name, value] of Object.entries(o.attributes ?? {})) {
    if (value === null) delete attributes[name];
    else if (typeof value === 'string') attributes[name] = value;
    else throw httpError(`attribute ${name} must be a string (or null to leave it out)`);
  }
  return {
    email,
    nameId: stringOption(o, 'nameId') ?? email,
    nameIdFormat: stringOption(o, 'nameIdFormat') ?? NAMEID_EMAIL,
    audience,
    recipient,
    destination: stringOption(o, 'destination') ?? recipient,
    issuer: stringOption(o, 'issuer') ?? entityId,
    inResponseTo: stringOption(o, 'inResponseTo'),
    notBefore: isoOption(o, 'notBefore'),
    notOnOrAfter: isoOption(o, 'notOnOrAfter'),
    subjectNotOnOrAfter: isoOption(o, 'subjectNotOnOrAfter'),
    assertionId: stringOption(o, 'assertionId'),
    responseId: stringOption(o, 'responseId'),
    sign,
    key,
    attributes,
  };
}

/** The validity window for an IssueInstant, honouring explicit values. */
export function validity(m, issueInstant) {
  const t = Date.parse(issueInstant);
  const notBefore = m.notBefore ?? new Date(t - NOT_BEFORE_SKEW_MS).toISOString();
  const notOnOrAfter = m.notOnOrAfter ?? new Date(t + LIFETIME_MS).toISOString();
  return { notBefore, notOnOrAfter, subjectNotOnOrAfter: m.subjectNotOnOrAfter ?? notOnOrAfter };
}
