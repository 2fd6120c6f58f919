import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accountIntegrations } from '@/db/schema';
import type { Command } from '@/lib/db/transaction';
import { revokesMiteamLicences } from '@/lib/licences/display';
import { revokeAllMiteamLicences } from '@/lib/licences/apply-licences';
import { releaseGateway } from '@/lib/gateway/release-gateway';
import { releaseIdentityIntegration } from '@/lib/sso/release-identity-integration';
import { releaseMicrosoftIntegration } from '@/lib/teams/release-microsoft-integration';
import { integrationChange } from './integration-change';
import { removeIntegration, type PrivilegeState } from './privileges';
import { recordIntegrationEvent, refusalError, writePrivileges } from './write-integrations-change';

/**
 * INT-3: removes an integration from a customer account; each privilege it needed goes off unless
 * a remaining integration needs it. Needs Add and Delete on "Integrations & apps" (seed 2.14.6).
 * The UI asks for confirmation first; the command itself does not.
 */
export async function removeAccountIntegration(command: Command<unknown>): Promise<{ privileges: PrivilegeState }> {
  const { ctx } = command;
  return integrationChange(command, async ({ tx, account, integrationId, state, rows }) => {
    const result = removeIntegration(state, integrationId);
    if (!result.ok) throw refusalError(result.reason);

    const removed = rows.find((r) => r.integrationId === integrationId)!;
    await tx.delete(accountIntegrations).where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, integrationId)));
    await writePrivileges(tx, account.id, state.privileges, result.state.privileges);
    // MTM-2: without MiCollab managing them, MiTeam Meetings licences go with the integration.
    // GW-5: the gateway is detached and returned to factory settings by a job.
    const gatewayReset = integrationId === 'cloudlinkGateway' ? await releaseGateway(tx, account) : null;
    // SSO-1 / SCIM-1: the SAML connection or the SCIM token stops working with its integration.
    await releaseIdentityIntegration(tx, account.id, integrationId);
    await releaseMicrosoftIntegration(tx, account.id, integrationId);
    const revoked = integrationId === 'miteamMeetings' && revokesMiteamLicences(result.state.integrations) ? await revokeAllMiteamLicences(tx, ctx, account) : 0;
    await recordIntegrationEvent(tx, ctx, account, {
      action: 'Delete',
      integrationId,
      before: state.privileges,
      after: result.state.privileges,
      extra: { integrationId, version: removed.version, setupDone: removed.setupDone, ...(revoked ? { licencesRevoked: revoked } : {}), ...(gatewayReset ? { gatewayReset } : {}) },
    });
    return { privileges: result.state.privileges };
  });
}
