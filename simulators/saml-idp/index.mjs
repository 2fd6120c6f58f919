// Programmatic API of the local SAML 2.0 identity provider simulator: metadata, SP-initiated SSO
// (HTTP-Redirect and HTTP-POST AuthnRequests), IdP-initiated SSO and a mint endpoint for
// deliberately shaped responses. Responses are built by npm samlp ("auth0") or samlify's
// IdentityProvider ("samlify"), signed RSA-SHA256 with exclusive c14n. node:http only. See README.md.
import http from 'node:http';
import { DEFAULT_SIGN, ENGINES, createEngine } from './engines.mjs';
import { autoPostPage, errorPage, signInPage } from './page.mjs';
import { createCertificate, hostForUrl, httpError, httpUrl, parseAuthnRequest, readForm, readJson, sendHtml, sendJson, sendXml } from './util.mjs';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

const ROUTES = {
  '/health': ['GET'],
  '/metadata': ['GET'],
  '/sso': ['GET', 'POST'],
  '/sso/sign-in': ['POST'],
  '/idp-initiated': ['GET'],
  '/control/mint': ['POST'],
};

/**
 * Start the SAML IdP simulator.
 * @param {import('./index.d.mts').SamlIdpOptions} [options]
 * @returns {Promise<import('./index.d.mts').SamlIdp>}
 */
export async function startSamlIdp({
  host = '127.0.0.1',
  port = 0,
  engine = 'auth0',
  entityId: entityIdOption,
  certificateValidDays = 365,
  publicHost,
} = {}) {
  if (!ENGINES.includes(engine)) throw new Error(`unknown engine "${engine}" (expected ${ENGINES.join(' or ')})`);
  if (typeof certificateValidDays !== 'number' || !Number.isFinite(certificateValidDays)) throw new Error('certificateValidDays must be a number');
  const commonName = `Test IdP (${engine})`;
  const [signer, other] = await Promise.all([createCertificate(commonName, certificateValidDays), createCertificate(commonName, certificateValidDays)]);

  /** @type {ReturnType<typeof createEngine> | undefined} */
  let idp;

  /** Mints the response for a completed sign-in and answers the auto-posting form. */
  async function completeSignIn(res, { sp, acs, inResponseTo, relayState, email }) {
    const { samlResponse } = await idp.mint({ email, audience: sp, recipient: acs, destination: acs, inResponseTo });
    return sendHtml(res, 200, autoPostPage({ acs, samlResponse, relayState }));
  }

  async function sso(req, res, url) {
    const binding = req.method === 'GET' ? 'redirect' : 'post';
    const params = binding === 'redirect' ? url.searchParams : await readForm(req);
    let request;
    try {
      request = parseAuthnRequest(params.get('SAMLRequest'), binding);
    } catch (err) {
      if (err.status !== 400) throw err;
      return sendHtml(res, 400, errorPage('Bad SAML request', err.message));
    }
    // An optional Signature/SigAlg of the Redirect binding is not checked: AuthnRequest signing is off.
    const email = url.searchParams.get('login_hint') ?? params.get('login_hint') ?? request.nameId ?? '';
    const context = { sp: request.issuer, acs: request.acs, inResponseTo: request.id, relayState: params.get('RelayState') ?? undefined };
    return sendHtml(res, 200, signInPage(context, { email }));
  }

  /** The SP and ACS of an IdP-initiated or submitted sign-in, or a 400 page. */
  function target(res, p) {
    const sp = p.get('sp')?.trim();
    const acs = httpUrl(p.get('acs'));
    if (sp && acs) return { sp, acs };
    sendHtml(res, 400, errorPage('Bad sign-in request', sp ? 'acs must be an absolute http(s) URL.' : 'sp (the service provider entity id) is required.'));
    return null;
  }

  async function signIn(req, res) {
    const form = await readForm(req);
    const t = target(res, form);
    if (!t) return;
    const context = { ...t, inResponseTo: form.get('inResponseTo') || undefined, relayState: form.get('relayState') ?? undefined };
    const email = (form.get('email') ?? '').trim();
    if (!EMAIL.test(email)) return sendHtml(res, 200, signInPage(context, { email, error: 'Enter an e-mail address' }));
    return completeSignIn(res, { ...context, email });
  }

  async function idpInitiated(res, p) {
    const t = target(res, p);
    if (!t) return;
    const context = { ...t, relayState: p.get('relayState') ?? undefined };
    const email = p.get('email')?.trim();
    if (email === undefined) return sendHtml(res, 200, signInPage(context));
    if (!EMAIL.test(email)) return sendHtml(res, 200, signInPage(context, { email, error: 'Enter an e-mail address' }));
    return completeSignIn(res, { ...context, email });
  }

  async function route(req, res) {
    const url = new URL(req.url || '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const allowed = ROUTES[path];
    if (!allowed) return sendJson(res, 404, { error: 'not_found', error_description: `no route for ${method} ${path}` });
    if (!allowed.includes(method)) {
      return sendJson(res, 405, { error: 'method_not_allowed', error_description: `${path} accepts ${allowed.join(', ')}` }, { allow: allowed.join(', ') });
    }
    if (path === '/health') return sendJson(res, 200, { ok: true });
    if (path === '/metadata') return sendXml(res, 200, idp.metadata());
    if (path === '/sso') return sso(req, res, url);
    if (path === '/sso/sign-in') return signIn(req, res);
    if (path === '/idp-initiated') return idpInitiated(res, url.searchParams);
    if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) throw httpError('the body must be application/json');
    return sendJson(res, 200, await idp.mint(await readJson(req)));
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

  const url = `http://${hostForUrl(publicHost ?? host)}:${actualPort}`;
  const entityId = entityIdOption ?? `${url}/metadata`;
  const ssoUrl = `${url}/sso`;
  try {
    idp = createEngine(engine, { entityId, ssoUrl, publicOrigin: url, signer, other });
  } catch (err) {
    server.close();
    throw err;
  }

  let stopping = null;
  const stop = () => {
    stopping ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopping;
  };

  return {
    url,
    host,
    port: actualPort,
    entityId,
    ssoUrl,
    metadataUrl: `${url}/metadata`,
    certificate: signer.cert,
    otherCertificate: other.cert,
    engine,
    defaultSign: DEFAULT_SIGN[engine],
    mint: (options) => idp.mint(options),
    stop,
  };
}
