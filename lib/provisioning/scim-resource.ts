import 'server-only';
import type { User } from '@/db/schema';
import type { ScimAddress, ScimEmail, ScimPhoneNumber, ScimRole, ScimUser } from '@/lib/scim/user';
import { CORE_USER_URN, ENTERPRISE_USER_URN } from '@/lib/scim/urns';

/** What scim_users.data keeps: the SCIM attributes the portal has no column for (USR-4 "Advanced"). */
export interface ScimExtras {
  nameFormatted?: string;
  otherEmails?: ScimEmail[];
  otherPhoneNumbers?: ScimPhoneNumber[];
  roles?: ScimRole[];
  addresses?: ScimAddress[];
  enterprise?: ScimUser[typeof ENTERPRISE_USER_URN];
}

export interface ScimRow {
  user: User;
  userName: string | null;
  data: Record<string, unknown> | null;
  version: number | null;
}

/** The portal's user as a SCIM User resource (RFC 7643 §4.1), with meta (location, version). */
export function toScimResource(row: ScimRow, baseUrl: string): ScimUser {
  const { user } = row;
  const extras = (row.data ?? {}) as ScimExtras;
  const emails: ScimEmail[] = [{ value: user.email, type: 'work', primary: true }, ...(extras.otherEmails ?? [])];
  const phones: ScimPhoneNumber[] = [
    ...(user.mobile ? [{ value: user.mobile, type: 'mobile' as const }] : []),
    ...(user.phone ? [{ value: user.phone, type: 'work' as const }] : []),
    ...(extras.otherPhoneNumbers ?? []),
  ];
  const name = { givenName: user.firstName ?? undefined, familyName: user.lastName ?? undefined, formatted: extras.nameFormatted };
  const resource: ScimUser = {
    schemas: extras.enterprise ? [CORE_USER_URN, ENTERPRISE_USER_URN] : [CORE_USER_URN],
    id: user.id,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: row.userName ?? user.loginId ?? user.email,
    ...(name.givenName || name.familyName || name.formatted ? { name: strip(name) } : {}),
    displayName: user.displayName,
    active: !user.inactive,
    emails,
    ...(phones.length ? { phoneNumbers: phones } : {}),
    ...(extras.roles?.length ? { roles: extras.roles } : {}),
    ...(extras.addresses?.length ? { addresses: extras.addresses } : {}),
    ...(extras.enterprise ? { [ENTERPRISE_USER_URN]: extras.enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${user.id}`,
      version: `W/"${row.version ?? 0}-${user.updatedAt.getTime()}"`,
    },
  };
  return resource;
}

export interface UserFields {
  email: string;
  loginId: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  mobile: string | null;
  phone: string | null;
  externalId: string | null;
  inactive: boolean;
}

/**
 * A validated SCIM User as the portal's fields (SCIM-3) plus the extras kept beside them. The
 * work e-mail is the sign-in name (Azure's UPN = CloudLink e-mail), the mobile and work numbers are
 * the user's columns (unique per account, USR-8); other numbers and e-mails are kept as extras.
 */
export function fromScimResource(resource: ScimUser): { fields: UserFields; extras: ScimExtras } {
  const emails = resource.emails ?? [];
  const work = emails.find((e) => e.type === 'work' && e.primary) ?? emails.find((e) => e.type === 'work')!;
  const phones = resource.phoneNumbers ?? [];
  const mobile = phones.find((p) => p.type === 'mobile');
  const workPhone = phones.find((p) => p.type === 'work');
  const given = resource.name?.givenName?.trim() || null;
  const family = resource.name?.familyName?.trim() || null;
  const displayName = resource.displayName?.trim() || [given, family].filter(Boolean).join(' ') || resource.name?.formatted?.trim() || resource.userName;
  const extras: ScimExtras = strip({
    nameFormatted: resource.name?.formatted,
    otherEmails: nonEmpty(emails.filter((e) => e !== work)),
    otherPhoneNumbers: nonEmpty(phones.filter((p) => p !== mobile && p !== workPhone)),
    roles: nonEmpty(resource.roles ?? []),
    addresses: nonEmpty(resource.addresses ?? []),
    enterprise: resource[ENTERPRISE_USER_URN],
  });
  return {
    fields: {
      email: work.value.trim(),
      loginId: resource.userName.trim(),
      firstName: given,
      lastName: family,
      displayName: displayName.slice(0, 200),
      mobile: mobile?.value ?? null,
      phone: workPhone?.value ?? null,
      externalId: resource.externalId?.trim() || null,
      inactive: resource.active === false,
    },
    extras,
  };
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);
function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
