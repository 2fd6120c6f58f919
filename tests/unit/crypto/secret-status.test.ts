import { describe, expect, it } from 'vitest';
import { sealSecret } from '@/lib/crypto/secret-box';
import { secretStatus } from '@/lib/crypto/secret-status';
import { newKey, ring } from './helpers';

describe('secretStatus (write-only fields: "set on <date>")', () => {
  const keys = ring(newKey());

  it('says when a secret was set and carries neither the plain text nor the envelope', () => {
    const plain = 'very-secret-client-secret';
    const sealed = sealSecret(plain, keys);
    const status = secretStatus(sealed, new Date('2026-11-23T10:15:00Z'));
    expect(status).toEqual({ set: true, setAt: '2026-11-23T10:15:00.000Z' });
    expect(Object.keys(status).sort()).toEqual(['set', 'setAt']);
    const json = JSON.stringify(status);
    expect(json).not.toContain(plain);
    expect(json).not.toContain(sealed.split('.')[3]);
  });

  it('accepts the set date as a string (as a database driver may return it)', () => {
    expect(secretStatus(sealSecret('x', keys), '2026-01-02T03:04:05Z')).toEqual({ set: true, setAt: '2026-01-02T03:04:05.000Z' });
  });

  it.each([null, undefined, ''])('is "not set" for a stored value of %j, whatever the date', (stored) => {
    expect(secretStatus(stored, new Date())).toEqual({ set: false, setAt: null });
  });

  it('is set without a date when the date is missing or invalid', () => {
    expect(secretStatus(sealSecret('x', keys), null)).toEqual({ set: true, setAt: null });
    expect(secretStatus(sealSecret('x', keys), 'not a date')).toEqual({ set: true, setAt: null });
  });
});
