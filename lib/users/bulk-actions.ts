import { z } from 'zod';
import { can, canOpenManage, canSendWelcome } from '@/lib/authz/permissions';
import type { Actor } from '@/lib/authz/types';
import type { QueuePayload } from '@/lib/jobs/queues';

/**
 * The "Manage (x)" panel's actions (USR-5), as a registry: the panel renders one button per
 * entry the actor may use, the request command checks the same `allowed`, and the users-bulk job
 * runs the entry's processor (lib/users/bulk-processors.ts). A later action (MiVoice Business
 * deployment mails, MiTeam Meetings licences, Mitel One overrides) is added by extending the
 * queue's action enum, this list and the processors; the panel and the job need no change.
 */
export type BulkAction = QueuePayload<'users-bulk'>['action'];

export interface BulkActionDef {
  action: BulkAction;
  /** Who may run it, besides opening Manage at all. */
  allowed: (actor: Actor) => boolean;
  /** SHELL-7 word to type; actions without one still ask when they apply to every user. */
  confirmWord?: 'delete' | 'reset' | 'confirm';
  danger?: boolean;
}

export const BULK_ACTIONS: readonly BulkActionDef[] = [
  { action: 'resetPasswords', allowed: (a) => can(a, 'users', 'edit') },
  { action: 'sendWelcome', allowed: canSendWelcome },
  { action: 'deleteUsers', allowed: (a) => can(a, 'users', 'delete'), confirmWord: 'delete', danger: true },
];

export function bulkActionDef(action: BulkAction): BulkActionDef {
  const def = BULK_ACTIONS.find((d) => d.action === action);
  if (!def) throw new Error(`unknown bulk action ${action}`);
  return def;
}

/** The actions the actor may start from the panel (none when it may not open Manage). */
export function bulkActionsFor(actor: Actor): BulkAction[] {
  if (!canOpenManage(actor)) return [];
  return BULK_ACTIONS.filter((d) => d.allowed(actor)).map((d) => d.action);
}

/** Upper bound of an explicit selection; "nothing selected" means every user instead. */
export const MAX_SELECTION = 10_000;

export const BulkRequestInput = z.object({
  accountId: z.string().trim().max(64),
  action: z.enum(BULK_ACTIONS.map((d) => d.action) as [BulkAction, ...BulkAction[]]),
  userIds: z.array(z.uuid()).min(1).max(MAX_SELECTION).nullable(),
  /** IMP-5: the users a bulk import of this account created (then `userIds` is null). */
  importId: z.uuid().optional(),
});
