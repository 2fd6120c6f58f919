import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { custom, generators, Issuer } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_USERS, startOidcSimulator, type OidcSimulator } from '../../simulators/oidc/index.mjs';

const REDIRECT_URI = 'http://localhost:3000/api/auth/callback/partner-idp';
const OLIVIA = { email: 'olivia.oidc@tailspin.example', password: 'oidc-pass-123' };

type Json = Record<string, unknown>;

const b64url = (data: Buffer) => data.toString('base64url');
const challengeOf = (verifier: string) => b64url(createHash('sha256').update(verifier).digest());
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function unescapeHtml(value: string) {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}

/** The hidden fields of the sign-in form, as a browser would submit them. */
function hiddenFields(html: string) {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(m[1]!, unescapeHtml(m[2]!));
  return fields;
}

function decodeJwt(jwt: string) {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Json,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()) as Json,
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
  };
}

describe('OIDC identity provider simulator (AUTH-1)', () => {
  let sim: OidcSimulator;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    sim = await startOidcSimulator({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await sim?.stop();
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  /** Browser part of the flow: GET the form, POST it with credentials; returns the final response. */
  async function signIn(authorizeUrl: string, credentials = OLIVIA) {
    const page = await fetch(authorizeUrl);
    expect(page.status).toBe(200);
    const form = hiddenFields(await page.text());
    form.set('email', credentials.email);
    form.set('password', credentials.password);
    return fetch(`${sim.issuer}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  }

  /** Runs authorize + sign-in by hand; returns the code and the PKCE verifier. */
  async function obtainCode(extra: Record<string, string> = {}) {
    const verifier = b64url(randomBytes(32));
    const state = b64url(randomBytes(16));
    const query = new URLSearchParams({
      client_id: 'portal',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      state,
      code_challenge: challengeOf(verifier),
      code_challenge_method: 'S256',
      ...extra,
    });
    const res = await signIn(`${sim.issuer}/authorize?${query}`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe(state);
    return { code: location.searchParams.get('code')!, verifier, state };
  }

  function exchange(code: string, verifier: string, { secret = 'portal-secret', redirectUri = REDIRECT_URI } = {}) {
    return fetch(`${sim.issuer}/token`, {
      method: 'POST',
      headers: { authorization: basic('portal', secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
    });
  }

  it('publishes discovery metadata matching what next-auth/openid-client use', async () => {
    expect(sim.issuer).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.wellKnown).toBe(`${sim.issuer}/.well-known/openid-configuration`);
    const meta = (await (await fetch(sim.wellKnown)).json()) as Json;
    expect(meta).toMatchObject({
      issuer: sim.issuer,
      authorization_endpoint: `${sim.issuer}/authorize`,
      token_endpoint: `${sim.issuer}/token`,
      userinfo_endpoint: `${sim.issuer}/userinfo`,
      jwks_uri: `${sim.issuer}/jwks`,
      end_session_endpoint: `${sim.issuer}/logout`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
    });
    expect(meta.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
  });

  it('walks the whole code flow by hand and issues a verifiable RS256 id_token', async () => {
    const verifier = b64url(randomBytes(32));
    const nonce = b64url(randomBytes(16));
    const query = new URLSearchParams({
      client_id: 'portal',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      state: 'st&"<x>',
      nonce,
      code_challenge: challengeOf(verifier),
      code_challenge_method: 'S256',
    });

    const page = await fetch(`${sim.issuer}/authorize?${query}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1>Partner sign-in</h1>');
    expect(html).toMatch(/<label for="email">E-mail<\/label>\s*<input id="email" name="email"/);
    expect(html).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).not.toContain('role="alert"');
    const form = hiddenFields(html);
    expect(Object.fromEntries(form)).toEqual(Object.fromEntries(query));

    form.set('email', OLIVIA.email);
    form.set('password', 'nope');
    const wrong = await fetch(`${sim.issuer}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(wrong.status).toBe(200);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toMatch(/<p id="signin-error" role="alert">Wrong e-mail or password<\/p>/);
    expect(wrongHtml).toContain(`value="${OLIVIA.email}"`);
    expect(Object.fromEntries(hiddenFields(wrongHtml))).toEqual(Object.fromEntries(query));

    form.set('email', OLIVIA.email.toUpperCase());
    form.set('password', OLIVIA.password);
    const ok = await fetch(`${sim.issuer}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(ok.status).toBe(302);
    const location = new URL(ok.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st&"<x>');
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^[\w-]{40,}$/);

    const tokenRes = await exchange(code, verifier);
    expect(tokenRes.status).toBe(200);
    expect(tokenRes.headers.get('cache-control')).toBe('no-store');
    const tokens = (await tokenRes.json()) as Json;
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'openid email profile', expires_in: expect.any(Number) });
    expect(tokens.access_token).toEqual(expect.any(String));

    const jwt = decodeJwt(tokens.id_token as string);
    const jwks = (await (await fetch(`${sim.issuer}/jwks`)).json()) as { keys: Array<JsonWebKey & { kid: string }> };
    expect(jwks.keys).toHaveLength(1);
    const jwk = jwks.keys[0]!;
    expect(jwk).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    expect(jwk).not.toHaveProperty('d');
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: jwk.kid });
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(verify('sha256', Buffer.from(jwt.signingInput), key, jwt.signature)).toBe(true);
    expect(verify('sha256', Buffer.from(`${jwt.signingInput}x`), key, jwt.signature)).toBe(false);

    const now = Math.floor(Date.now() / 1000);
    const claims = jwt.payload;
    expect(claims).toMatchObject({
      iss: sim.issuer,
      aud: 'portal',
      sub: 'oidc-partner-1',
      nonce,
      email: OLIVIA.email,
      email_verified: true,
      name: 'Olivia Oidc',
      org_name: 'Tailspin Partners',
    });
    expect(Math.abs((claims.iat as number) - now)).toBeLessThanOrEqual(5);
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
    expect(claims.auth_time).toBeLessThanOrEqual(claims.iat as number);

    // single-use code
    const reuse = await exchange(code, verifier);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });

    const info = await fetch(`${sim.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token as string}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({
      sub: 'oidc-partner-1',
      email: OLIVIA.email,
      email_verified: true,
      name: 'Olivia Oidc',
      org_name: 'Tailspin Partners',
    });
  });

  it('rejects a wrong PKCE verifier, redirect_uri or client secret per RFC 6749', async () => {
    const a = await obtainCode();
    const wrongVerifier = await exchange(a.code, b64url(randomBytes(32)));
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.any(String) });
    expect((await exchange(a.code, a.verifier)).status).toBe(400); // the failed attempt consumed the code

    const b = await obtainCode();
    const wrongRedirect = await exchange(b.code, b.verifier, { redirectUri: 'http://localhost:3000/elsewhere' });
    expect(wrongRedirect.status).toBe(400);
    expect(await wrongRedirect.json()).toMatchObject({ error: 'invalid_grant' });

    const c = await obtainCode();
    const wrongSecret = await exchange(c.code, c.verifier, { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });

    // client_secret_post works too; the code survived the unauthenticated attempt above
    const post = await fetch(`${sim.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: c.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: c.verifier,
        client_id: 'portal',
        client_secret: 'portal-secret',
      }),
    });
    expect(post.status).toBe(200);

    const d = await obtainCode();
    const badGrant = await fetch(`${sim.issuer}/token`, {
      method: 'POST',
      headers: { authorization: basic('portal', 'portal-secret') },
      body: new URLSearchParams({ grant_type: 'password', code: d.code }),
    });
    expect(badGrant.status).toBe(400);
    expect(await badGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('expires authorization codes after 60 seconds and omits nonce when none was sent', async () => {
    const { code, verifier } = await obtainCode();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      const res = await exchange(code, verifier);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    } finally {
      vi.useRealTimers();
    }
    const fresh = await obtainCode();
    const tokens = (await (await exchange(fresh.code, fresh.verifier)).json()) as Json;
    expect(decodeJwt(tokens.id_token as string).payload).not.toHaveProperty('nonce');
  });

  it('validates authorization requests', async () => {
    const verifier = b64url(randomBytes(32));
    const base = {
      client_id: 'portal',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email',
      state: 's1',
      code_challenge: challengeOf(verifier),
      code_challenge_method: 'S256',
    };
    const get = (params: Record<string, string>) =>
      fetch(`${sim.issuer}/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
    const redirectError = async (params: Record<string, string>) => {
      const res = await get(params);
      expect(res.status).toBe(302);
      const loc = new URL(res.headers.get('location')!);
      expect(loc.searchParams.get('state')).toBe('s1');
      return loc.searchParams.get('error');
    };

    const unknownClient = await get({ ...base, client_id: 'intruder' });
    expect(unknownClient.status).toBe(400);
    expect(await unknownClient.text()).toContain('role="alert"');
    const { redirect_uri: _omit, ...noRedirect } = base;
    expect((await get(noRedirect)).status).toBe(400);
    const { code_challenge: _cc, ...noPkce } = base;
    expect(await redirectError(noPkce)).toBe('invalid_request');
    expect(await redirectError({ ...base, code_challenge_method: 'plain' })).toBe('invalid_request');
    expect(await redirectError({ ...base, response_type: 'token' })).toBe('unsupported_response_type');
    expect(await redirectError({ ...base, scope: 'email profile' })).toBe('invalid_scope');
  });

  it('guards userinfo and redirects on logout', async () => {
    const none = await fetch(`${sim.issuer}/userinfo`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const bad = await fetch(`${sim.issuer}/userinfo`, { headers: { authorization: 'Bearer forged' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const target = 'http://localhost:3000/signed-out';
    const out = await fetch(`${sim.issuer}/logout?post_logout_redirect_uri=${encodeURIComponent(target)}&state=z`, { redirect: 'manual' });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe(`${target}?state=z`);
    const plain = await fetch(`${sim.issuer}/logout`);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain('<h1>Signed out</h1>');
  });

  it('satisfies openid-client (as used by next-auth v4) with PKCE, state and nonce', async () => {
    const issuer = await Issuer.discover(sim.wellKnown);
    expect(issuer.issuer).toBe(sim.issuer);
    // exactly how next-auth/core/lib/oauth/client.js builds its client
    const client = new issuer.Client({ client_id: 'portal', client_secret: 'portal-secret', redirect_uris: [REDIRECT_URI] });
    client[custom.clock_tolerance] = 10;

    const code_verifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const url = client.authorizationUrl({
      scope: 'openid email profile',
      code_challenge: generators.codeChallenge(code_verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    expect(url.startsWith(`${sim.issuer}/authorize?`)).toBe(true);

    const res = await signIn(url, { email: 'oscar.oidc@tailspin.example', password: 'oidc-pass-123' });
    expect(res.status).toBe(302);
    const params = client.callbackParams(res.headers.get('location')!);
    const tokenSet = await client.callback(REDIRECT_URI, params, { code_verifier, state, nonce });
    expect(tokenSet.claims()).toMatchObject({
      iss: sim.issuer,
      aud: 'portal',
      sub: 'oidc-partner-2',
      email: 'oscar.oidc@tailspin.example',
      name: 'Oscar Oidc',
      org_name: 'Tailspin Partners',
      nonce,
    });
    expect(tokenSet.expired()).toBe(false);
    expect(await client.userinfo(tokenSet)).toMatchObject({ sub: 'oidc-partner-2', org_name: 'Tailspin Partners' });

    // the portal's own config: checks ['pkce', 'state'] only (no nonce)
    const v2 = generators.codeVerifier();
    const res2 = await signIn(client.authorizationUrl({ scope: 'openid email profile', code_challenge: generators.codeChallenge(v2), code_challenge_method: 'S256', state }));
    const set2 = await client.callback(REDIRECT_URI, client.callbackParams(res2.headers.get('location')!), { code_verifier: v2, state });
    expect(set2.claims().sub).toBe('oidc-partner-1');

    // a nonce mismatch is detected, proving the nonce round-trips
    const v3 = generators.codeVerifier();
    const res3 = await signIn(client.authorizationUrl({ scope: 'openid', code_challenge: generators.codeChallenge(v3), code_challenge_method: 'S256', state, nonce }));
    await expect(
      client.callback(REDIRECT_URI, client.callbackParams(res3.headers.get('location')!), { code_verifier: v3, state, nonce: 'other' }),
    ).rejects.toThrow(/nonce mismatch/);

    // a wrong secret surfaces as an OPError invalid_client
    const bad = new issuer.Client({ client_id: 'portal', client_secret: 'wrong', redirect_uris: [REDIRECT_URI] });
    const v4 = generators.codeVerifier();
    const res4 = await signIn(bad.authorizationUrl({ scope: 'openid', code_challenge: generators.codeChallenge(v4), code_challenge_method: 'S256', state }));
    await expect(bad.callback(REDIRECT_URI, bad.callbackParams(res4.headers.get('location')!), { code_verifier: v4, state })).rejects.toMatchObject({
      error: 'invalid_client',
    });
  });

  it('URL-decodes Basic credentials and supports client_secret_post via openid-client', async () => {
    const odd = await startOidcSimulator({ clientId: 'portal client:1', clientSecret: 'p@ss word+%/é', issuerHost: 'localhost', users: [DEFAULT_USERS[1]!] });
    try {
      expect(odd.issuer).toBe(`http://localhost:${odd.port}`);
      const issuer = await Issuer.discover(odd.issuer);
      for (const method of ['client_secret_basic', 'client_secret_post'] as const) {
        const client = new issuer.Client({
          client_id: odd.clientId,
          client_secret: odd.clientSecret,
          redirect_uris: [REDIRECT_URI],
          token_endpoint_auth_method: method,
        });
        const code_verifier = generators.codeVerifier();
        const state = generators.state();
        const page = await fetch(client.authorizationUrl({ scope: 'openid email profile', code_challenge: generators.codeChallenge(code_verifier), code_challenge_method: 'S256', state }));
        const form = hiddenFields(await page.text());
        form.set('email', 'oscar.oidc@tailspin.example');
        form.set('password', 'oidc-pass-123');
        const res = await fetch(`${odd.issuer}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
        const tokenSet = await client.callback(REDIRECT_URI, client.callbackParams(res.headers.get('location')!), { code_verifier, state });
        expect(tokenSet.claims()).toMatchObject({ aud: 'portal client:1', iss: odd.issuer, sub: 'oidc-partner-2' });
      }
    } finally {
      await odd.stop();
    }
  });

  it('starts as a child process, prints its port and issuer as JSON and stops on SIGTERM', async () => {
    const script = path.resolve(import.meta.dirname, '../../simulators/oidc/server.mjs');
    child = spawn(process.execPath, [script, '--port', '0', '--host', '127.0.0.1', '--client-id', 'cli', '--client-secret', 'cli-secret'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const exitedEarly = once(child, 'exit').then(([code]) => {
      throw new Error(`simulator exited early with ${code}`);
    });
    exitedEarly.catch(() => {}); // only relevant while racing against the first line
    const [line] = (await Promise.race([once(lines, 'line'), exitedEarly])) as [string];
    const info = JSON.parse(line) as { port: number; issuer: string };
    expect(Object.keys(info).sort()).toEqual(['issuer', 'port']);
    expect(info.issuer).toBe(`http://127.0.0.1:${info.port}`);
    const meta = (await (await fetch(`${info.issuer}/.well-known/openid-configuration`)).json()) as Json;
    expect(meta.issuer).toBe(info.issuer);
    const reject = await fetch(`${info.issuer}/authorize?client_id=portal&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`);
    expect(reject.status).toBe(400); // the CLI registered "cli", not "portal"

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
