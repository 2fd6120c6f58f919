// Privilege rules of the Privileges panel (spec INT-3), pure. Line numbers refer to the vendor
// manual seeds/001_08bf6aeef244c807.txt.
//
// Decisions taken from the seed:
// - Adding an integration turns its privileges on, even ones an admin had turned off (2412-2413,
//   table 2424-2446: "automatisch ingeschakeld").
// - Admins may toggle either privilege by hand, with or without integrations (2413-2416). The seed
//   keeps no record of who turned a privilege on, so neither do we: a privilege is one boolean.
// - Removing an integration turns off each of its privileges that no remaining integration needs
//   (2416-2417), whether or not an admin had also turned it on by hand; privileges it does not
//   need, and privileges a remaining integration needs, are left as they are (also when off).
// - An integration stays when privileges it needs are off; the panel warns (2462-2465).
// - A partner organisation's own account cannot have integrations (2330-2333).
import { INTEGRATION_IDS, PRIVILEGES, integrationDefinition, type IntegrationId, type Privilege } from './catalogue';

export type PrivilegeState = Readonly<Record<Privilege, boolean>>;

export interface IntegrationsState {
  /** The partner organisation's own account rather than a customer account. */
  readonly isPartnerOrganisation: boolean;
  readonly integrations: readonly IntegrationId[];
  readonly privileges: PrivilegeState;
}

export type AddRefusal = 'partnerOrganisation' | 'alreadyAdded' | 'needsGateway';
export type RemoveRefusal = 'partnerOrganisation' | 'notAdded' | 'alwaysOn';
export type Verdict<R extends string> = { readonly ok: true } | { readonly ok: false; readonly reason: R };

export interface MissingPrivilege {
  readonly integrationId: IntegrationId;
  readonly privilege: Privilege;
}

export const NO_PRIVILEGES: PrivilegeState = Object.freeze({ delegatedAuthentication: false, guestAccess: false });

const needs = (id: IntegrationId, privilege: Privilege) => integrationDefinition(id).privileges.includes(privilege);

/** The privileges after `integrationId` is added: its privileges on, the rest unchanged. */
export function privilegesAfterAdd(state: IntegrationsState, integrationId: IntegrationId): PrivilegeState {
  const next = { ...state.privileges };
  for (const p of integrationDefinition(integrationId).privileges) next[p] = true;
  return next;
}

/**
 * The privileges after `integrationId` is removed: each privilege it needs goes off unless an
 * integration that stays needs it too; everything else is unchanged.
 */
export function privilegesAfterRemove(state: IntegrationsState, integrationId: IntegrationId): PrivilegeState {
  const remaining = state.integrations.filter((i) => i !== integrationId);
  const next = { ...state.privileges };
  for (const p of integrationDefinition(integrationId).privileges) {
    if (!remaining.some((i) => needs(i, p))) next[p] = false;
  }
  return next;
}

/** Integrations on the account that lack a privilege they need, in catalogue order (the warning). */
export function missingPrivileges(state: IntegrationsState): MissingPrivilege[] {
  const present = new Set(state.integrations);
  return INTEGRATION_IDS.filter((id) => present.has(id)).flatMap((integrationId) =>
    integrationDefinition(integrationId)
      .privileges.filter((privilege) => !state.privileges[privilege])
      .map((privilege) => ({ integrationId, privilege })),
  );
}

/** Privileges whose value differs between two states, in panel order (for audit events). */
export function changedPrivileges(before: PrivilegeState, after: PrivilegeState): Privilege[] {
  return PRIVILEGES.filter((p) => before[p] !== after[p]);
}

export function canAdd(state: IntegrationsState, integrationId: IntegrationId): Verdict<AddRefusal> {
  if (state.isPartnerOrganisation) return { ok: false, reason: 'partnerOrganisation' };
  if (state.integrations.includes(integrationId)) return { ok: false, reason: 'alreadyAdded' };
  const required = integrationDefinition(integrationId).requires;
  // Every prerequisite in the catalogue is the CloudLink Gateway (2698-2703, 3702-3705, 5142-5146).
  if (required && !state.integrations.includes(required)) return { ok: false, reason: 'needsGateway' };
  return { ok: true };
}

export function canRemove(state: IntegrationsState, integrationId: IntegrationId): Verdict<RemoveRefusal> {
  if (state.isPartnerOrganisation) return { ok: false, reason: 'partnerOrganisation' };
  if (!state.integrations.includes(integrationId)) return { ok: false, reason: 'notAdded' };
  if (!integrationDefinition(integrationId).removable) return { ok: false, reason: 'alwaysOn' };
  return { ok: true };
}

/** The state after adding, or the refusal. */
export function addIntegration(
  state: IntegrationsState,
  integrationId: IntegrationId,
): { ok: true; state: IntegrationsState } | { ok: false; reason: AddRefusal } {
  const verdict = canAdd(state, integrationId);
  if (!verdict.ok) return verdict;
  return {
    ok: true,
    state: { ...state, integrations: [...state.integrations, integrationId], privileges: privilegesAfterAdd(state, integrationId) },
  };
}

/** The state after removing, or the refusal. */
export function removeIntegration(
  state: IntegrationsState,
  integrationId: IntegrationId,
): { ok: true; state: IntegrationsState } | { ok: false; reason: RemoveRefusal } {
  const verdict = canRemove(state, integrationId);
  if (!verdict.ok) return verdict;
  return {
    ok: true,
    state: {
      ...state,
      integrations: state.integrations.filter((i) => i !== integrationId),
      privileges: privilegesAfterRemove(state, integrationId),
    },
  };
}
