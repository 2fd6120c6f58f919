import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { ScimError, scimErrorBody, toScimError } from '@/lib/scim/errors';
import { listResponse, pageParameters } from '@/lib/scim/list-response';

describe('SCIM errors', () => {
  it('renders the RFC 7644 §3.12 body with the status as a string', () => {
    expect(scimErrorBody(new ScimError(400, 'invalidFilter', 'Unknown operator "xx" at position 9'))).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'Unknown operator "xx" at position 9',
    });
    expect(scimErrorBody(new ScimError(404, undefined, 'Resource not found'))).not.toHaveProperty('scimType');
  });

  it('maps domain errors in one place and hides unexpected ones', () => {
    expect(toScimError(new NotFoundError())).toMatchObject({ status: 404, scimType: undefined });
    expect(toScimError(new ConflictError('errors.conflict', { userName: ['x'] }))).toMatchObject({ status: 409, scimType: 'uniqueness', detail: expect.stringContaining('userName') });
    expect(toScimError(new ValidationError({ email: ['users.errors.invalidEmail'] }))).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(toScimError(new Error('connection string postgres://secret'))).toMatchObject({ status: 500, detail: 'Internal error' });
  });
});

describe('list responses and paging', () => {
  it('builds a ListResponse', () => {
    expect(listResponse([{ id: 'a' }], { totalResults: 3, startIndex: 2 })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      startIndex: 2,
      itemsPerPage: 1,
      Resources: [{ id: 'a' }],
    });
  });

  it.each<[{ startIndex?: string; count?: string }, { startIndex: number; count: number }]>([
    [{}, { startIndex: 1, count: 200 }],
    [{ startIndex: '0', count: '-5' }, { startIndex: 1, count: 0 }],
    [{ startIndex: '11', count: '10' }, { startIndex: 11, count: 10 }],
    [{ count: '5000' }, { startIndex: 1, count: 200 }],
    [{ startIndex: 'x', count: 'y' }, { startIndex: 1, count: 200 }],
  ])('pageParameters(%j)', (query, expected) => {
    expect(pageParameters(query)).toEqual(expected);
  });
});
