import type { PbxUserRecord } from '@/lib/gateway/protocol/schemas';

// The pure half of the PBX sync (GW-3): what to create, update, link, deactivate and skip.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface MirrorRow {
  pbxUserId: string;
  userId: string | null;
  fingerprint: string;
  present: boolean;
}
export interface AccountUser {
  id: string;
  email: string;
  source: string;
  inactive: boolean;
  externalId: string | null;
}
export type SkipReason = 'noEmail' | 'emailInUse';

export interface SyncPlan {
  create: PbxUserRecord[];
  /** Existing portal users that change: a linked PBX user's new data, or an account user with the same e-mail taken over by the PBX. */
  update: { userId: string; record: PbxUserRecord; link: boolean; reactivate: boolean }[];
  deactivate: string[];
  skipped: { record: PbxUserRecord; reason: SkipReason }[];
  /** Mirror rows to write (new or changed); `userId` is filled in for created users by the caller. */
  mirror: { record: PbxUserRecord; userId: string | null; fingerprint: string }[];
  /** Mirror rows of users gone from the PBX. */
  gone: string[];
  unchanged: number;
}

export function fingerprint(r: PbxUserRecord): string {
  return JSON.stringify([r.firstName ?? '', r.lastName ?? '', (r.email ?? '').toLowerCase(), [...r.extensions].sort(), r.cloudlinkRole, r.devices]);
}

export function displayName(r: PbxUserRecord): string {
  return [r.firstName, r.lastName].filter(Boolean).join(' ').trim() || r.extensions[0] || r.pbxUserId;
}

/**
 * `takenElsewhere`: lower-cased e-mails held by users outside this account (USR-8: unique across
 * the installation). Users of the account are matched by their link first, then by e-mail.
 */
export function planSync(snapshot: readonly PbxUserRecord[], mirror: readonly MirrorRow[], accountUsers: readonly AccountUser[], takenElsewhere: ReadonlySet<string>): SyncPlan {
  const plan: SyncPlan = { create: [], update: [], deactivate: [], skipped: [], mirror: [], gone: [], unchanged: 0 };
  const mirrorById = new Map(mirror.map((m) => [m.pbxUserId, m]));
  const usersById = new Map(accountUsers.map((u) => [u.id, u]));
  const usersByEmail = new Map(accountUsers.map((u) => [u.email.toLowerCase(), u]));
  const claimed = new Set<string>(); // e-mails given to a PBX user in this run
  const seen = new Set<string>();

  for (const record of snapshot) {
    if (seen.has(record.pbxUserId)) continue;
    seen.add(record.pbxUserId);
    const print = fingerprint(record);
    const known = mirrorById.get(record.pbxUserId);
    const linked = known?.userId ? usersById.get(known.userId) : undefined;
    const email = record.email?.trim().toLowerCase() ?? '';
    const mirrorChanged = !known || known.fingerprint !== print || !known.present;

    if (!EMAIL.test(email)) {
      if (!linked) plan.skipped.push({ record, reason: 'noEmail' });
      else if (linked.inactive) plan.update.push({ userId: linked.id, record: { ...record, email: linked.email }, link: false, reactivate: true });
      else plan.unchanged++;
      if (mirrorChanged) plan.mirror.push({ record, userId: linked?.id ?? null, fingerprint: print });
      continue;
    }
    const sameEmailUser = usersByEmail.get(email);
    const elsewhere = !sameEmailUser && takenElsewhere.has(email);
    if (linked) {
      if ((sameEmailUser && sameEmailUser.id !== linked.id) || elsewhere || claimed.has(email)) {
        // The PBX gave this user an e-mail someone else has: keep the user as it was, say so.
        plan.skipped.push({ record, reason: 'emailInUse' });
        plan.unchanged++;
        continue;
      }
      claimed.add(email);
      if (mirrorChanged || linked.inactive) plan.update.push({ userId: linked.id, record, link: false, reactivate: linked.inactive });
      else plan.unchanged++;
      if (mirrorChanged) plan.mirror.push({ record, userId: linked.id, fingerprint: print });
      continue;
    }
    // Another PBX user of the account already has it (a portal user with it is taken over below).
    if ((sameEmailUser && sameEmailUser.source === 'pbx') || elsewhere || claimed.has(email)) {
      plan.skipped.push({ record, reason: 'emailInUse' });
      if (mirrorChanged) plan.mirror.push({ record, userId: null, fingerprint: print });
      continue;
    }
    claimed.add(email);
    if (sameEmailUser) {
      // A user added in the portal (or an earlier PBX link) with the PBX user's e-mail: the PBX takes it over (USR-4).
      plan.update.push({ userId: sameEmailUser.id, record, link: true, reactivate: sameEmailUser.inactive });
      plan.mirror.push({ record, userId: sameEmailUser.id, fingerprint: print });
    } else {
      plan.create.push(record);
      plan.mirror.push({ record, userId: null, fingerprint: print });
    }
  }
  for (const m of mirror) {
    if (seen.has(m.pbxUserId) || !m.present) continue;
    plan.gone.push(m.pbxUserId);
    const user = m.userId ? usersById.get(m.userId) : undefined;
    if (user && !user.inactive) plan.deactivate.push(user.id);
  }
  return plan;
}
