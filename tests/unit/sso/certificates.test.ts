import selfsigned from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateState, parseCertificates, pemBody } from '@/lib/sso/certificates';
import { refusalMessage } from '@/lib/sso/refusal-message';
import { takeScimRequest, SCIM_RATE } from '@/lib/provisioning/scim-rate-limit';

let pemA: string;
let pemB: string;
beforeAll(async () => {
  const make = async (cn: string) => (await selfsigned.generate([{ name: 'commonName', value: cn }], { keySize: 2048, algorithm: 'sha256', notAfterDate: new Date(Date.now() + 30 * 86_400_000) })).cert;
  [pemA, pemB] = await Promise.all([make('IdP A'), make('IdP B')]);
});

describe('parseCertificates (SSO-1)', () => {
  it('reads one or several PEM blocks pasted one after another, with subject and expiry', () => {
    const one = parseCertificates(pemA);
    expect(one).toMatchObject({ ok: true, certificates: [{ subject: 'CN=IdP A' }] });
    const two = parseCertificates(`${pemA}\n\n${pemB}\n`);
    expect(two.ok && two.certificates.map((c) => c.subject)).toEqual(['CN=IdP A', 'CN=IdP B']);
    // Pasted with Windows line ends and re-wrapped lines it is the same certificate.
    const messy = parseCertificates(pemA.replace(/\n/g, '\r\n'));
    expect(messy.ok && pemBody(messy.certificates[0]!.pem)).toBe(pemBody(pemA));
  });

  it('names the problem: nothing pasted, text around the blocks, or which block is broken', () => {
    expect(parseCertificates('   ')).toEqual({ ok: false, problem: { code: 'sso.errors.certificateMissing' } });
    expect(parseCertificates('MIIC...just base64')).toEqual({ ok: false, problem: { code: 'sso.errors.certificateText' } });
    expect(parseCertificates(`Subject: IdP\n${pemA}`)).toEqual({ ok: false, problem: { code: 'sso.errors.certificateText' } });
    const broken = `${pemA}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----`;
    expect(parseCertificates(broken)).toEqual({ ok: false, problem: { code: 'sso.errors.certificateInvalid', index: 2 } });
  });
});

describe('certificateState (Beyond SSO-3: expiry warnings 30 days ahead)', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it.each([
    ['2027-03-01T00:00:00Z', 'valid'],
    ['2027-01-06T12:00:01Z', 'valid'],
    ['2027-01-06T12:00:00Z', 'expiring'],
    ['2026-12-08T00:00:00Z', 'expiring'],
    ['2026-12-07T12:00:00Z', 'expired'],
    ['2026-01-01T00:00:00Z', 'expired'],
  ])('a certificate valid to %s is %s', (validTo, state) => {
    expect(certificateState(validTo, now)).toBe(state);
  });
});

describe('refusalMessage (SSO-2: a safe sentence per failing check)', () => {
  it.each([
    ['unknownUser', 'noAccount'],
    ['subject', 'noAccount'],
    ['unregisteredUser', 'unregistered'],
    ['inactiveUser', 'deactivated'],
    ['accountInactive', 'deactivated'],
    ['notConfigured', 'notConfigured'],
    ['signature', 'unverified'],
    ['wrapping', 'unverified'],
    ['replay', 'unverified'],
    ['<script>', 'unverified'],
    [undefined, 'unverified'],
  ])('%s → %s', (check, message) => {
    expect(refusalMessage(check)).toBe(message);
  });
});

describe('takeScimRequest (SCIM rate limit per token)', () => {
  it('allows a burst, then refuses with the seconds to wait, and refills over time', () => {
    const t0 = 1_000_000;
    for (let i = 0; i < SCIM_RATE.burst; i++) expect(takeScimRequest('token-a', t0)).toBe(0);
    expect(takeScimRequest('token-a', t0)).toBeGreaterThan(0);
    // Another token has its own bucket.
    expect(takeScimRequest('token-b', t0)).toBe(0);
    expect(takeScimRequest('token-a', t0 + 1000)).toBe(0);
  });
});
