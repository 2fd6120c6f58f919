import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['ECONNREFUSED', 'nothing listens (PostgreSQL restarting)'],
    ['ECONNRESET', 'the connection was cut'],
    ['CONNECTION_CLOSED', "postgres.js: the server closed it"],
    ['CONNECTION_ENDED', 'postgres.js: ended while in use'],
    ['CONNECT_TIMEOUT', 'postgres.js: no answer in time'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up / shutting down'],
    ['53300', 'too many connections'],
    ['08006', 'connection failure'],
  ])('%s (%s) is "try again shortly"', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it.each([
    ['23505', 'unique violation'],
    ['42P01', 'undefined table'],
    ['40001', 'serialization failure'],
    ['ERR_INVALID_ARG_TYPE', 'a programming error'],
  ])('%s (%s) is not', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it('looks through wrapped causes (Drizzle wraps the driver error) and ignores non-errors', () => {
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: withCode('CONNECTION_CLOSED') }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
