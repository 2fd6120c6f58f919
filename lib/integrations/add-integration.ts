import 'server-only';
import { accountIntegrations } from '@/db/schema';
import type { Command } from '@/lib/db/transaction';
import { integrationDefinition } from './catalogue';
import { newIntegrationRow } from './account-defaults';
import { integrationChange } from './integration-change';
import { addIntegration, type PrivilegeState } from './privileges';
import { recordIntegrationEvent, refusalError, writePrivileges } from './write-integrations-change';

/**
 * INT-1 / INT-3: adds a catalogue integration to a customer account and turns on the privileges
 * it needs. Needs Add and Delete on "Integrations & apps" (seed 2.14.6). Refused when it is
 * already there or needs the CloudLink Gateway the account lacks.
 */
export async function addAccountIntegration(command: Command<unknown>): Promise<{ privileges: PrivilegeState }> {
  const { ctx } = command;
  return integrationChange(command, async ({ tx, account, integrationId, state }) => {
    const result = addIntegration(state, integrationId);
    if (!result.ok) throw refusalError(result.reason);

    const d = integrationDefinition(integrationId);
    await tx.insert(accountIntegrations).values(newIntegrationRow(account.id, integrationId));
    await writePrivileges(tx, account.id, state.privileges, result.state.privileges);
    await recordIntegrationEvent(tx, ctx, account, {
      action: 'Create',
      integrationId,
      before: state.privileges,
      after: result.state.privileges,
      extra: { integrationId, version: d.version },
    });
    return { privileges: result.state.privileges };
  });
}
