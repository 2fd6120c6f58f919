// The two response builders of the SAML IdP simulator. "auth0" is npm samlp (with saml's Saml20
// assertion and both libraries' own xml-crypto signers); "samlify" is samlify's IdentityProvider.
// Each engine sets every knob its library has an option for and builds the rest as README.md says.
import { createRequire } from 'node:module';
import { AUTHN_CONTEXT, CLAIM_EMAIL, NS, escapeXml, normalizeMint, parseXml, randomId, validity } from './util.mjs';

const require = createRequire(import.meta.url);

/** Which element each library signs when nothing else is asked. */
export const DEFAULT_SIGN = Object.freeze({ auth0: 'assertion', samlify: 'response' });
export const ENGINES = Object.freeze(Object.keys(DEFAULT_SIGN));

const signsAssertion = (sign) => sign === 'assertion' || sign === 'both';
const signsResponse = (sign) => sign === 'response' || sign === 'both';
const nameFormatOf = (name) =>
  /^[a-z][a-z0-9+.-]*:/i.test(name) ? 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' : 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
const firstChild = (el, ns, name) => el.getElementsByTagNameNS(ns, name)[0];

/** What a mint answers: the base64 SAMLResponse, its XML and the two ids. */
function minted(xml) {
  const doc = parseXml(xml, 'the minted response');
  return {
    samlResponse: Buffer.from(xml, 'utf8').toString('base64'),
    xml,
    responseId: doc.documentElement.getAttribute('ID'),
    assertionId: firstChild(doc, NS.assertion, 'Assertion')?.getAttribute('ID') ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// auth0: samlp.getSamlResponse builds the document; saml's and samlp's signers sign it.

/**
 * @param {{ entityId: string, publicOrigin: string, signer: { cert: string, key: string }, other: { cert: string, key: string } }} ctx
 */
function auth0Engine({ entityId, publicOrigin, signer, other }) {
  const samlp = require('samlp');
  const samlpSigners = require('samlp/lib/signers.js');
  const samlpConstants = require('samlp/lib/constants.js');
  const samlXmlSign = require('saml/lib/xml/sign.js');
  // saml signs a DOM of its own xmldom copy; parse the assertion with that very copy.
  const SamlDOMParser = createRequire(require.resolve('saml'))('@xmldom/xmldom').DOMParser;

  /** samlp profile mapper: the NameID and the claims exactly as minted. */
  function ProfileMapper(user) {
    if (!(this instanceof ProfileMapper)) return new ProfileMapper(user);
    this.user = user;
  }
  ProfileMapper.prototype.getClaims = function getClaims() {
    return { ...this.user.attributes };
  };
  ProfileMapper.prototype.getNameIdentifier = function getNameIdentifier() {
    return { nameIdentifier: this.user.nameId, nameIdentifierFormat: this.user.nameIdFormat };
  };
  ProfileMapper.prototype.metadata = [{ id: CLAIM_EMAIL, optional: true, displayName: 'E-Mail Address', description: 'The e-mail address of the user' }];

  let metadataXml = '';
  samlp.metadata({
    issuer: entityId,
    cert: signer.cert,
    profileMapper: ProfileMapper,
    redirectEndpointPath: '/sso',
    postEndpointPath: '/sso',
    logoutEndpointPaths: {}, // no single logout here
  })(
    { originalUrl: '/metadata', headers: { host: new URL(publicOrigin).host }, protocol: new URL(publicOrigin).protocol.slice(0, -1) },
    { set() {}, send: (body) => void (metadataXml = body) },
  );

  const algorithms = { signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' };

  /** saml.Saml20.create's own signing step, on an (adjusted) unsigned assertion. */
  function signAssertion(doc, keys) {
    return samlXmlSign.fromSignXmlOptions({
      ...algorithms,
      key: keys.key,
      cert: keys.cert,
      signatureNamespacePrefix: '',
      xpathToNodeBeforeSignature: "//*[local-name(.)='Issuer']",
      signatureIdAttribute: 'ID',
    })(doc);
  }

  /** samlp's Response signing (as buildSamlResponse does it), via samlp's exported signer. */
  function signResponse(xml, keys) {
    const unindented = xml.replace(/\r\n/g, '').replace(/\n/g, '').replace(/>(\s*)</g, '><').trim();
    return samlpSigners.signXml({ ...algorithms, key: keys.key, cert: keys.cert, reference: samlpConstants.ELEMENTS.RESPONSE.SIGNATURE_LOCATION_PATH }, unindented);
  }

  async function mint(options) {
    const m = normalizeMint(options, { entityId, defaultSign: DEFAULT_SIGN.auth0 });
    const keys = m.key === 'other' ? other : signer;
    // samlp prefixes assertion ids with "_": an id that starts with one is its native uid.
    const uid = m.assertionId?.startsWith('_') && m.assertionId.length > 1 ? m.assertionId.slice(1) : undefined;
    const unsigned = await new Promise((resolve, reject) => {
      samlp.getSamlResponse(
        {
          ...algorithms,
          issuer: m.issuer,
          cert: keys.cert,
          key: keys.key,
          audience: m.audience,
          recipient: m.recipient,
          destination: m.destination,
          inResponseTo: m.inResponseTo,
          lifetimeInSeconds: 300,
          uid,
          sessionIndex: randomId(),
          authnContextClassRef: AUTHN_CONTEXT,
          profileMapper: ProfileMapper,
          // Signed below, after the knobs samlp has no option for are set.
          signAssertion: false,
          signResponse: false,
        },
        { nameId: m.nameId, nameIdFormat: m.nameIdFormat, attributes: m.attributes },
        (err, xml) => (err ? reject(err) : resolve(xml)),
      );
    });

    // The knobs samlp cannot take: saml always writes NotBefore = IssueInstant and one NotOnOrAfter
    // (IssueInstant + lifetime) for Conditions and SubjectConfirmationData, and picks its own ids.
    // Only the assertion is re-parsed (with saml's own xmldom, as saml serialises it); samlp's
    // envelope is kept byte for byte around it.
    const open = unsigned.indexOf('<saml:Assertion');
    const close = unsigned.lastIndexOf('</saml:Assertion>') + '</saml:Assertion>'.length;
    let head = unsigned.slice(0, open);
    const tail = unsigned.slice(close);
    const doc = new SamlDOMParser().parseFromString(unsigned.slice(open, close));
    const assertion = doc.documentElement;
    const conditions = firstChild(assertion, NS.assertion, 'Conditions');
    const data = firstChild(assertion, NS.assertion, 'SubjectConfirmationData');
    const window = validity(m, assertion.getAttribute('IssueInstant'));
    const set = (el, name, value) => {
      if (value !== undefined && el.getAttribute(name) !== value) el.setAttribute(name, value);
    };
    set(conditions, 'NotBefore', window.notBefore);
    set(conditions, 'NotOnOrAfter', m.notOnOrAfter);
    set(data, 'NotOnOrAfter', m.subjectNotOnOrAfter ?? m.notOnOrAfter);
    set(assertion, 'ID', uid ? undefined : m.assertionId);
    if (m.responseId !== undefined) head = head.replace(/ ID="[^"]*"/, () => ` ID="${escapeXml(m.responseId)}"`);

    const assertionXml = signsAssertion(m.sign) ? signAssertion(doc, keys) : samlXmlSign.unsigned(doc);
    let xml = head + assertionXml + tail;
    if (signsResponse(m.sign)) xml = signResponse(xml, keys);
    return minted(xml);
  }

  return { name: 'auth0', defaultSign: DEFAULT_SIGN.auth0, metadata: () => metadataXml, mint };
}

// ---------------------------------------------------------------------------------------------
// samlify: IdentityProvider.createLoginResponse with a customTagReplacement over its own template.

/** samlify's default template leaves {AuthnStatement} empty; this is the statement it is given. */
const AUTHN_STATEMENT =
  '<saml:AuthnStatement AuthnInstant="{AuthnInstant}" SessionIndex="{SessionIndex}"><saml:AuthnContext>' +
  '<saml:AuthnContextClassRef>{AuthnContextClassRef}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>';

/**
 * @param {{ entityId: string, ssoUrl: string, signer: { cert: string, key: string }, other: { cert: string, key: string } }} ctx
 */
function samlifyEngine({ entityId, ssoUrl, signer, other }) {
  const samlify = require('samlify');
  samlify.setSchemaValidator(require('@authenio/samlify-node-xmllint'));
  const { Constants, IdentityProvider, SamlLib, ServiceProvider } = samlify;
  const { binding } = Constants.namespace;

  const identityProvider = (keys) => {
    const warn = console.warn;
    // This IdP has no single logout; samlify says so on stderr every time. Not news here.
    console.warn = (...args) => {
      if (!String(args[0]).includes('missing endpoint of SingleLogoutService')) warn(...args);
    };
    try {
      return IdentityProvider({
        entityID: entityId,
        signingCert: keys.cert,
        privateKey: keys.key,
        wantAuthnRequestsSigned: false,
        nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
        singleSignOnService: [
          { Binding: binding.redirect, Location: ssoUrl },
          { Binding: binding.post, Location: ssoUrl },
        ],
      });
    } finally {
      console.warn = warn;
    }
  };
  const idp = identityProvider(signer);
  const otherIdp = identityProvider(other);

  /** Fills samlify's login response template the way its customTagReplacement hook is meant to be used. */
  function fill(template, m) {
    const issueInstant = new Date().toISOString();
    const window = validity(m, issueInstant);
    const attributes = Object.entries(m.attributes);
    const statement = attributes.length
      ? SamlLib.attributeStatementBuilder(
          attributes.map(([name], i) => ({ name: escapeXml(name), nameFormat: nameFormatOf(name), valueTag: `value${i}`, valueXsiType: 'xs:string' })),
        )
      : '';
    const context = template.replace('{AuthnStatement}', AUTHN_STATEMENT).replace('{AttributeStatement}', statement);
    const responseId = m.responseId ?? idp.entitySetting.generateID();
    const tags = {
      ID: responseId,
      AssertionID: m.assertionId ?? idp.entitySetting.generateID(),
      Destination: m.destination,
      Audience: m.audience,
      SubjectRecipient: m.recipient,
      Issuer: m.issuer,
      IssueInstant: issueInstant,
      StatusCode: Constants.StatusCode.Success,
      ConditionsNotBefore: window.notBefore,
      ConditionsNotOnOrAfter: window.notOnOrAfter,
      SubjectConfirmationDataNotOnOrAfter: window.subjectNotOnOrAfter,
      NameIDFormat: m.nameIdFormat,
      NameID: m.nameId,
      InResponseTo: m.inResponseTo, // undefined: samlify drops the attribute
      AuthnInstant: issueInstant,
      SessionIndex: randomId(),
      AuthnContextClassRef: AUTHN_CONTEXT,
      ...Object.fromEntries(attributes.map(([, value], i) => [`attrValue${i}`, value])),
    };
    return { id: responseId, context: SamlLib.replaceTagsByValue(context, tags) };
  }

  async function mint(options) {
    const m = normalizeMint(options, { entityId, defaultSign: DEFAULT_SIGN.samlify });
    if (m.sign === 'none') {
      // samlify always signs something; an unsigned response is its template, filled, as is.
      return minted(fill(SamlLib.defaultLoginResponseTemplate.context, m).context);
    }
    // samlify signs per the SP: WantAssertionsSigned → the assertion; wantMessageSigned (or no
    // WantAssertionsSigned) → the Response.
    const sp = ServiceProvider({
      entityID: m.audience,
      assertionConsumerService: [{ Binding: binding.post, Location: m.destination }],
      wantAssertionsSigned: signsAssertion(m.sign),
      wantMessageSigned: m.sign === 'both',
    });
    const { context } = await (m.key === 'other' ? otherIdp : idp).createLoginResponse(sp, {}, 'post', { email: m.nameId }, {
      customTagReplacement: (template) => fill(template, m),
    });
    return minted(Buffer.from(context, 'base64').toString('utf8'));
  }

  return { name: 'samlify', defaultSign: DEFAULT_SIGN.samlify, metadata: () => idp.getMetadata(), mint };
}

/**
 * @param {'auth0' | 'samlify'} name
 * @param {{ entityId: string, ssoUrl: string, publicOrigin: string, signer: { cert: string, key: string }, other: { cert: string, key: string } }} ctx
 */
export function createEngine(name, ctx) {
  if (name === 'auth0') return auth0Engine(ctx);
  if (name === 'samlify') return samlifyEngine(ctx);
  throw new Error(`unknown engine "${name}" (expected ${ENGINES.join(' or ')})`);
}
