// Entra ID's token endpoint (client_credentials, password, authorization_code, refresh_token) and the
// emulator's own access tokens: JWT-shaped, HS256 with a per-emulator random key, verified by the Graph routes.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { randomToken, safeEqual, uuid } from './util.mjs';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const CODE_TTL_MS = 10 * 60_000;
const REFRESH_TTL_MS = 90 * 86_400_000;
const MAX_REFRESH_TOKENS = 100_000;
const COMMON = new Set(['common', 'organizations']);

const b64 = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');

/** An Entra error answer: `{error, error_description: "AADSTSn: …", error_codes:[n], …}`. */
export function aadError(status, error, code, message) {
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const traceId = uuid();
  const correlationId = uuid();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** A stable service principal id for an app in a tenant. */
function servicePrincipalId(appId, tenantId) {
  const h = createHash('sha256').update(`${appId}/${tenantId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createTokens(ctx) {
  const key = randomBytes(32);
  const codes = new Map(); // code -> grant
  const redeemed = new Set();
  const refreshTokens = new Map(); // token -> { tenantId, appId, userId, passwordVersion, issuedAt }

  function sign(payload) {
    const head = b64({ typ: 'JWT', alg: 'HS256', kid: 'graph-emulator' });
    const body = b64(payload);
    const sig = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${sig}`;
  }

  function baseClaims(app, tenant, lifetimeSeconds) {
    const iat = Math.floor(Date.now() / 1000);
    const lifetime = lifetimeSeconds ?? ctx.settings.tokenLifetimeSeconds;
    return {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${tenant.id}/`,
      iat,
      nbf: iat,
      exp: iat + lifetime,
      app_displayname: app.displayName,
      appid: app.appId,
      appidacr: '1',
      idp: `https://sts.windows.net/${tenant.id}/`,
      tid: tenant.id,
      uti: randomToken(16),
      ver: '1.0',
    };
  }

  /** An application (client credentials) token; `roles` only when the app is consented in the tenant. */
  function appToken(app, tenant, lifetimeSeconds) {
    const claims = baseClaims(app, tenant, lifetimeSeconds);
    const sp = servicePrincipalId(app.appId, tenant.id);
    const roles = ctx.dir.isConsented(app, tenant) ? [...app.permissions.application] : [];
    const payload = { ...claims, idtyp: 'app', oid: sp, ...(roles.length ? { roles } : {}), sub: sp };
    return { token: sign(payload), payload };
  }

  /** A delegated token for a signed-in user; `scp` = the app's delegated permissions. */
  function userToken(app, tenant, user, lifetimeSeconds) {
    const claims = baseClaims(app, tenant, lifetimeSeconds);
    const scp = app.permissions.delegated.join(' ');
    const payload = {
      ...claims,
      acr: '1',
      amr: ['pwd'],
      family_name: user.surname ?? undefined,
      given_name: user.givenName ?? undefined,
      idtyp: 'user',
      ipaddr: '127.0.0.1',
      name: user.displayName,
      oid: user.id,
      scp,
      sub: createHash('sha256').update(`${user.id}/${app.appId}`).digest('base64url').slice(0, 43),
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
    };
    return { token: sign(payload), payload };
  }

  /** Verify one of our tokens. → { claims } or { error } (message for InvalidAuthenticationToken). */
  function verify(token) {
    const parts = String(token).split('.');
    if (parts.length !== 3) return { error: 'IDX14100: JWT is not well formed, there are no dots (.).' };
    const expected = createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest('base64url');
    if (!safeEqual(expected, parts[2])) return { error: 'Access token validation failure. Invalid audience.' };
    let claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { error: 'IDX14102: Unable to decode the payload as Base64Url encoded string.' };
    }
    if (claims.exp * 1000 <= Date.now()) return { error: 'Lifetime validation failed, the token is expired.', expired: true };
    if (claims.aud !== GRAPH_RESOURCE) return { error: 'Access token validation failure. Invalid audience.' };
    return { claims };
  }

  /** Remember an authorization code (authorize page) for redemption at the token endpoint. */
  function issueCode(grant) {
    const code = `0.${randomToken(48)}`;
    codes.set(code, { ...grant, expiresAt: Date.now() + CODE_TTL_MS });
    if (codes.size > 10_000) for (const [c, g] of codes) if (g.expiresAt <= Date.now()) codes.delete(c);
    return code;
  }

  function delegatedAnswer(app, tenant, user) {
    if (!ctx.dir.isConsented(app, tenant)) {
      return aadError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${app.appId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`);
    }
    const { token } = userToken(app, tenant, user);
    const refresh = `1.${randomToken(64)}`;
    refreshTokens.set(refresh, { tenantId: tenant.id, appId: app.appId, userId: user.id, passwordVersion: user.passwordVersion, issuedAt: Date.now() });
    if (refreshTokens.size > MAX_REFRESH_TOKENS) refreshTokens.delete(refreshTokens.keys().next().value);
    const lifetime = ctx.settings.tokenLifetimeSeconds;
    return {
      status: 200,
      body: { token_type: 'Bearer', scope: app.permissions.delegated.join(' '), expires_in: lifetime, ext_expires_in: lifetime, access_token: token, refresh_token: refresh },
    };
  }

  /** POST /{tenant}/oauth2/v2.0/token. `form` is a URLSearchParams. → { status, body, tenantId? } */
  function tokenEndpoint(tenantKey, form, authorization) {
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^basic\s+(.+)$/i.exec(authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) [clientId, secret] = [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
    }
    const grantType = form.get('grant_type');
    const required = (name) => aadError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
    if (!grantType) return required('grant_type');

    // Resolve the tenant (common/organizations: from the user or the grant).
    const common = COMMON.has(String(tenantKey).toLowerCase());
    let tenant = common ? undefined : ctx.dir.tenant(tenantKey);
    let pending; // code or refresh grant looked up early for common
    if (common) {
      if (grantType === 'password') tenant = ctx.dir.tenant(ctx.dir.userByUpnAnywhere(form.get('username'))?.tenantId);
      if (grantType === 'authorization_code') pending = codes.get(form.get('code') ?? '');
      if (grantType === 'refresh_token') pending = refreshTokens.get(form.get('refresh_token') ?? '');
      if (pending) tenant = ctx.dir.tenant(pending.tenantId);
      if (!tenant && grantType === 'client_credentials') {
        return aadError(400, 'invalid_request', 50059, 'No tenant-identifying information found in either the request or implied by any provided credentials.');
      }
      if (!tenant) return aadError(400, 'invalid_grant', 50034, `The user account does not exist in the directory.`);
    }
    if (!tenant) {
      return aadError(400, 'invalid_request', 90002, `Tenant '${tenantKey}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);
    }
    if (!clientId) return required('client_id');
    const app = ctx.dir.app(tenant.id, clientId);
    if (!app || !ctx.dir.appVisibleIn(app, tenant)) {
      return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    if (!secret) return aadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    const match = app.secrets.find((s) => safeEqual(s.value, secret));
    if (!match) {
      return aadError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`);
    }
    if (Date.parse(match.endDateTime) <= Date.now()) {
      return aadError(401, 'invalid_client', 7000222, `The provided client secret keys for app '${app.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`);
    }
    const answer = grant(grantType, form, app, tenant);
    return { ...answer, tenantId: tenant.id };
  }

  function grant(grantType, form, app, tenant) {
    const required = (name) => aadError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
    switch (grantType) {
      case 'client_credentials': {
        const scope = form.get('scope');
        if (!scope) return required('scope');
        if (!/\/\.default$/.test(scope)) {
          return aadError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
        }
        const resource = scope.replace(/\/\.default$/, '');
        if (![GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID].includes(resource)) {
          return aadError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
        }
        const lifetime = ctx.settings.tokenLifetimeSeconds;
        return { status: 200, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: appToken(app, tenant).token } };
      }
      case 'password': {
        const username = form.get('username');
        if (!username) return required('username');
        const user = ctx.dir.user(tenant, username);
        if (!user || user.tenantId !== tenant.id) {
          return aadError(400, 'invalid_grant', 50034, `The user account {EmailHidden} does not exist in the ${tenant.id} directory. To sign into this application, the account must be added to the directory.`);
        }
        if (!safeEqual(user.password, form.get('password') ?? '')) {
          return aadError(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
        }
        return delegatedAnswer(app, tenant, user);
      }
      case 'authorization_code': {
        const code = form.get('code');
        if (!code) return required('code');
        const g = codes.get(code);
        if (!g) {
          if (redeemed.has(code)) return aadError(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
          return aadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
        }
        codes.delete(code);
        if (redeemed.size >= 10_000) redeemed.clear();
        redeemed.add(code);
        if (g.expiresAt <= Date.now()) return aadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
        if (g.appId !== app.appId || g.tenantId !== tenant.id) return aadError(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid.");
        if ((form.get('redirect_uri') ?? '') !== g.redirectUri) {
          return aadError(400, 'invalid_grant', 500112, 'The reply address does not match the reply address that was provided when requesting authorization code.');
        }
        if (g.codeChallenge) {
          const verifier = form.get('code_verifier') ?? '';
          const computed = g.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
          if (!verifier || computed !== g.codeChallenge) return aadError(400, 'invalid_grant', 50148, 'The code_verifier does not match the code_challenge supplied in the authorization request.');
        }
        const user = ctx.dir.usersById.get(g.userId);
        if (!user) return aadError(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
        return delegatedAnswer(app, tenant, user);
      }
      case 'refresh_token': {
        const rt = form.get('refresh_token');
        if (!rt) return required('refresh_token');
        const r = refreshTokens.get(rt);
        if (!r || r.tenantId !== tenant.id) return aadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
        if (r.appId !== app.appId) return aadError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
        if (r.issuedAt + REFRESH_TTL_MS <= Date.now()) return aadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity.');
        const user = ctx.dir.usersById.get(r.userId);
        if (!user) return aadError(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
        if (user.passwordVersion !== r.passwordVersion) {
          return aadError(400, 'invalid_grant', 50173, `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(r.issuedAt).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(user.tokensValidFrom).toISOString()}'.`);
        }
        return delegatedAnswer(app, tenant, user);
      }
      default:
        return aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
    }
  }

  function reset() {
    codes.clear();
    redeemed.clear();
    refreshTokens.clear();
  }

  return { appToken, userToken, verify, issueCode, tokenEndpoint, reset };
}
