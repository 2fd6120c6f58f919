'use client';

import { useT } from '@/components/i18n-provider';
import type { UserSource } from '@/lib/users/source';

/** USR-4: where an external user comes from (SCIM, PBX sync, cloud PBX). */
export function SourceBadge({ source }: { source: UserSource }) {
  const t = useT();
  return <span className="rounded bg-brand-50 px-1.5 text-xs text-brand-900">{t(`users.sources.${source}`)}</span>;
}

/** Base roles in the reader's language; custom roles by the name their partner gave them. */
export function RoleLabel({ roleKey, roleName }: { roleKey: string | null; roleName: string }) {
  const t = useT();
  return <>{roleKey ? t(`users.roles.${roleKey}`) : roleName}</>;
}
