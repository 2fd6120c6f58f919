// Programmatic API of the local OpenID Connect identity provider simulator (AUTH-1).
// Authorization code flow with mandatory PKCE (S256), RS256 id_tokens, client_secret_basic /
// client_secret_post, userinfo and a no-op logout. node:http + node:crypto only. See README.md.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { errorPage, signedOutPage, signInPage } from './page.mjs';
import { b64url, createSigner, discoveryDocument, formDecode, hostForUrl, nowS, oauthError, readForm, redirect, safeEqual, sendHtml, sendJson, sha256 } from './util.mjs';

export const DEFAULT_USERS = Object.freeze([
  { sub: 'oidc-partner-1', email: 'olivia.oidc@tailspin.example', name: 'Olivia Oidc', org_name: 'Tailspin Partners', password: 'oidc-pass-123' },
  { sub: 'oidc-partner-2', email: 'oscar.oidc@tailspin.example', name: 'Oscar Oidc', org_name: 'Tailspin Partners', password: 'oidc-pass-123' },
]);

const CODE_TTL_MS = 60_000;
const ID_TOKEN_TTL_S = 300;
const ACCESS_TOKEN_TTL_S = 3600;
const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * Start the OIDC identity provider simulator.
 * @param {import('./index.d.mts').OidcSimulatorOptions} [options]
 */
export async function startOidcSimulator({
  host = '127.0.0.1',
  port = 0,
  issuerHost,
  clientId = 'portal',
  clientSecret = 'portal-secret',
  redirectUris,
  users = DEFAULT_USERS,
} = {}) {
  const { jwks, signJwt } = createSigner();
  const codes = new Map(); // code -> grant
  const tokens = new Map(); // access token -> { user, scope, expiresAt }
  let issuer = '';

  const profileClaims = (user) => ({
    sub: user.sub,
    email: user.email,
    email_verified: user.email_verified ?? true,
    name: user.name,
    org_name: user.org_name,
  });

  /** Validate an authorization request. Returns { fatal } (show a page), { redirectError } or { ok }. */
  function checkAuthorize(p) {
    if (p.get('client_id') !== clientId) return { fatal: 'Unknown client_id.' };
    const redirectUri = p.get('redirect_uri');
    let target;
    try {
      target = new URL(redirectUri ?? '');
      if (!['http:', 'https:'].includes(target.protocol) || target.hash) throw new Error('unsupported redirect_uri');
    } catch {
      return { fatal: 'A valid absolute redirect_uri is required.' };
    }
    if (redirectUris && !redirectUris.includes(redirectUri)) return { fatal: 'redirect_uri is not registered for this client.' };
    const fail = (error, description) => {
      target.searchParams.set('error', error);
      target.searchParams.set('error_description', description);
      if (p.get('state') !== null) target.searchParams.set('state', p.get('state'));
      return { redirectError: target.href };
    };
    if (p.get('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');
    if (!(p.get('scope') ?? '').split(' ').includes('openid')) return fail('invalid_scope', 'scope must include openid');
    if (!p.get('code_challenge')) return fail('invalid_request', 'PKCE code_challenge is required');
    if (p.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    return { ok: target };
  }

  async function authorize(req, res, p) {
    const check = checkAuthorize(p);
    if (check.fatal) return sendHtml(res, 400, errorPage('Sign-in request rejected', check.fatal));
    if (check.redirectError) return redirect(res, check.redirectError);
    if (req.method === 'GET') return sendHtml(res, 200, signInPage(p, { email: p.get('login_hint') ?? '' }));
    const email = (p.get('email') ?? '').trim();
    const user = users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user || !safeEqual(user.password, p.get('password') ?? '')) {
      return sendHtml(res, 200, signInPage(p, { error: 'Wrong e-mail or password', email }));
    }
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId,
      redirectUri: p.get('redirect_uri'),
      codeChallenge: p.get('code_challenge'),
      nonce: p.get('nonce') || undefined,
      scope: p.get('scope'),
      user,
      authTime: nowS(),
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    const target = check.ok;
    target.searchParams.set('code', code);
    if (p.get('state') !== null) target.searchParams.set('state', p.get('state'));
    return redirect(res, target.href);
  }

  /** Client authentication: HTTP Basic or client_secret_post. Returns the client id or null. */
  function authenticateClient(req, body) {
    const header = req.headers.authorization ?? '';
    let id = body.get('client_id');
    let secret = body.get('client_secret');
    if (/^basic /i.test(header)) {
      if (secret !== null) return null; // RFC 6749 §2.3: only one authentication method
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return null;
      try {
        [id, secret] = [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
      } catch {
        return null;
      }
      if (body.get('client_id') !== null && body.get('client_id') !== id) return null;
    }
    return id === clientId && secret !== null && safeEqual(secret, clientSecret) ? id : null;
  }

  function token(req, res, body) {
    const basic = /^basic /i.test(req.headers.authorization ?? '');
    const authenticated = authenticateClient(req, body);
    if (!authenticated) {
      const headers = basic ? { 'www-authenticate': 'Basic realm="oidc-simulator"' } : {};
      return oauthError(res, 401, 'invalid_client', 'client authentication failed', headers);
    }
    if (body.get('grant_type') !== 'authorization_code') {
      return oauthError(res, 400, 'unsupported_grant_type', 'only authorization_code is supported');
    }
    const code = body.get('code');
    if (!code) return oauthError(res, 400, 'invalid_request', 'code is required');
    const grant = codes.get(code);
    codes.delete(code); // single use, whatever the outcome
    if (!grant || grant.expiresAt <= Date.now()) return oauthError(res, 400, 'invalid_grant', 'code is invalid, expired or already used');
    if (grant.clientId !== authenticated) return oauthError(res, 400, 'invalid_grant', 'code was issued to another client');
    if (body.get('redirect_uri') !== grant.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri mismatch');
    const verifier = body.get('code_verifier') ?? '';
    if (!PKCE_VERIFIER.test(verifier) || b64url(sha256(verifier)) !== grant.codeChallenge) {
      return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
    }
    const iat = nowS();
    const accessToken = randomBytes(32).toString('base64url');
    tokens.set(accessToken, { user: grant.user, scope: grant.scope, expiresAt: Date.now() + ACCESS_TOKEN_TTL_S * 1000 });
    const idToken = signJwt({
      iss: issuer,
      aud: clientId,
      ...profileClaims(grant.user),
      iat,
      exp: iat + ID_TOKEN_TTL_S,
      auth_time: grant.authTime,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
    });
    return sendJson(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_S,
      id_token: idToken,
      scope: grant.scope,
    });
  }

  function userinfo(req, res) {
    const match = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const entry = match ? tokens.get(match[1]) : undefined;
    if (!entry || entry.expiresAt <= Date.now()) {
      const error = match ? ', error="invalid_token"' : '';
      return sendJson(res, 401, { error: 'invalid_token', error_description: 'a valid Bearer access token is required' }, {
        'www-authenticate': `Bearer realm="oidc-simulator"${error}`,
      });
    }
    return sendJson(res, 200, profileClaims(entry.user));
  }

  async function route(req, res) {
    const url = new URL(req.url || '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const now = Date.now();
    for (const [code, grant] of codes) if (grant.expiresAt <= now) codes.delete(code);
    for (const [t, entry] of tokens) if (entry.expiresAt <= now) tokens.delete(t);
    const method = req.method ?? 'GET';
    if (path === '/.well-known/openid-configuration' && method === 'GET') return sendJson(res, 200, discoveryDocument(issuer));
    if (path === '/jwks' && method === 'GET') return sendJson(res, 200, jwks, { 'content-type': 'application/jwk-set+json' });
    if (path === '/authorize' && method === 'GET') return authorize(req, res, url.searchParams);
    if (path === '/authorize' && method === 'POST') return authorize(req, res, await readForm(req));
    if (path === '/token' && method === 'POST') {
      if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
        return oauthError(res, 400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
      }
      return token(req, res, await readForm(req));
    }
    if (path === '/userinfo' && (method === 'GET' || method === 'POST')) return userinfo(req, res);
    if (path === '/logout' && method === 'GET') {
      const target = url.searchParams.get('post_logout_redirect_uri');
      if (!target || !URL.canParse(target)) return sendHtml(res, 200, signedOutPage());
      const location = new URL(target);
      if (url.searchParams.get('state') !== null) location.searchParams.set('state', url.searchParams.get('state'));
      return redirect(res, location.href);
    }
    if (path === '/health' && method === 'GET') return sendJson(res, 200, { ok: true });
    return sendJson(res, 404, { error: 'not_found', error_description: `no route for ${method} ${path}` });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (res.headersSent) return res.destroy();
      const status = err.status ?? 500;
      sendJson(res, status, { error: status === 500 ? 'server_error' : 'invalid_request', error_description: err.message });
    });
  });

  const actualPort = await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
  issuer = `http://${hostForUrl(issuerHost ?? host)}:${actualPort}`;

  let stopping = null;
  const stop = () => {
    stopping ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopping;
  };

  return {
    issuer,
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    host,
    port: actualPort,
    clientId,
    clientSecret,
    stop,
  };
}
