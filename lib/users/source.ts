/**
 * USR-4: users synchronised from an external source (SCIM, PBX, cloud PBX). The source owns their
 * names, e-mail, phone number and extensions: the next sync would overwrite a change made here, so
 * the form shows them read-only and the update command refuses them.
 */
export type UserSource = 'portal' | 'oidc' | 'scim' | 'pbx' | 'micloud';

export const SOURCE_OWNED_FIELDS = ['displayName', 'firstName', 'lastName', 'email', 'phone', 'extensions'] as const;
export type SourceOwnedField = (typeof SOURCE_OWNED_FIELDS)[number];

export function isExternal(source: UserSource): boolean {
  return source === 'scim' || source === 'pbx' || source === 'micloud';
}

export function isSourceOwned(source: UserSource, field: string): boolean {
  return isExternal(source) && (SOURCE_OWNED_FIELDS as readonly string[]).includes(field);
}
