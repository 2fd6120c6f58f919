import { describe, expect, it } from 'vitest';
import { ScimError } from '@/lib/scim/errors';
import { assertKnownAttributes, matchesFilter, parseFilter, type Filter } from '@/lib/scim/filter';
import { USER_ATTRIBUTES } from '@/lib/scim/schema';
import { ENTERPRISE_USER_URN } from '@/lib/scim/urns';
import { storedUser } from './fixtures';

const emails = USER_ATTRIBUTES.find((definition) => definition.name === 'emails')!;

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parseFilter: RFC 7644 §3.4.2.2 examples', () => {
  it.each<[string, Filter]>([
    ['userName eq "bjensen"', { op: 'eq', path: { attribute: 'userName' }, value: 'bjensen' }],
    ['name.familyName co "O\'Malley"', { op: 'co', path: { attribute: 'name', subAttribute: 'familyName' }, value: "O'Malley" }],
    ['userName sw "J"', { op: 'sw', path: { attribute: 'userName' }, value: 'J' }],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
      { op: 'sw', path: { attribute: 'userName' }, value: 'J' },
    ],
    ['title pr', { op: 'pr', path: { attribute: 'title' } }],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', { op: 'gt', path: { attribute: 'meta', subAttribute: 'lastModified' }, value: '2011-05-13T04:42:34Z' }],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', { op: 'le', path: { attribute: 'meta', subAttribute: 'lastModified' }, value: '2011-05-13T04:42:34Z' }],
    [
      'title pr and userType eq "Employee"',
      { op: 'and', left: { op: 'pr', path: { attribute: 'title' } }, right: { op: 'eq', path: { attribute: 'userType' }, value: 'Employee' } },
    ],
    [
      'title pr or userType eq "Intern"',
      { op: 'or', left: { op: 'pr', path: { attribute: 'title' } }, right: { op: 'eq', path: { attribute: 'userType' }, value: 'Intern' } },
    ],
    [
      'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
      { op: 'eq', path: { attribute: 'schemas' }, value: ENTERPRISE_USER_URN },
    ],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      {
        op: 'and',
        left: { op: 'eq', path: { attribute: 'userType' }, value: 'Employee' },
        right: {
          op: 'or',
          left: { op: 'co', path: { attribute: 'emails' }, value: 'example.com' },
          right: { op: 'co', path: { attribute: 'emails', subAttribute: 'value' }, value: 'example.org' },
        },
      },
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      {
        op: 'and',
        left: { op: 'ne', path: { attribute: 'userType' }, value: 'Employee' },
        right: {
          op: 'not',
          filter: {
            op: 'or',
            left: { op: 'co', path: { attribute: 'emails' }, value: 'example.com' },
            right: { op: 'co', path: { attribute: 'emails', subAttribute: 'value' }, value: 'example.org' },
          },
        },
      },
    ],
    [
      'emails[type eq "work" and value co "@example.com"]',
      {
        op: 'valuePath',
        path: { attribute: 'emails' },
        filter: {
          op: 'and',
          left: { op: 'eq', path: { attribute: 'type' }, value: 'work' },
          right: { op: 'co', path: { attribute: 'value' }, value: '@example.com' },
        },
      },
    ],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      {
        op: 'and',
        left: { op: 'eq', path: { attribute: 'userType' }, value: 'Employee' },
        right: {
          op: 'valuePath',
          path: { attribute: 'emails' },
          filter: {
            op: 'and',
            left: { op: 'eq', path: { attribute: 'type' }, value: 'work' },
            right: { op: 'co', path: { attribute: 'value' }, value: '@example.com' },
          },
        },
      },
    ],
  ])('%s', (text, ast) => {
    expect(parseFilter(text)).toEqual(ast);
  });
});

describe('parseFilter: grammar', () => {
  it('binds and tighter than or, on either side', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toEqual({
      op: 'or',
      left: { op: 'eq', path: { attribute: 'a' }, value: 1 },
      right: { op: 'and', left: { op: 'eq', path: { attribute: 'b' }, value: 2 }, right: { op: 'eq', path: { attribute: 'c' }, value: 3 } },
    });
    expect(parseFilter('a eq 1 and b eq 2 or c eq 3')).toMatchObject({ op: 'or', left: { op: 'and' }, right: { op: 'eq' } });
  });

  it('is left-associative and parentheses override precedence', () => {
    expect(parseFilter('a pr or b pr or c pr')).toMatchObject({ op: 'or', left: { op: 'or' }, right: { op: 'pr', path: { attribute: 'c' } } });
    expect(parseFilter('a pr and b pr and c pr')).toMatchObject({ op: 'and', left: { op: 'and' }, right: { op: 'pr', path: { attribute: 'c' } } });
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toMatchObject({ op: 'and', left: { op: 'or' }, right: { op: 'eq' } });
  });

  it('reads operators, keywords and literals case-insensitively and canonicalises known names', () => {
    expect(parseFilter('USERNAME EQ "x" AND Name.GivenName PR OR active Eq TRUE')).toEqual({
      op: 'or',
      left: { op: 'and', left: { op: 'eq', path: { attribute: 'userName' }, value: 'x' }, right: { op: 'pr', path: { attribute: 'name', subAttribute: 'givenName' } } },
      right: { op: 'eq', path: { attribute: 'active' }, value: true },
    });
    expect(parseFilter('Emails[TYPE eq "work"]')).toEqual({ op: 'valuePath', path: { attribute: 'emails' }, filter: { op: 'eq', path: { attribute: 'type' }, value: 'work' } });
  });

  it('resolves the enterprise extension URN and keeps unknown URNs verbatim', () => {
    expect(parseFilter(`${ENTERPRISE_USER_URN.toUpperCase()}:DEPARTMENT eq "Sales"`)).toEqual({
      op: 'eq',
      path: { attribute: ENTERPRISE_USER_URN, subAttribute: 'department' },
      value: 'Sales',
    });
    expect(parseFilter('urn:example:custom:2.0:User:badge.colour eq "red"')).toEqual({
      op: 'eq',
      path: { attribute: 'urn:example:custom:2.0:User:badge', subAttribute: 'colour' },
      value: 'red',
    });
  });

  it.each<[string, unknown]>([
    ['"a\\"b"', 'a"b'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"\\u00e9t\\u00e9"', 'été'],
    ['"tab\\there"', 'tab\there'],
    ['"with ] and ) inside"', 'with ] and ) inside'],
    ['true', true],
    ['False', false],
    ['null', null],
    ['42', 42],
    ['-1.5e3', -1500],
    ['0.25', 0.25],
  ])('value %s', (literal, value) => {
    expect(parseFilter(`x eq ${literal}`)).toEqual({ op: 'eq', path: { attribute: 'x' }, value });
  });

  it('takes "not" as an attribute name unless a bracket follows', () => {
    expect(parseFilter('not eq "x"')).toEqual({ op: 'eq', path: { attribute: 'not' }, value: 'x' });
    expect(parseFilter('not(a pr)')).toEqual({ op: 'not', filter: { op: 'pr', path: { attribute: 'a' } } });
  });

  it('parses a bare value filter against an attribute (within), as PATCH paths need', () => {
    expect(parseFilter('TYPE eq "work" and Value co "@x"', { within: emails })).toEqual({
      op: 'and',
      left: { op: 'eq', path: { attribute: 'type' }, value: 'work' },
      right: { op: 'co', path: { attribute: 'value' }, value: '@x' },
    });
    expect(() => parseFilter('type eq "work" and x[y pr]', { within: emails })).toThrow(/cannot contain another value filter/);
  });
});

describe('parseFilter: malformed filters name the position', () => {
  it.each<[string, RegExp]>([
    ['', /Expected an attribute path.* at position 0$/],
    ['userName', /Expected an operator after "userName" at position 8$/],
    ['userName xx "a"', /Unknown operator "xx" at position 9$/],
    ['userName eq', /Expected a value at position 11$/],
    ['userName eq bjensen', /Invalid value "bjensen" \(strings need double quotes\) at position 12$/],
    ['userName eq "bjensen', /Unterminated string at position 12$/],
    ['userName eq "bad \\x escape"', /Invalid string .* at position 12$/],
    ['userName eq "a" and', /Expected an attribute path.* at position 19$/],
    // "or" is a well-formed attribute name, so the fault is the operator that follows it.
    ['userName eq "a" or or b pr', /Unknown operator "b" at position 22$/],
    ['(userName eq "a"', /Expected "\)" at position 16$/],
    ['userName eq "a")', /Unexpected "\)" at position 15$/],
    ['userName eq "a" foo', /Unexpected "foo" at position 16$/],
    ['emails[type eq "work"', /Expected "]" at position 21$/],
    ['emails[type eq "work" and x[y pr]]', /cannot contain another value filter at position 27$/],
    ['emails.value[type pr]', /applies to an attribute, not to "emails.value" at position 0$/],
    ['1abc eq "x"', /Malformed attribute path "1abc" at position 0$/],
    ['name.given.x eq "x"', /Malformed attribute path "name.given.x" at position 0$/],
    ['userName eq 01', /Invalid value "01"/],
    ['not userName eq "x"', /Unknown operator "username" at position 4$/],
  ])('%j', (text, detail) => {
    const error = scimError(() => parseFilter(text));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toMatch(detail);
  });

  it('refuses pathological nesting instead of overflowing the stack', () => {
    const error = scimError(() => parseFilter('('.repeat(500) + 'a pr' + ')'.repeat(500)));
    expect(error.detail).toMatch(/nested too deeply/);
  });
});

describe('assertKnownAttributes', () => {
  it('accepts filters over our schema, including the extension and meta', () => {
    for (const text of [
      'userName eq "bjensen"',
      'name.familyName co "O\'Malley"',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      'emails co "example.com" or emails.value co "example.org"',
      'emails[type eq "work" and value co "@example.com"]',
      'active eq "True"',
      `${ENTERPRISE_USER_URN}:department eq "Sales"`,
      'externalId eq null',
    ]) {
      expect(() => assertKnownAttributes(parseFilter(text)), text).not.toThrow();
    }
  });

  it.each<[string, string]>([
    ['title pr', 'Unknown attribute "title"'],
    ['title pr and userType eq "Employee"', 'Unknown attribute "title"'],
    ['userName eq "a" or userType eq "Employee"', 'Unknown attribute "userType"'],
    ['emails[kind eq "work"]', 'Unknown attribute "emails.kind"'],
    ['name.middleName eq "x"', 'Unknown attribute "name.middleName"'],
    [`${ENTERPRISE_USER_URN}:manager pr`, `Unknown attribute "${ENTERPRISE_USER_URN}:manager"`],
    ['active gt true', 'boolean: only eq and ne apply'],
    ['active eq "yes"', 'compare it with true or false'],
    ['name eq "Barbara"', 'complex: compare one of its sub-attributes'],
    ['addresses co "Main"', 'complex: compare one of its sub-attributes'],
    ['meta.created gt "yesterday"', 'dateTime'],
    ['userName eq 5', 'string: compare it with a quoted string'],
    ['userName co null', 'cannot compare'],
    ['userName[value eq "x"]', 'has no sub-attributes'],
  ])('%s', (text, detail) => {
    const error = scimError(() => assertKnownAttributes(parseFilter(text)));
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toContain(detail);
  });
});

describe('matchesFilter', () => {
  const user = storedUser();
  const matches = (text: string) => matchesFilter(parseFilter(text), user);

  it.each<[string, boolean]>([
    ['userName eq "BJENSEN@example.com"', true],
    ['userName eq "bjensen"', false],
    ['userName sw "BJ"', true],
    ['userName ew "@EXAMPLE.COM"', true],
    ['userName co "jens"', true],
    ['userName ne "bjensen@example.com"', false],
    ['userName ne "someone"', true],
    ['userName gt "a"', true],
    ['userName lt "a"', false],
    ['externalId eq "BJENSEN-EXT"', false],
    ['externalId eq "bjensen-ext"', true],
    ['id eq "2819C223-7F76-453A-919D-413861904646"', false],
    ['name.familyName co "ense"', true],
    ['name.givenName pr', true],
    ['nickName pr', false],
    ['nickName ne "x"', true],
    ['nickName eq null', true],
    ['displayName eq null', false],
    ['active eq true', true],
    ['active eq "True"', true],
    ['active eq false', false],
    ['active ne false', true],
    ['meta.lastModified gt "2011-05-13T04:42:33Z"', true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified ge "2011-05-13T04:42:34.000Z"', true],
    ['meta.lastModified lt "2011-05-13T06:42:34+02:00"', false],
    ['emails co "jensen.org"', true],
    ['emails.value co "example.org"', false],
    ['emails.type eq "other"', true],
    ['emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "other" and value co "@example.com"]', false],
    ['emails[type eq "work"] and not (phoneNumbers[type eq "mobile"])', true],
    ['phoneNumbers[type eq "work" and value sw "+3120"]', true],
    [`${ENTERPRISE_USER_URN}:department eq "tour operations"`, true],
    [`${ENTERPRISE_USER_URN}:employeeNumber eq "701985"`, false],
    ['title pr or userName pr', true],
    ['title pr and userName pr', false],
    ['not (userName pr)', false],
  ])('%s → %s', (text, expected) => {
    expect(matches(text)).toBe(expected);
  });

  it('evaluates a value filter against one value with `within`', () => {
    const filter = parseFilter('type eq "WORK"', { within: emails });
    expect(matchesFilter(filter, { type: 'work', value: 'a@b.c' }, emails)).toBe(true);
    expect(matchesFilter(filter, { type: 'other', value: 'a@b.c' }, emails)).toBe(false);
  });
});
