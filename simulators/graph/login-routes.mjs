// login.microsoftonline.com on the emulator's HTTPS server: /{tenant}/oauth2/v2.0/token,
// /{tenant}/oauth2/v2.0/authorize (authorization code + PKCE) and /{tenant}[/v2.0]/adminconsent.
import { aadError } from './tokens.mjs';
import { consentPage, errorPage, needAdminPage, signInPage } from './login-pages.mjs';
import { randomToken, readBody, redirect, safeEqual, sendHtml, sendJson, sleep, withQuery } from './util.mjs';

const COMMON = new Set(['common', 'organizations']);
const FLOW_TTL_MS = 10 * 60_000;
const AUTHORIZE_PARAMS = ['client_id', 'response_type', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'response_mode', 'prompt', 'login_hint'];
const CONSENT_PARAMS = ['client_id', 'redirect_uri', 'state', 'scope'];

const isForm = (req) => /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');

export function createLogin(ctx) {
  const flows = new Map(); // admin-consent flow id -> { tenantId, userId, appId, redirectUri, state, scope, expiresAt }

  /** Common checks of authorize/adminconsent. → { page:[status, code, message] } or { tenant, app, redirectUri } */
  function checkClient(tenantKey, p) {
    const common = COMMON.has(tenantKey.toLowerCase());
    const tenant = common ? null : ctx.dir.tenant(tenantKey);
    if (!common && !tenant) return { page: [400, 90002, `Tenant '${tenantKey}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`] };
    const clientId = (p.get('client_id') ?? '').toLowerCase();
    const app = ctx.dir.apps.get(clientId);
    if (!app || (tenant && app.homeTenantId !== tenant.id && !app.multiTenant)) {
      return { page: [400, 700016, `Application with identifier '${p.get('client_id') ?? ''}' was not found in the directory '${tenant?.displayName ?? tenantKey}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`] };
    }
    const redirectUri = p.get('redirect_uri');
    if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
      return { page: [400, 50011, `The redirect URI '${redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${app.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`] };
    }
    return { tenant, app, redirectUri };
  }

  /** Check a posted username/password. → { user, userTenant } or { error } (shown on the sign-in page). */
  function signIn(tenant, form) {
    const username = (form.get('username') ?? '').trim();
    const user = tenant ? ctx.dir.user(tenant, username) : ctx.dir.userByUpnAnywhere(username);
    if (!user) {
      if (tenant && ctx.dir.userByUpnAnywhere(username)) {
        return { error: `AADSTS50020: User account '${username}' from identity provider does not exist in tenant '${tenant.displayName}' and cannot access the application.` };
      }
      return { error: "AADSTS50034: We couldn't find an account with that username. Try another, or get a new account." };
    }
    if (!safeEqual(user.password, form.get('password') ?? '')) return { error: 'AADSTS50126: Your account or password is incorrect.' };
    return { user, userTenant: ctx.dir.tenant(user.tenantId) };
  }

  const hidden = (p, names) => names.map((n) => [n, p.get(n)]);

  async function authorize(req, res, url, tenantKey, p) {
    const c = checkClient(tenantKey, p);
    if (c.page) return sendHtml(res, c.page[0], errorPage(c.page[1], c.page[2]));
    const fail = (error, description) => redirect(res, withQuery(c.redirectUri, [['error', error], ['error_description', description], ['state', p.get('state')]]));
    if (p.get('response_type') !== 'code') return fail('unsupported_response_type', 'AADSTS700054: response_type is not enabled for the application: only code is supported by the emulator.');
    const action = url.pathname;
    if (req.method === 'GET') return sendHtml(res, 200, signInPage({ action, hidden: hidden(p, AUTHORIZE_PARAMS), username: p.get('login_hint') ?? '' }));
    const s = signIn(c.tenant, p);
    if (s.error) return sendHtml(res, 200, signInPage({ action, hidden: hidden(p, AUTHORIZE_PARAMS), username: p.get('username') ?? '', error: s.error }));
    if (!ctx.dir.appVisibleIn(c.app, s.userTenant) || !ctx.dir.isConsented(c.app, s.userTenant)) {
      return fail('consent_required', `AADSTS65001: The user or administrator has not consented to use the application with ID '${c.app.appId}' named '${c.app.displayName}'.`);
    }
    const code = ctx.tokens.issueCode({
      tenantId: s.userTenant.id,
      appId: c.app.appId,
      userId: s.user.id,
      redirectUri: c.redirectUri,
      scope: p.get('scope'),
      codeChallenge: p.get('code_challenge'),
      codeChallengeMethod: p.get('code_challenge_method') ?? 'S256',
    });
    return redirect(res, withQuery(c.redirectUri, [['code', code], ['state', p.get('state')], ['session_state', randomToken(16)]]));
  }

  async function adminConsent(req, res, url, tenantKey, p) {
    const action = url.pathname;
    if (req.method === 'POST' && p.get('flow')) return consentDecision(res, p);
    const c = checkClient(tenantKey, p);
    if (c.page) return sendHtml(res, c.page[0], errorPage(c.page[1], c.page[2]));
    const subtitle = `to grant ${c.app.displayName} access to your organization`;
    if (req.method === 'GET') return sendHtml(res, 200, signInPage({ action, hidden: hidden(p, CONSENT_PARAMS), subtitle, username: p.get('login_hint') ?? '' }));
    const s = signIn(c.tenant, p);
    if (s.error) return sendHtml(res, 200, signInPage({ action, hidden: hidden(p, CONSENT_PARAMS), subtitle, username: p.get('username') ?? '', error: s.error }));
    if (!c.app.multiTenant && c.app.homeTenantId !== s.userTenant.id) {
      return sendHtml(res, 400, errorPage(700016, `Application with identifier '${c.app.appId}' was not found in the directory '${s.userTenant.displayName}'. The application is not multi-tenant.`));
    }
    if (!s.user.isAdmin) {
      const returnUrl = withQuery(c.redirectUri, [
        ['error', 'access_denied'],
        ['error_description', 'AADSTS90094: The grant requires admin permission.'],
        ['state', p.get('state')],
      ]);
      return sendHtml(res, 200, needAdminPage({ app: c.app, returnUrl }));
    }
    const flow = randomToken(24);
    const now = Date.now();
    for (const [id, f] of flows) if (f.expiresAt <= now) flows.delete(id);
    flows.set(flow, {
      tenantId: s.userTenant.id,
      userId: s.user.id,
      appId: c.app.appId,
      redirectUri: c.redirectUri,
      state: p.get('state'),
      scope: p.get('scope') ?? 'https://graph.microsoft.com/.default',
      expiresAt: now + FLOW_TTL_MS,
    });
    return sendHtml(res, 200, consentPage({ action, flow, app: c.app, user: s.user, tenant: s.userTenant }));
  }

  function consentDecision(res, p) {
    const f = flows.get(p.get('flow'));
    flows.delete(p.get('flow'));
    if (!f || f.expiresAt <= Date.now()) return sendHtml(res, 400, errorPage(50058, 'Your sign-in session has expired. Start the admin consent again.'));
    const app = ctx.dir.apps.get(f.appId);
    const tenant = ctx.dir.tenant(f.tenantId);
    const user = ctx.dir.usersById.get(f.userId);
    if (!app || !tenant || !user) return sendHtml(res, 400, errorPage(50058, 'The sign-in session is no longer valid.'));
    if (p.get('action') === 'accept') {
      ctx.dir.consent(app, tenant, user.userPrincipalName);
      return redirect(res, withQuery(f.redirectUri, [['admin_consent', 'True'], ['tenant', tenant.id], ['state', f.state], ['scope', f.scope]]));
    }
    return redirect(res, withQuery(f.redirectUri, [
      ['error', 'access_denied'],
      ['error_subcode', 'cancel'],
      ['state', f.state],
      ['error_description', 'AADSTS65004: User declined to consent to access the app.'],
    ]));
  }

  async function token(req, res, tenantKey, text) {
    const form = isForm(req) ? new URLSearchParams(text) : new URLSearchParams();
    const known = ctx.dir.tenant(tenantKey)?.id ?? null;
    const delay = ctx.faults.latency(known, 'token');
    if (delay) await sleep(delay);
    const f = ctx.faults.failure(known, 'token');
    let answer;
    if (f) {
      const headers = f.retryAfterSeconds !== null ? { 'Retry-After': String(f.retryAfterSeconds) } : {};
      answer = f.kind === 'throttle'
        ? { ...aadError(429, 'temporarily_unavailable', 50196, 'The server terminated an operation because it encountered a client request loop or too many requests. Please retry later.'), headers }
        : { ...aadError(f.status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.'), headers };
    } else answer = ctx.tokens.tokenEndpoint(tenantKey, form, req.headers.authorization);
    return { answer, tenantId: answer.tenantId ?? known, form };
  }

  async function handle(req, res, url) {
    const at = ctx.calls.now();
    const segments = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    if (url.pathname === '/health' && method === 'GET') return sendJson(res, 200, { ok: true });
    const tenantKey = segments[0] ?? '';
    const rest = segments.slice(1).join('/');
    const text = method === 'POST' ? await readBody(req) : '';
    const record = (op, status, tenantId, body) =>
      ctx.calls.record({ at, tenant: tenantId ?? ctx.dir.tenant(tenantKey)?.id ?? null, op, method, path: url.pathname, body, status });
    if (rest === 'oauth2/v2.0/token' && method === 'POST') {
      const { answer, tenantId, form } = await token(req, res, tenantKey, text);
      const body = { grant_type: form.get('grant_type'), client_id: form.get('client_id'), scope: form.get('scope'), ...(form.get('username') ? { username: form.get('username') } : {}) };
      record('token', answer.status, tenantId, body);
      return sendJson(res, answer.status, answer.body, { 'cache-control': 'no-store', ...(answer.headers ?? {}) });
    }
    const isAuthorize = rest === 'oauth2/v2.0/authorize';
    const isConsent = rest === 'adminconsent' || rest === 'v2.0/adminconsent';
    if ((isAuthorize || isConsent) && (method === 'GET' || method === 'POST')) {
      const op = isAuthorize ? 'authorize' : 'adminconsent';
      const delay = ctx.faults.latency(ctx.dir.tenant(tenantKey)?.id ?? null, op);
      if (delay) await sleep(delay);
      const p = method === 'GET' ? url.searchParams : new URLSearchParams(isForm(req) ? text : '');
      res.once('finish', () => record(op, res.statusCode, null, method === 'POST' ? { client_id: p.get('client_id'), username: p.get('username') } : undefined));
      return isAuthorize ? authorize(req, res, url, tenantKey, p) : adminConsent(req, res, url, tenantKey, p);
    }
    return sendJson(res, 404, { error: 'not_found', error_description: `No route for ${method} ${url.pathname}` });
  }

  return { handle, reset: () => flows.clear() };
}
