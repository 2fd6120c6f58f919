import { ScimError, type ScimErrorType } from './errors';
import { CORE_USER_URN, ENTERPRISE_USER_URN } from './urns';

/**
 * SCIM-3: the User attributes we support, as RFC 7643 §7 attribute definitions. Everything that
 * needs to know an attribute (name canonicalisation, value coercion, filters, PATCH, projection,
 * /Schemas) reads this data, so supporting another attribute is one entry here.
 */
export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';
/** Our own value rules beyond RFC 7643's types; not published in /Schemas. */
export type ValueFormat = 'email' | 'e164';

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
  readonly format?: ValueFormat;
}

export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

function attribute(name: string, type: AttributeType, description: string, options: Options = {}): AttributeDefinition {
  return {
    name,
    type,
    description,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

const text = (name: string, description: string, options?: Options) => attribute(name, 'string', description, options);
const primary = attribute('primary', 'boolean', 'Whether this is the preferred value; true on at most one value.');

/** RFC 7643 §3.1 common attributes: part of every resource but of no schema, so not in /Schemas. */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  text('id', 'Unique identifier assigned by the service provider.', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  text('externalId', 'Identifier of the resource in the provisioning client.', { caseExact: true }),
  attribute('meta', 'complex', 'Resource metadata.', {
    mutability: 'readOnly',
    // SCIM-3 returns meta with every representation (RFC 7643 leaves it to the service provider).
    returned: 'always',
    subAttributes: [
      text('resourceType', 'The resource type name.', { caseExact: true, mutability: 'readOnly' }),
      attribute('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
      attribute('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
      attribute('location', 'reference', 'URI of the resource.', { caseExact: true, mutability: 'readOnly', referenceTypes: ['uri'] }),
      text('version', 'Version of the resource.', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
];

export const USER_SCHEMA: SchemaDefinition = {
  id: CORE_USER_URN,
  name: 'User',
  description: 'User Account',
  attributes: [
    text('userName', 'Unique identifier of the user, used to sign in.', { required: true, uniqueness: 'server' }),
    attribute('name', 'complex', 'The components of the user’s name.', {
      subAttributes: [
        text('formatted', 'The full name, formatted for display.'),
        text('familyName', 'The family (last) name.'),
        text('givenName', 'The given (first) name.'),
      ],
    }),
    text('displayName', 'The name shown to end-users.'),
    attribute('active', 'boolean', 'Whether the user may sign in.'),
    attribute('emails', 'complex', 'E-mail addresses; a work address is required.', {
      multiValued: true,
      subAttributes: [
        text('value', 'The e-mail address.', { required: true, format: 'email' }),
        text('type', 'The kind of address.', { canonicalValues: ['work', 'other'] }),
        primary,
      ],
    }),
    attribute('phoneNumbers', 'complex', 'Phone numbers in E.164 form.', {
      multiValued: true,
      subAttributes: [
        text('value', 'The phone number in E.164 form, e.g. +31201234567.', { required: true, format: 'e164' }),
        text('type', 'The kind of number.', { canonicalValues: ['mobile', 'work', 'other'] }),
      ],
    }),
    attribute('roles', 'complex', 'Roles of the user in the provisioning client.', {
      multiValued: true,
      subAttributes: [
        text('value', 'The role.', { required: true }),
        text('display', 'A human-readable name of the role.'),
        text('type', 'The kind of role.'),
        primary,
      ],
    }),
    attribute('addresses', 'complex', 'The work address.', {
      multiValued: true,
      subAttributes: [
        text('formatted', 'The full address, formatted for display.'),
        text('streetAddress', 'Street, house number and so on.'),
        text('locality', 'City or locality.'),
        text('region', 'State or region.'),
        text('postalCode', 'Postal code.'),
        text('country', 'Country (ISO 3166-1 alpha-2 code).'),
        text('type', 'The kind of address.', { canonicalValues: ['work'] }),
        primary,
      ],
    }),
  ],
};

export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: ENTERPRISE_USER_URN,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [text('employeeNumber', 'Identifier assigned by the organisation.'), text('department', 'Name of the department.')],
};

/**
 * The extension as the resource JSON holds it: one complex attribute named by its URN
 * (RFC 7643 §3.3), so paths, PATCH and projection treat `urn:…:enterprise:2.0:User:department`
 * exactly like `name.givenName`.
 */
const ENTERPRISE_ATTRIBUTE = attribute(ENTERPRISE_USER_URN, 'complex', ENTERPRISE_USER_SCHEMA.description, {
  subAttributes: ENTERPRISE_USER_SCHEMA.attributes,
});

/** Every top-level member of a User resource except `schemas`, in the order we serialise them. */
export const USER_ATTRIBUTES: readonly AttributeDefinition[] = [
  COMMON_ATTRIBUTES[0]!,
  COMMON_ATTRIBUTES[1]!,
  ...USER_SCHEMA.attributes,
  ENTERPRISE_ATTRIBUTE,
  COMMON_ATTRIBUTES[2]!,
];

/**
 * An attribute reference as written in a filter, PATCH path or `attributes` list: a top-level
 * member (a core attribute, or an extension URN) and optionally one of its sub-attributes.
 * The core schema URN prefix is dropped. Inside a value filter (`emails[type eq "work"]`),
 * `attribute` names a sub-attribute of the filtered attribute.
 */
export interface AttrPath {
  attribute: string;
  subAttribute?: string;
}

export interface ResolvedAttribute {
  /** The path with canonical spelling (`Name.GivenName` → `name.givenName`). */
  path: AttrPath;
  /** The definition of what the path addresses (the sub-attribute's, if there is one). */
  definition: AttributeDefinition;
  /** The top-level attribute when the path addresses a sub-attribute. */
  parent?: AttributeDefinition;
}

const NAME = /^[A-Za-z$][A-Za-z0-9_$-]*$/;

/**
 * RFC 7644 §3.10 attribute notation `[urn:…:]attr[.sub]`, checked for syntax only, so filters
 * can carry names outside our schema (see `assertKnownAttributes`). Undefined when malformed.
 * Unknown URN prefixes are kept verbatim in `attribute`; they resolve to nothing.
 */
export function splitAttributePath(text: string): AttrPath | undefined {
  const lower = text.toLowerCase();
  const core = CORE_USER_URN.toLowerCase() + ':';
  const enterprise = ENTERPRISE_USER_URN.toLowerCase();
  if (lower === enterprise) return { attribute: ENTERPRISE_USER_URN };
  if (lower.startsWith(enterprise + ':')) {
    const sub = text.slice(enterprise.length + 1);
    return NAME.test(sub) ? { attribute: ENTERPRISE_USER_URN, subAttribute: sub } : undefined;
  }
  let uri = '';
  let rest = text;
  if (lower.startsWith(core)) rest = text.slice(core.length);
  else if (lower.startsWith('urn:')) {
    const colon = text.lastIndexOf(':');
    uri = text.slice(0, colon + 1);
    rest = text.slice(colon + 1);
  }
  const [name, sub, ...extra] = rest.split('.');
  if (name === undefined || !NAME.test(name) || extra.length > 0 || (sub !== undefined && !NAME.test(sub))) return undefined;
  return sub === undefined ? { attribute: uri + name } : { attribute: uri + name, subAttribute: sub };
}

function byName(pool: readonly AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return pool?.find((definition) => definition.name.toLowerCase() === lower);
}

/**
 * Looks a path up in the User schema, case-insensitively; `within` resolves the names of a value
 * filter against that attribute's sub-attributes. Undefined when we do not support the attribute.
 */
export function findAttribute(path: AttrPath, within?: AttributeDefinition): ResolvedAttribute | undefined {
  const top = byName(within ? within.subAttributes : USER_ATTRIBUTES, path.attribute);
  if (!top) return undefined;
  if (path.subAttribute === undefined) return { path: { attribute: top.name }, definition: top };
  const sub = within ? undefined : byName(top.subAttributes, path.subAttribute);
  if (!sub) return undefined;
  return { path: { attribute: top.name, subAttribute: sub.name }, definition: sub, parent: top };
}

/** `findAttribute` on written text, throwing `ScimError(400, scimType)` that names the attribute. */
export function requireAttribute(text: string, scimType: ScimErrorType, within?: AttributeDefinition): ResolvedAttribute {
  const path = splitAttributePath(text);
  const resolved = path && findAttribute(path, within);
  if (!resolved) {
    const where = within ? `${within.name}.${text}` : text;
    throw new ScimError(400, scimType, path ? `Unknown attribute "${where}"` : `Malformed attribute name "${where}"`);
  }
  return resolved;
}

/** `name.givenName` style, for error messages and projection keys. */
export function formatPath(path: AttrPath): string {
  if (path.subAttribute === undefined) return path.attribute;
  return path.attribute.startsWith('urn:') ? `${path.attribute}:${path.subAttribute}` : `${path.attribute}.${path.subAttribute}`;
}
