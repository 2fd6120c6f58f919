import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { deflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import * as samlify from 'samlify';
import * as xmllint from '@authenio/samlify-node-xmllint';
import { SignedXml } from 'xml-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSamlIdp, type SamlIdp, type SamlIdpEngine } from '../../simulators/saml-idp/index.mjs';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const SP = { entityId: 'https://portal.example/api/sso/acct-1/metadata', acs: 'https://portal.example/api/sso/acct-1/acs' };
const USER = 'uma.user@contoso.example';

samlify.setSchemaValidator(xmllint);

function unescapeHtml(value: string) {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}

/** The hidden fields of a page's form, as a browser would submit them. */
function hiddenFields(html: string) {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(m[1]!, unescapeHtml(m[2]!));
  return fields;
}

/** The auto-posting form of the HTTP-POST binding. */
function postedForm(html: string) {
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  expect(action).toBeDefined();
  const fields = hiddenFields(html);
  return { action: unescapeHtml(action!), samlResponse: fields.get('SAMLResponse'), relayState: fields.get('RelayState') };
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
const all = (node: Document | Element, ns: string, name: string) => Array.from(node.getElementsByTagNameNS(ns, name));
const one = (node: Document | Element, ns: string, name: string) => {
  const found = all(node, ns, name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
const bareCert = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

/** Each ds:Signature of the document, checked with xml-crypto against one certificate only (KeyInfo ignored). */
function signatures(xml: string, certificate: string) {
  return all(parse(xml), DS, 'Signature').map((signature) => {
    const sig = new SignedXml({ publicCert: certificate });
    sig.loadSignature(signature as unknown as Node);
    let valid: boolean;
    try {
      valid = sig.checkSignature(xml);
    } catch {
      valid = false;
    }
    const parent = signature.parentNode as Element;
    return {
      valid,
      parent: parent.localName,
      coversParent: one(signature, DS, 'Reference').getAttribute('URI') === `#${parent.getAttribute('ID')}`,
      algorithms: {
        c14n: one(signature, DS, 'CanonicalizationMethod').getAttribute('Algorithm'),
        signature: one(signature, DS, 'SignatureMethod').getAttribute('Algorithm'),
        digest: one(signature, DS, 'DigestMethod').getAttribute('Algorithm'),
        transforms: all(signature, DS, 'Transform').map((t) => t.getAttribute('Algorithm')),
      },
      keyInfo: one(signature, DS, 'X509Certificate').textContent?.replace(/\s/g, ''),
    };
  });
}

const RSA_SHA256 = {
  c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
  transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
};

/** The facts of a Response a service provider checks. */
function facts(xml: string) {
  const doc = parse(xml);
  const response = doc.documentElement!;
  const assertion = one(doc, SAML, 'Assertion');
  const data = one(assertion, SAML, 'SubjectConfirmationData');
  const conditions = one(assertion, SAML, 'Conditions');
  const attributes = Object.fromEntries(all(assertion, SAML, 'Attribute').map((a) => [a.getAttribute('Name'), one(a, SAML, 'AttributeValue').textContent]));
  return {
    root: `${response.namespaceURI} ${response.localName}`,
    status: one(response, SAMLP, 'StatusCode').getAttribute('Value'),
    responseId: response.getAttribute('ID'),
    assertionId: assertion.getAttribute('ID'),
    issuers: all(doc, SAML, 'Issuer').map((i) => i.textContent),
    destination: response.getAttribute('Destination'),
    inResponseTo: { response: response.getAttribute('InResponseTo'), subject: data.getAttribute('InResponseTo') },
    recipient: data.getAttribute('Recipient'),
    method: one(assertion, SAML, 'SubjectConfirmation').getAttribute('Method'),
    nameId: one(assertion, SAML, 'NameID').textContent,
    nameIdFormat: one(assertion, SAML, 'NameID').getAttribute('Format'),
    audiences: all(conditions, SAML, 'Audience').map((a) => a.textContent),
    issueInstant: Date.parse(assertion.getAttribute('IssueInstant')!),
    notBefore: conditions.getAttribute('NotBefore'),
    notOnOrAfter: conditions.getAttribute('NotOnOrAfter'),
    subjectNotOnOrAfter: data.getAttribute('NotOnOrAfter'),
    authnStatements: all(assertion, SAML, 'AuthnStatement').length,
    attributes,
  };
}

function authnRequest({ id = '_req-1', acs = SP.acs, issuer = SP.entityId, nameId }: { id?: string; acs?: string; issuer?: string; nameId?: string } = {}) {
  const subject = nameId ? `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</saml:NameID></saml:Subject>` : '';
  return (
    `<samlp:AuthnRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}" ` +
    `ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" AssertionConsumerServiceURL="${acs}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>${subject}<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" AllowCreate="true"/></samlp:AuthnRequest>`
  );
}
const redirectParam = (xml: string) => deflateRawSync(Buffer.from(xml)).toString('base64');

describe.each<SamlIdpEngine>(['auth0', 'samlify'])('SAML IdP simulator (%s engine)', (engine) => {
  let idp: SamlIdp;
  const defaultSign = engine === 'auth0' ? 'assertion' : 'response';
  const mint = (o: Record<string, unknown> = {}) => idp.mint({ email: USER, audience: SP.entityId, recipient: SP.acs, ...o });

  beforeAll(async () => {
    idp = await startSamlIdp({ engine });
  });
  afterAll(() => idp?.stop());

  it('serves metadata naming its fresh signing certificate and both SSO bindings', async () => {
    expect(idp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(idp).toMatchObject({ engine, entityId: `${idp.url}/metadata`, ssoUrl: `${idp.url}/sso`, metadataUrl: `${idp.url}/metadata` });
    expect(await (await fetch(`${idp.url}/health`)).json()).toEqual({ ok: true });

    for (const pem of [idp.certificate, idp.otherCertificate]) {
      const cert = new X509Certificate(pem);
      expect(cert.subject).toBe(`CN=Test IdP (${engine})`);
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(cert.verify(cert.publicKey)).toBe(true);
      const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(364);
      expect(days).toBeLessThanOrEqual(365);
    }
    expect(new X509Certificate(idp.otherCertificate).publicKey.export({ format: 'der', type: 'spki' })).not.toEqual(
      new X509Certificate(idp.certificate).publicKey.export({ format: 'der', type: 'spki' }),
    );

    const res = await fetch(idp.metadataUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    const doc = parse(await res.text());
    expect(doc.documentElement!.namespaceURI).toBe(MD);
    expect(doc.documentElement!.localName).toBe('EntityDescriptor');
    expect(doc.documentElement!.getAttribute('entityID')).toBe(idp.entityId);
    const descriptor = one(doc, MD, 'IDPSSODescriptor');
    expect(descriptor.getAttribute('protocolSupportEnumeration')).toBe(SAMLP);
    const key = one(descriptor, MD, 'KeyDescriptor');
    expect(key.getAttribute('use')).toBe('signing');
    expect(one(key, DS, 'X509Certificate').textContent?.replace(/\s/g, '')).toBe(bareCert(idp.certificate));
    expect(all(descriptor, MD, 'SingleSignOnService').map((s) => [s.getAttribute('Binding'), s.getAttribute('Location')])).toEqual(
      expect.arrayContaining([
        ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', idp.ssoUrl],
        ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', idp.ssoUrl],
      ]),
    );
    expect(all(descriptor, MD, 'NameIDFormat').map((f) => f.textContent)).toContain('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
  });

  it(`mints a schema-valid response signed (${defaultSign}) with the certificate and not with the other one`, async () => {
    const { samlResponse, xml, responseId, assertionId } = await mint({ inResponseTo: '_req-9' });
    expect(Buffer.from(samlResponse, 'base64').toString('utf8')).toBe(xml);
    await expect(samlify.SamlLib.isValidXml(xml)).resolves.toBeTruthy();

    const sigs = signatures(xml, idp.certificate);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toEqual({ valid: true, parent: defaultSign === 'assertion' ? 'Assertion' : 'Response', coversParent: true, algorithms: RSA_SHA256, keyInfo: bareCert(idp.certificate) });
    expect(signatures(xml, idp.otherCertificate).map((s) => s.valid)).toEqual([false]);

    const f = facts(xml);
    expect(f).toMatchObject({
      root: `${SAMLP} Response`,
      status: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      responseId,
      assertionId,
      issuers: [idp.entityId, idp.entityId],
      destination: SP.acs,
      inResponseTo: { response: '_req-9', subject: '_req-9' },
      recipient: SP.acs,
      method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer',
      nameId: USER,
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      audiences: [SP.entityId],
      authnStatements: 1,
      attributes: { [EMAIL_CLAIM]: USER, email: USER },
    });
    expect(Math.abs(f.issueInstant - Date.now())).toBeLessThan(5_000);
    expect(Date.parse(f.notBefore!)).toBe(f.issueInstant - 60_000);
    expect(Date.parse(f.notOnOrAfter!)).toBe(f.issueInstant + 300_000);
    expect(f.subjectNotOnOrAfter).toBe(f.notOnOrAfter);

    // A tampered response no longer verifies.
    expect(signatures(xml.replace(USER, 'alice@contoso.example'), idp.certificate).map((s) => s.valid)).toEqual([false]);
  });

  it('signs the assertion, the response, both or nothing, with either key pair', async () => {
    const where = { assertion: ['Assertion'], response: ['Response'], both: ['Response', 'Assertion'] } as const;
    for (const sign of ['assertion', 'response', 'both'] as const) {
      const { xml } = await mint({ sign });
      await expect(samlify.SamlLib.isValidXml(xml)).resolves.toBeTruthy();
      const sigs = signatures(xml, idp.certificate);
      expect(sigs.map((s) => s.parent)).toEqual(where[sign]);
      expect(sigs.every((s) => s.valid && s.coversParent && s.keyInfo === bareCert(idp.certificate))).toBe(true);
      expect(sigs.every((s) => JSON.stringify(s.algorithms) === JSON.stringify(RSA_SHA256))).toBe(true);

      const other = (await mint({ sign, key: 'other' })).xml;
      expect(signatures(other, idp.otherCertificate).map((s) => [s.parent, s.valid, s.keyInfo === bareCert(idp.otherCertificate)])).toEqual(
        where[sign].map((p) => [p, true, true]),
      );
      expect(signatures(other, idp.certificate).some((s) => s.valid)).toBe(false);
    }
    const unsigned = (await mint({ sign: 'none' })).xml;
    expect(all(parse(unsigned), DS, 'Signature')).toHaveLength(0);
    expect(unsigned).not.toContain('Signature');
    await expect(samlify.SamlLib.isValidXml(unsigned)).resolves.toBeTruthy();
    expect(facts(unsigned)).toMatchObject({ nameId: USER, audiences: [SP.entityId], recipient: SP.acs });
  });

  it('honours every mint knob', async () => {
    const { xml, responseId, assertionId } = await mint({
      destination: 'https://evil.example/acs',
      issuer: 'https://evil-idp.example',
      inResponseTo: '_req-7',
      notBefore: '2031-01-01T00:00:00Z',
      notOnOrAfter: '2031-01-01T01:10:00+01:00',
      subjectNotOnOrAfter: '2031-01-01T00:05:00.000Z',
      assertionId: 'assertion-1',
      responseId: '_response-1',
      sign: 'both',
      attributes: { email: null, groups: 'partners' },
      nameId: 'UPN\\uma',
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    });
    expect({ responseId, assertionId }).toEqual({ responseId: '_response-1', assertionId: 'assertion-1' });
    expect(signatures(xml, idp.certificate).map((s) => s.valid && s.coversParent)).toEqual([true, true]);
    expect(facts(xml)).toMatchObject({
      responseId: '_response-1',
      assertionId: 'assertion-1',
      issuers: ['https://evil-idp.example', 'https://evil-idp.example'],
      destination: 'https://evil.example/acs',
      recipient: SP.acs,
      inResponseTo: { response: '_req-7', subject: '_req-7' },
      notBefore: '2031-01-01T00:00:00.000Z',
      notOnOrAfter: '2031-01-01T00:10:00.000Z',
      subjectNotOnOrAfter: '2031-01-01T00:05:00.000Z',
      nameId: 'UPN\\uma',
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      attributes: { [EMAIL_CLAIM]: USER, groups: 'partners' },
    });

    await expect(idp.mint({ email: USER } as never)).rejects.toMatchObject({ status: 400, message: 'audience is required' });
    await expect(mint({ sign: 'everything' })).rejects.toMatchObject({ status: 400 });
    await expect(mint({ notBefore: 'yesterday' })).rejects.toMatchObject({ status: 400 });

    const http = await fetch(`${idp.url}/control/mint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USER, audience: SP.entityId, recipient: SP.acs, key: 'other' }),
    });
    expect(http.status).toBe(200);
    const body = (await http.json()) as { samlResponse: string; xml: string };
    expect(Buffer.from(body.samlResponse, 'base64').toString('utf8')).toBe(body.xml);
    expect(signatures(body.xml, idp.otherCertificate).map((s) => s.valid)).toEqual([true]);
    const bad = await fetch(`${idp.url}/control/mint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":1}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('runs the SP-initiated flow over HTTP-Redirect and answers with an auto-posting form', async () => {
    const relayState = 'rs&"<1>';
    const query = new URLSearchParams({ SAMLRequest: redirectParam(authnRequest({ id: '_req-redirect', nameId: 'hint@contoso.example' })), RelayState: relayState, Signature: 'ignored', SigAlg: 'x' });
    const page = await fetch(`${idp.ssoUrl}?${query}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<title>Test IdP sign-in</title>');
    expect(html).toMatch(/<label for="email">E-mail<\/label>\s*<input id="email" name="email" type="email"[^>]* value="hint@contoso\.example">/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    const form = hiddenFields(html);
    expect(Object.fromEntries(form)).toEqual({ sp: SP.entityId, acs: SP.acs, inResponseTo: '_req-redirect', relayState });

    form.set('email', USER);
    const done = await fetch(`${idp.url}/sso/sign-in`, { method: 'POST', body: form });
    expect(done.status).toBe(200);
    expect(done.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(done.headers.get('content-security-policy')).toBeNull();
    const posted = await done.text();
    expect(posted).toContain('<script>document.forms[0].submit()</script>');
    expect(posted).toContain('<button type="submit">Continue</button>');
    const { action, samlResponse, relayState: relayed } = postedForm(posted);
    expect(action).toBe(SP.acs);
    expect(relayed).toBe(relayState);
    const xml = Buffer.from(samlResponse!, 'base64').toString('utf8');
    expect(facts(xml)).toMatchObject({
      issuers: [idp.entityId, idp.entityId],
      destination: SP.acs,
      inResponseTo: { response: '_req-redirect', subject: '_req-redirect' },
      recipient: SP.acs,
      audiences: [SP.entityId],
      nameId: USER,
      attributes: { [EMAIL_CLAIM]: USER, email: USER },
    });
    expect(signatures(xml, idp.certificate).map((s) => [s.parent, s.valid])).toEqual([[defaultSign === 'assertion' ? 'Assertion' : 'Response', true]]);

    // A wrong e-mail re-shows the form with an alert and the same context.
    const again = new URLSearchParams(form);
    again.set('email', 'not-an-address');
    const retry = await (await fetch(`${idp.url}/sso/sign-in`, { method: 'POST', body: again })).text();
    expect(retry).toContain('role="alert"');
    expect(Object.fromEntries(hiddenFields(retry))).toEqual({ sp: SP.entityId, acs: SP.acs, inResponseTo: '_req-redirect', relayState });
  });

  it('accepts the HTTP-POST binding and prefills login_hint', async () => {
    const body = new URLSearchParams({ SAMLRequest: Buffer.from(authnRequest({ id: '_req-post', nameId: 'other@contoso.example' })).toString('base64') });
    const page = await fetch(`${idp.ssoUrl}?login_hint=${encodeURIComponent(USER)}`, { method: 'POST', body });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`value="${USER}"`);
    const form = hiddenFields(html);
    expect(Object.fromEntries(form)).toEqual({ sp: SP.entityId, acs: SP.acs, inResponseTo: '_req-post' });
    form.set('email', USER);
    const { samlResponse, relayState } = postedForm(await (await fetch(`${idp.url}/sso/sign-in`, { method: 'POST', body: form })).text());
    expect(relayState).toBeNull();
    expect(facts(Buffer.from(samlResponse!, 'base64').toString('utf8')).inResponseTo).toEqual({ response: '_req-post', subject: '_req-post' });
  });

  it('sends unsolicited IdP-initiated responses without any InResponseTo', async () => {
    const params = new URLSearchParams({ sp: SP.entityId, acs: SP.acs, relayState: '/accounts' });
    const page = await (await fetch(`${idp.url}/idp-initiated?${params}`)).text();
    expect(page).toContain('<title>Test IdP sign-in</title>');
    const form = hiddenFields(page);
    expect(Object.fromEntries(form)).toEqual({ sp: SP.entityId, acs: SP.acs, relayState: '/accounts' });
    form.set('email', USER);
    const viaForm = postedForm(await (await fetch(`${idp.url}/sso/sign-in`, { method: 'POST', body: form })).text());

    params.set('email', USER);
    const direct = postedForm(await (await fetch(`${idp.url}/idp-initiated?${params}`)).text());
    for (const { action, samlResponse, relayState } of [viaForm, direct]) {
      expect(action).toBe(SP.acs);
      expect(relayState).toBe('/accounts');
      const xml = Buffer.from(samlResponse!, 'base64').toString('utf8');
      expect(xml).not.toContain('InResponseTo');
      expect(facts(xml)).toMatchObject({ audiences: [SP.entityId], recipient: SP.acs, destination: SP.acs, nameId: USER });
      expect(signatures(xml, idp.certificate).map((s) => s.valid)).toEqual([true]);
    }
    expect((await fetch(`${idp.url}/idp-initiated?sp=x&acs=not-a-url`)).status).toBe(400);
    expect((await fetch(`${idp.url}/idp-initiated?acs=${encodeURIComponent(SP.acs)}`)).status).toBe(400);
  });

  it('answers a malformed SAMLRequest with a 400 page, and unknown paths with 404', async () => {
    const bad = async (url: string, init?: RequestInit) => {
      const res = await fetch(url, init);
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('Bad SAML request');
      expect(html).toContain('role="alert"');
      return html;
    };
    await bad(idp.ssoUrl);
    await bad(`${idp.ssoUrl}?SAMLRequest=${encodeURIComponent('not base64!')}`);
    expect(await bad(`${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(Buffer.from(authnRequest()).toString('base64'))}`)).toContain('DEFLATE');
    await bad(`${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(redirectParam('<samlp:AuthnRequest xmlns:samlp="x"><unclosed>'))}`);
    await bad(`${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(redirectParam(`<samlp:LogoutRequest xmlns:samlp="${SAMLP}" ID="_l"/>`))}`);
    expect(await bad(`${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(redirectParam(authnRequest({ acs: 'relative/acs' })))}`)).toContain('AssertionConsumerServiceURL');
    await bad(`${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(redirectParam(authnRequest({ issuer: '' })))}`);
    await bad(idp.ssoUrl, { method: 'POST', body: new URLSearchParams({ SAMLRequest: redirectParam(authnRequest()) }) });

    const missing = await fetch(`${idp.url}/nope`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${idp.url}/metadata`, { method: 'POST' })).status).toBe(405);
  });
});

describe('SAML IdP simulator CLI', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts as a child process, prints one JSON line, writes its certificate and stops on SIGTERM', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'saml-idp-'));
    const certOut = path.join(dir, 'idp.pem');
    const script = path.resolve(import.meta.dirname, '../../simulators/saml-idp/server.mjs');
    child = spawn(process.execPath, [script, '--port', '0', '--host', '127.0.0.1', '--engine', 'samlify', '--entity-id', 'urn:test:idp', '--cert-out', certOut, '--cert-valid-days', '30'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const exitedEarly = once(child, 'exit').then(([code]) => {
      throw new Error(`simulator exited early with ${code}`);
    });
    exitedEarly.catch(() => {}); // only relevant while racing against the first line
    const [line] = (await Promise.race([once(lines, 'line'), exitedEarly])) as [string];
    const info = JSON.parse(line) as { port: number; url: string; entityId: string; ssoUrl: string; metadataUrl: string };
    expect(info).toEqual({
      port: expect.any(Number),
      url: `http://127.0.0.1:${info.port}`,
      entityId: 'urn:test:idp',
      ssoUrl: `http://127.0.0.1:${info.port}/sso`,
      metadataUrl: `http://127.0.0.1:${info.port}/metadata`,
    });
    const pem = await readFile(certOut, 'utf8');
    const cert = new X509Certificate(pem);
    expect(cert.subject).toBe('CN=Test IdP (samlify)');
    expect((Date.parse(cert.validTo) - Date.now()) / 86_400_000).toBeCloseTo(30, 0);
    const metadata = await (await fetch(info.metadataUrl)).text();
    expect(metadata).toContain('entityID="urn:test:idp"');
    expect(metadata.replace(/\s/g, '')).toContain(bareCert(pem));

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('can start with an already expired certificate', async () => {
    const idp = await startSamlIdp({ certificateValidDays: -2 });
    try {
      expect(Date.parse(new X509Certificate(idp.certificate).validTo)).toBeLessThan(Date.now() - 86_400_000);
      const { xml } = await idp.mint({ email: USER, audience: SP.entityId, recipient: SP.acs });
      expect(signatures(xml, idp.certificate).map((s) => s.valid)).toEqual([true]);
    } finally {
      await idp.stop();
    }
    await expect(startSamlIdp({ engine: 'shibboleth' as SamlIdpEngine })).rejects.toThrow(/unknown engine/);
  });
});
