import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { partnerOrgs, roles, users } from '@/db/schema';
import { ConflictError } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { systemActor } from './system-actor';

export const PartnerProfile = z.object({
  issuer: z.url(),
  subject: z.string().min(1).max(255),
  email: z.email().max(254),
  name: z.string().max(200).optional(),
  /** The organisation claim; without one, the e-mail domain names the organisation. */
  organisation: z.string().min(1).max(200).optional(),
});
export type PartnerProfile = z.infer<typeof PartnerProfile>;

/**
 * AUTH-1: the first sign-in through the partner identity provider creates the partner
 * organisation and the partner user; later sign-ins find them by issuer and subject.
 */
export async function provisionPartner(input: PartnerProfile): Promise<{ userId: string; sessionVersion: number }> {
  const p = PartnerProfile.parse(input);
  const externalId = `${p.issuer}|${p.subject}`;
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, sv: users.sessionVersion })
      .from(users)
      .where(and(eq(users.source, 'oidc'), eq(users.externalId, externalId)))
      .limit(1);
    if (existing) return { userId: existing.id, sessionVersion: existing.sv };

    // The e-mail is the sign-in name across the installation: a portal user holding it already
    // must not be shadowed by an identity-provider account.
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, p.email.toLowerCase())).limit(1);
    if (clash) throw new ConflictError('errors.partnerEmailInUse');

    const orgName = p.organisation ?? p.email.split('@')[1]!;
    const orgKey = `${p.issuer}|${orgName.toLowerCase()}`;
    await tx.insert(partnerOrgs).values({ name: orgName, externalId: orgKey }).onConflictDoNothing();
    const [org] = await tx.select().from(partnerOrgs).where(eq(partnerOrgs.externalId, orgKey)).limit(1);
    const [partnerRole] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.key, 'partner')).limit(1);
    const displayName = p.name?.trim() || p.email;
    const [user] = await tx
      .insert(users)
      .values({
        partnerOrgId: org!.id,
        email: p.email,
        displayName,
        roleId: partnerRole!.id,
        source: 'oidc',
        externalId,
        registeredAt: new Date(),
      })
      .returning({ id: users.id, sv: users.sessionVersion });
    const ctx = { actor: systemActor({ partnerOrgId: org!.id }) };
    await recordEvent(tx, ctx, { action: 'Create', asset: 'User', assetId: user!.id, accountId: null, after: { email: p.email, source: 'oidc' } });
    return { userId: user!.id, sessionVersion: user!.sv };
  });
}
