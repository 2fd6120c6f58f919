// SSO-1: the IdP signing certificates an admin pastes, one PEM block after another. Parsed with
// node:crypto's X509Certificate so a typo is refused on save, not at the first sign-in.
import { X509Certificate } from 'node:crypto';

export interface CertificateInfo {
  pem: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint: string;
}

export type CertificateProblem = { code: 'sso.errors.certificateMissing' } | { code: 'sso.errors.certificateInvalid'; index: number } | { code: 'sso.errors.certificateText' };

const BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
/** Subjects are shown to people; "CN=..., O=..." reads better than the multi-line form. */
const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

/** Splits pasted text into certificates, or names the first problem (nothing, garbage, a bad block). */
export function parseCertificates(text: string): { ok: true; certificates: CertificateInfo[] } | { ok: false; problem: CertificateProblem } {
  const blocks = [...text.matchAll(BLOCK)];
  const rest = text.replace(BLOCK, '').trim();
  if (blocks.length === 0) return { ok: false, problem: rest ? { code: 'sso.errors.certificateText' } : { code: 'sso.errors.certificateMissing' } };
  if (rest) return { ok: false, problem: { code: 'sso.errors.certificateText' } };
  const certificates: CertificateInfo[] = [];
  for (const [index, block] of blocks.entries()) {
    const body = block[1]!.replace(/\s+/g, '');
    const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`;
    try {
      certificates.push(describe(new X509Certificate(pem), pem));
    } catch {
      return { ok: false, problem: { code: 'sso.errors.certificateInvalid', index: index + 1 } };
    }
  }
  return { ok: true, certificates };
}

export function describeCertificate(pem: string): CertificateInfo {
  return describe(new X509Certificate(pem), pem);
}

function describe(cert: X509Certificate, pem: string): CertificateInfo {
  return {
    pem,
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint: cert.fingerprint256,
  };
}

/** Beyond SSO-3: a certificate is "expiring" 30 days ahead of its end. */
export const EXPIRY_WARNING_DAYS = 30;

export function certificateState(validTo: string, now = new Date()): 'valid' | 'expiring' | 'expired' {
  const end = new Date(validTo).getTime();
  if (end <= now.getTime()) return 'expired';
  return end - now.getTime() <= EXPIRY_WARNING_DAYS * 86_400_000 ? 'expiring' : 'valid';
}

/** The body of a PEM without armour and whitespace, as SAML's X509Certificate element carries it. */
export function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}
