import { z } from 'zod';
import { tableCursor, tablePageSize, tableSearch } from '@/lib/tables/search-params';

/** MGR-1: the page's two tabs. */
export const MANAGER_TABS = ['managers', 'admins'] as const;
export type ManagerTab = (typeof MANAGER_TABS)[number];

/**
 * MGR-3: how the accounts relate to the selected managers. With one manager only `all`
 * ("Assigned accounts") and `none` ("Not assigned accounts") exist.
 */
export const ASSIGNMENT_VIEWS = ['all', 'some', 'none'] as const;
export type AssignmentView = (typeof ASSIGNMENT_VIEWS)[number];

/** The four bulk operations of the managers-bulk job (MGR-2..4). */
export const MANAGER_OPERATIONS = ['convert', 'assign', 'unassign', 'upgrade'] as const;
export type ManagerOperation = (typeof MANAGER_OPERATIONS)[number];

/** Bounds of one request: a partner has a handful of admins but may have thousands of accounts. */
export const MAX_MANAGERS = 200;
export const MAX_ACCOUNTS = 5000;

const selection = (max: number) =>
  z
    .array(z.string().trim().pipe(z.uuid('errors.managers.invalidSelection')), 'errors.managers.invalidSelection')
    .min(1, 'errors.managers.noneSelected')
    .max(max, 'errors.managers.tooMany');

/** Convert and upgrade: the selected partner admins. */
export const ManagersInput = z.object({ managerIds: selection(MAX_MANAGERS) });
export type ManagersInput = z.infer<typeof ManagersInput>;

/** Assign and unassign: the selected managers and the selected accounts. */
export const AssignmentInput = ManagersInput.extend({ accountIds: selection(MAX_ACCOUNTS) });
export type AssignmentInput = z.infer<typeof AssignmentInput>;

/** The managers page's list state in the URL. */
export const ListAdminsParams = z.object({
  tab: z.enum(MANAGER_TABS).catch('managers'),
  q: tableSearch,
  cursor: tableCursor,
  size: tablePageSize,
});
export type ListAdminsParams = z.infer<typeof ListAdminsParams>;

/** The assignment view's state in the URL; `managers` is a comma-separated list of user ids. */
export const AssignmentParams = z.object({
  managers: z.string().max(MAX_MANAGERS * 37).catch(''),
  view: z.enum(ASSIGNMENT_VIEWS).catch('all'),
  q: tableSearch,
  cursor: tableCursor,
  size: tablePageSize,
});
export type AssignmentParams = z.infer<typeof AssignmentParams>;

/** The selected managers of the assignment view's URL, de-duplicated and sorted; null when malformed. */
export function parseManagerIds(raw: string): string[] | null {
  const ids = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_MANAGERS) return null;
  if (!ids.every((id) => z.uuid().safeParse(id).success)) return null;
  return [...new Set(ids)].sort();
}

/** The operations an assignment view offers: assign what is not everyone's, unassign what someone has. */
export function operationsFor(view: AssignmentView): ('assign' | 'unassign')[] {
  if (view === 'all') return ['unassign'];
  if (view === 'none') return ['assign'];
  return ['assign', 'unassign'];
}
