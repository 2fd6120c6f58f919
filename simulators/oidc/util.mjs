// Helpers of the OIDC simulator (AUTH-1): encoding, RS256 signing and small HTTP utilities.
import { createHash, generateKeyPairSync, sign, timingSafeEqual } from 'node:crypto';

const MAX_BODY = 64 * 1024;

export const b64url = (data) => Buffer.from(data).toString('base64url');
export const sha256 = (data) => createHash('sha256').update(data).digest();
export const nowS = () => Math.floor(Date.now() / 1000);
export const hostForUrl = (host) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/** Constant-time string comparison. */
export function safeEqual(a, b) {
  return timingSafeEqual(sha256(String(a)), sha256(String(b)));
}

/** RFC 6749 §2.3.1 / Appendix B: Basic credentials are form-urlencoded before base64. */
export function formDecode(value) {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

export function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'cache-control': 'no-store', pragma: 'no-cache', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
export const sendJson = (res, status, body, headers = {}) =>
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });
export const sendHtml = (res, status, html) =>
  send(res, status, html, { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'DENY' });
export const oauthError = (res, status, error, description, headers) =>
  sendJson(res, status, { error, error_description: description }, headers);
export const redirect = (res, location) => send(res, 302, '', { location });

export function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(Object.assign(new Error('request body too large'), { status: 413 }));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** A fresh RSA 2048 key pair: its public JWKS (kid = RFC 7638 thumbprint) and an RS256 JWT signer. */
export function createSigner() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  const kid = b64url(sha256(JSON.stringify({ e, kty: 'RSA', n })));
  const jwks = { keys: [{ kty: 'RSA', use: 'sig', alg: 'RS256', kid, n, e }] };
  const signJwt = (claims) => {
    const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), privateKey))}`;
  };
  return { kid, jwks, signJwt };
}

/** OpenID Provider metadata (OpenID Connect Discovery 1.0 §3). */
export function discoveryDocument(issuer) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    end_session_endpoint: `${issuer}/logout`,
    scopes_supported: ['openid', 'email', 'profile'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['iss', 'aud', 'sub', 'iat', 'exp', 'auth_time', 'nonce', 'email', 'email_verified', 'name', 'org_name'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}
