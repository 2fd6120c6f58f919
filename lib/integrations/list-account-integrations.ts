import 'server-only';
import { db } from '@/db/client';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { getAccountInScope } from '@/lib/accounts/scope';
import { integrationDefinition, shownUnder, type IntegrationId } from './catalogue';
import { readIntegrations } from './account-state';
import { missingPrivileges, type MissingPrivilege, type PrivilegeState } from './privileges';
import { ListAccountIntegrationsInput } from './schemas';
import type { IntegrationSettingsView } from './settings';
import { settingsView } from './settings-view';
import { gatewaySummary, type GatewaySummary } from '@/lib/gateway/read-gateway';
import { ssoCertificateSummary } from '@/lib/sso/certificate-summary';

export interface AccountIntegrationView {
  readonly integrationId: IntegrationId;
  readonly version: number;
  readonly latestVersion: number;
  /** INT-4: the product ships a newer version than the one installed. */
  readonly updateAvailable: boolean;
  readonly setupDone: boolean;
  /** "Finish setup": the integration has a setup step that has not been completed. */
  readonly needsSetup: boolean;
  /** Listed as a feature of this integration instead of on its own (M1-1), or null. */
  readonly shownUnder: IntegrationId | null;
  /** The settings as the browser may see them (secrets only as "set on <date>"), or null. */
  readonly settings: IntegrationSettingsView[keyof IntegrationSettingsView] | null;
  /** When it was added (ISO 8601). */
  readonly addedAt: string;
  /** CloudLink Gateway only: its onboarding status and device (GW-1, GW-5); null before a gateway is linked. */
  readonly gateway?: GatewaySummary | null;
  /** SSO integrations only: the IdP certificate that ends first, when it is expiring or expired (Beyond SSO-3). */
  readonly certificate?: { state: 'expiring' | 'expired'; validTo: string } | null;
}

export interface AccountIntegrations {
  readonly accountId: string;
  readonly integrations: readonly AccountIntegrationView[];
  readonly privileges: PrivilegeState;
  /** The Privileges panel's warning: integrations lacking a privilege they need. */
  readonly missingPrivileges: readonly MissingPrivilege[];
}

/** The Integrations panel of an account in the actor's scope (needs View on "Integrations & apps"). */
export async function listAccountIntegrations({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AccountIntegrations> {
  const parsed = ListAccountIntegrationsInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'integrations', 'view');
  const q = ctx.tx ?? db();
  const account = await getAccountInScope(q, ctx.actor, parsed.data.accountId);
  const { state, rows } = await readIntegrations(q, account);
  const gatewayRow = rows.find((r) => r.integrationId === 'cloudlinkGateway');
  const gateway = gatewayRow ? await gatewaySummary(q, account.id, gatewayRow.setupDone) : null;
  const sso = rows.some((r) => r.integrationId === 'singleSignOn' || r.integrationId === 'azureAdSingleSignOn') ? await ssoCertificateSummary(q, account.id) : null;
  const certificate = sso && sso.state !== 'valid' ? { state: sso.state, validTo: sso.validTo } : null;
  return {
    accountId: account.id,
    integrations: rows.map((r) => {
      const d = integrationDefinition(r.integrationId);
      return {
        integrationId: r.integrationId,
        version: r.version,
        latestVersion: d.version,
        updateAvailable: r.version < d.version,
        setupDone: r.setupDone,
        needsSetup: d.setup !== 'none' && !r.setupDone,
        shownUnder: shownUnder(state.integrations, r.integrationId),
        settings: settingsView(r.integrationId, r.version, r.settings),
        addedAt: r.createdAt.toISOString(),
        ...(r.integrationId === 'cloudlinkGateway' ? { gateway } : {}),
        ...(sso && r.integrationId === sso.integrationId ? { certificate } : {}),
      };
    }),
    privileges: state.privileges,
    missingPrivileges: missingPrivileges(state),
  };
}
