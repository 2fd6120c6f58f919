import 'server-only';
import { graphCall } from './client';
import { GraphError } from './errors';
import type { RetryOptions } from './retry';
import type { GraphApp, GraphUser, Principal } from './types';

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** Every page of a collection, following @odata.nextLink (an absolute URL the client takes as is). */
async function allPages<T>(who: Principal, firstPath: string, onPage: ((items: T[]) => void) | undefined, retry?: RetryOptions): Promise<T[]> {
  const all: T[] = [];
  for (let path: string | undefined = firstPath; path; ) {
    const res: { body: Page<T> | null } = await graphCall<Page<T>>(who, { method: 'GET', path, bucket: 'read', retry });
    const items = res.body?.value ?? [];
    all.push(...items);
    onPage?.(items);
    path = res.body?.['@odata.nextLink'];
  }
  return all;
}

/** All users of the tenant (User.Read.All), 999 a page. */
export async function listUsers(app: GraphApp, onPage?: (users: GraphUser[]) => void, retry?: RetryOptions): Promise<GraphUser[]> {
  const toUser = (u: Partial<GraphUser>): GraphUser => ({ id: u.id ?? '', userPrincipalName: u.userPrincipalName ?? '', mail: u.mail ?? null, displayName: u.displayName ?? null });
  const users = await allPages<Partial<GraphUser>>(app, '/users?$select=id,userPrincipalName,mail,displayName&$top=999', onPage && ((page) => onPage(page.map(toUser))), retry);
  return users.map(toUser);
}

export interface AppRegistration {
  displayName: string;
  secrets: { displayName: string | null; endDateTime: string | null; hint: string | null }[];
}

/** The app's own registration and its secrets' expiry (Application.Read.All); null without that permission. */
export async function application(app: GraphApp, retry?: RetryOptions): Promise<AppRegistration | null> {
  interface Raw {
    displayName?: string;
    passwordCredentials?: { displayName?: string | null; endDateTime?: string | null; hint?: string | null }[];
  }
  try {
    const res = await graphCall<Raw>(app, { method: 'GET', path: `/applications(appId='${encodeURIComponent(app.clientId)}')?$select=displayName,passwordCredentials`, bucket: 'read', retry });
    return {
      displayName: res.body?.displayName ?? '',
      secrets: (res.body?.passwordCredentials ?? []).map((c) => ({ displayName: c.displayName ?? null, endDateTime: c.endDateTime ?? null, hint: c.hint ?? null })),
    };
  } catch (e) {
    if (e instanceof GraphError && e.kind === 'consentMissing' && e.status === 403) return null;
    throw e;
  }
}

export interface Contact {
  id: string;
  displayName: string | null;
  emails: string[];
}

/** A user's Outlook contacts (Contacts.Read), for later use. */
export async function listContacts(who: Principal, userId: string, retry?: RetryOptions): Promise<Contact[]> {
  interface Raw {
    id: string;
    displayName?: string | null;
    emailAddresses?: { address?: string }[];
  }
  const raw = await allPages<Raw>(who, `/users/${encodeURIComponent(userId)}/contacts?$select=id,displayName,emailAddresses&$top=999`, undefined, retry);
  return raw.map((c) => ({ id: c.id, displayName: c.displayName ?? null, emails: (c.emailAddresses ?? []).flatMap((a) => (a.address ? [a.address] : [])) }));
}
