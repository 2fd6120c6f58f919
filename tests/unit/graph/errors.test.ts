import { describe, expect, it } from 'vitest';
import { errorFromBody, GraphError, scrub, unreachable } from '@/lib/adapters/graph/errors';

/** Entra's token endpoint error answer, as login.microsoftonline.com sends it. */
function entra(error: string, code: number, text: string) {
  return {
    error,
    error_description: `AADSTS${code}: ${text} Trace ID: 0b7f Correlation ID: 9c2e Timestamp: 2025-03-01 12:00:00Z`,
    error_codes: [code],
    timestamp: '2025-03-01 12:00:00Z',
  };
}

describe('errorFromBody: Entra token errors', () => {
  it.each([
    [400, 'invalid_request', 90002, "Tenant 'contoso.example' not found.", 'tenantNotFound'],
    [400, 'unauthorized_client', 700016, "Application with identifier 'abc' was not found in the directory.", 'clientNotFound'],
    [401, 'invalid_client', 7000215, 'Invalid client secret provided.', 'invalidSecret'],
    [401, 'invalid_client', 7000222, 'The provided client secret keys for app are expired.', 'secretExpired'],
    [400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.', 'invalidGrant'],
    [400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.', 'passwordChanged'],
    [400, 'invalid_grant', 70008, 'The refresh token has expired due to inactivity.', 'passwordChanged'],
    [400, 'invalid_grant', 65001, 'The user or administrator has not consented to use the application.', 'consentMissing'],
    [400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.', 'invalidGrant'],
    [400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.", 'invalidRequest'],
    [401, 'invalid_client', 7000218, "The request body must contain 'client_secret'.", 'invalidSecret'],
  ] as const)('%i %s AADSTS%i → %s', (status, error, code, text, kind) => {
    const e = errorFromBody(status, entra(error, code, text));
    expect(e).toBeInstanceOf(GraphError);
    expect(e).toMatchObject({ kind, status, code: `AADSTS${code}` });
    expect(e.message).toContain(text);
  });

  it('reads the AADSTS number from the description when error_codes is missing', () => {
    const e = errorFromBody(401, { error: 'invalid_client', error_description: 'AADSTS7000222: The provided client secret keys are expired.' });
    expect(e).toMatchObject({ kind: 'secretExpired', code: 'AADSTS7000222' });
  });

  it('falls back to the OAuth error name, then the status', () => {
    expect(errorFromBody(400, { error: 'invalid_grant' })).toMatchObject({ kind: 'invalidGrant', code: 'invalid_grant', message: 'invalid_grant' });
    expect(errorFromBody(503, { error: 'temporarily_unavailable', error_description: 'busy' })).toMatchObject({ kind: 'unavailable' });
    expect(errorFromBody(429, { error: 'invalid_request' }, { retryAfterMs: 5000 })).toMatchObject({ kind: 'throttled', retryAfterMs: 5000 });
  });
});

describe('errorFromBody: Graph errors', () => {
  const body = (code: string, message: string) => ({ error: { code, message, innerError: { 'request-id': 'r1', date: '2025-03-01T12:00:00' } } });

  it.each([
    [403, 'Forbidden', 'Insufficient privileges to complete the operation.', 'consentMissing'],
    [401, 'InvalidAuthenticationToken', 'Access token validation failure.', 'consentMissing'],
    [404, 'ResourceNotFound', 'Resource not found.', 'notFound'],
    [400, 'BadRequest', 'Invalid availability/activity combination.', 'invalidRequest'],
    [409, 'Conflict', 'Conflict.', 'invalidRequest'],
    [429, 'TooManyRequests', 'Too many requests.', 'throttled'],
    [500, 'InternalServerError', 'Something went wrong.', 'unavailable'],
    [503, 'ServiceUnavailable', 'Service unavailable.', 'unavailable'],
  ] as const)('%i %s → %s', (status, code, message, kind) => {
    expect(errorFromBody(status, body(code, message))).toMatchObject({ kind, status, code, message });
  });

  it('names the status when the body says nothing', () => {
    expect(errorFromBody(502, null)).toMatchObject({ kind: 'unavailable', status: 502, code: null, message: 'Microsoft Graph answered 502' });
    expect(errorFromBody(404, 'not json')).toMatchObject({ kind: 'notFound' });
  });
});

describe('secrets never reach a message', () => {
  it('scrubs the given secrets, JWTs and bearer tokens', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlcyI6W119.c2lnbmF0dXJl';
    expect(scrub(`bad secret s3cr3t-value for ${jwt}; Authorization: Bearer opaque123`, ['s3cr3t-value'])).toBe(
      'bad secret [redacted] for [token]; Authorization: Bearer [token]',
    );
  });

  it('applies to Entra descriptions that echo a value', () => {
    const e = errorFromBody(400, entra('invalid_grant', 50126, 'Password hunter22 is wrong.'), { secrets: ['hunter22'] });
    expect(e.message).not.toContain('hunter22');
  });

  it('describes a request that got no answer without its details', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(unreachable(timeout, 1000)).toMatchObject({ kind: 'unavailable', status: null, code: 'TimeoutError', retryAfterMs: 1000, message: 'Microsoft Graph unreachable: timed out' });
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(unreachable(refused).message).toBe('Microsoft Graph unreachable: fetch failed (ECONNREFUSED)');
  });
});
