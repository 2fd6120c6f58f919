// TEAMS-2 matching, pure: a CloudLink user matches the Azure user whose UPN or primary e-mail is
// their CloudLink e-mail (seed 002 "must ensure that the CloudLink email IDs … match their User
// Principal Name or Email ID"; seed 001 5147-5150), case-insensitively.

export type MatchReason = 'matched' | 'notInAzure' | 'ambiguous';

export interface AzureUserRef {
  id: string;
  userPrincipalName: string;
  mail: string | null;
}

export interface MatchResult {
  match: MatchReason;
  azure: AzureUserRef | null;
}

export function azureIndex(azureUsers: readonly AzureUserRef[]): Map<string, AzureUserRef[]> {
  const index = new Map<string, AzureUserRef[]>();
  const add = (key: string | null, u: AzureUserRef) => {
    if (!key) return;
    const k = key.trim().toLowerCase();
    const list = index.get(k) ?? [];
    if (!list.some((x) => x.id === u.id)) list.push(u);
    index.set(k, list);
  };
  for (const u of azureUsers) {
    add(u.userPrincipalName, u);
    add(u.mail, u);
  }
  return index;
}

/** Two different Azure users answering to one e-mail (one's UPN, the other's mail) is refused, not guessed. */
export function matchUser(email: string, index: ReadonlyMap<string, AzureUserRef[]>): MatchResult {
  const found = index.get(email.trim().toLowerCase()) ?? [];
  if (found.length === 1) return { match: 'matched', azure: found[0]! };
  return { match: found.length ? 'ambiguous' : 'notInAzure', azure: null };
}
