import { describe, expect, it } from 'vitest';
import { innerRetryAfter, parseRetryAfter } from '@/lib/adapters/graph/retry-after';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds, leniently with a fraction', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads an HTTP date as the time left until it, a past date as 0', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 2500).toUTCString(), NOW)).toBe(2000); // HTTP dates have whole seconds
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:59:00 GMT', NOW)).toBe(0);
  });

  it('is null when missing or unreadable', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('2025', NOW)).toBe(2_025_000); // a bare number is seconds, never a year
  });

  it('finds Retry-After in a $batch inner response whatever its casing', () => {
    expect(innerRetryAfter({ 'Retry-After': '3' }, NOW)).toBe(3000);
    expect(innerRetryAfter({ 'retry-after': '7', 'Content-Type': 'application/json' }, NOW)).toBe(7000);
    expect(innerRetryAfter({ 'Content-Type': 'application/json' }, NOW)).toBeNull();
    expect(innerRetryAfter(undefined, NOW)).toBeNull();
  });
});
