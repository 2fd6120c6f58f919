import 'server-only';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError } from '@/lib/errors';
import { certificateState, parseCertificates, type CertificateProblem } from './certificates';

export type CertificatePreview =
  | { ok: true; certificates: { subject: string; issuer: string; validTo: string; state: 'valid' | 'expiring' | 'expired'; fingerprint: string }[] }
  | { ok: false; problem: CertificateProblem };

/** SSO-1: the pasted certificates parsed as the admin types, each with subject and expiry. */
export function previewCertificates(actor: Actor, text: string): CertificatePreview {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const parsed = parseCertificates(text.slice(0, 64 * 1024));
  if (!parsed.ok) return parsed;
  return { ok: true, certificates: parsed.certificates.map(({ subject, issuer, validTo, fingerprint }) => ({ subject, issuer, validTo, fingerprint, state: certificateState(validTo) })) };
}
