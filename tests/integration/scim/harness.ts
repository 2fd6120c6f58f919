import { and, count, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { events, users } from '@/db/schema';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { generateScimKeys } from '@/lib/provisioning/generate-scim-keys';
import { handleScimRequest } from '@/lib/provisioning/scim-router';
import { accountByName, actorFor, EMAIL } from '../helpers';

/** A SCIM client of one account, calling the route's handler as the HTTP route does. */
export interface ScimClient {
  accountId: string;
  token: string;
  url: string;
  call: (method: string, path: string, body?: unknown, init?: { token?: string; contentType?: string; raw?: string }) => Promise<{ status: number; body: Record<string, unknown> | null; headers: Headers }>;
}

export async function scimClientFor(accountName: string, adminEmail: string = EMAIL.partner): Promise<ScimClient> {
  const account = await accountByName(accountName);
  const ctx = { actor: await actorFor(adminEmail) };
  await addAccountIntegration({ ctx, input: { accountId: account.id, integrationId: 'azureAdSync' } }).catch(() => undefined);
  const { url, token } = await generateScimKeys({ ctx, input: { accountId: account.id } });
  const client: ScimClient = {
    accountId: account.id,
    token,
    url,
    async call(method, path, body, init = {}) {
      const [pathname, search = ''] = path.split('?');
      const target = new URL(`${url}${pathname}`);
      target.search = search;
      const headers: Record<string, string> = { Authorization: `Bearer ${init.token ?? client.token}` };
      const payload = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) headers['Content-Type'] = init.contentType ?? 'application/scim+json';
      const res = await handleScimRequest(new Request(target, { method, headers, body: payload }), account.id, pathname!.split('/').filter(Boolean));
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, headers: res.headers };
    },
  };
  return client;
}

export async function accountUserCount(accountId: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(users).where(eq(users.accountId, accountId));
  return row!.n;
}

export async function scimEvents(accountId: string) {
  return db().select().from(events).where(and(eq(events.accountId, accountId), eq(events.actorName, 'SCIM')));
}

/** An Entra ID (Azure AD) create body, as its provisioning service sends it. */
export function entraUser(n: string | number, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: `entra-${n}`,
    userName: `entra.user${n}@contoso.example`,
    active: true,
    displayName: `Entra User ${n}`,
    name: { formatted: `Entra User ${n}`, familyName: `User${n}`, givenName: 'Entra' },
    emails: [{ primary: true, type: 'work', value: `entra.user${n}@contoso.example` }],
    phoneNumbers: [{ type: 'mobile', value: `+3161234${String(n).padStart(4, '0')}` }],
    ...extra,
  };
}
