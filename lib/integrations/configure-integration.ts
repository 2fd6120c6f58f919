import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accountIntegrations } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import { sealSecret } from '@/lib/crypto/secret-box';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { getAccountInScope } from '@/lib/accounts/scope';
import { INTEGRATION_IDS, integrationDefinition } from './catalogue';
import { lockIntegrations } from './account-state';
import { isConfigurable, readSettings, SETTINGS_PATCHES, type ConfigurableIntegration, type IntegrationSettings } from './settings';
import { settingsView } from './settings-view';
import { recordIntegrationEdit } from './write-integrations-change';

const ConfigureInput = z.object({ accountId: z.string().max(100), integrationId: z.enum(INTEGRATION_IDS), settings: z.unknown() });

/**
 * SUP-5, M1-1, MTM-3, MVA-1, MICOLLAB-1: saves an integration's settings, or finishes its setup
 * (Voice Assist). Needs Add or Edit on "Integrations & apps" (seed 2.14.6). Secrets are sealed
 * before they are stored (INT-5); the audit event and the result carry only their status.
 */
export async function configureAccountIntegration({ ctx, input }: Command<unknown>) {
  const parsed = ConfigureInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const { accountId, integrationId } = parsed.data;
  // Third-party integrations are configured by their own wizards (later features), not here.
  if (!isConfigurable(integrationId)) throw new ConflictError('errors.integrations.notConfigurable');
  const patch = SETTINGS_PATCHES[integrationId].safeParse(parsed.data.settings);
  if (!patch.success) throw validationFromZod(patch.error);

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const { rows } = await lockIntegrations(tx, account);
    const row = rows.find((r) => r.integrationId === integrationId);
    if (!row) throw new ConflictError('errors.integrations.notAdded');

    const current = readSettings(integrationId, row.version, row.settings);
    const next = applyPatch(integrationId, current, patch.data as Record<string, unknown>);
    const setupDone = row.setupDone || integrationDefinition(integrationId).setup === 'finishSetup';
    const before = settingsView(integrationId, row.version, row.settings);
    const after = settingsView(integrationId, row.version, next as unknown as Record<string, unknown>);
    if (JSON.stringify(before) === JSON.stringify(after) && setupDone === row.setupDone && !('password' in patch.data && patch.data.password)) {
      return { settings: after, setupDone };
    }
    await tx
      .update(accountIntegrations)
      .set({ settings: next as unknown as Record<string, unknown>, setupDone, updatedAt: new Date() })
      .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, integrationId)));
    await recordIntegrationEdit(tx, ctx, account, integrationId, {
      before: { setupDone: row.setupDone, settings: before },
      after: { setupDone, settings: after },
    });
    return { settings: after, setupDone };
  });
}

function applyPatch(
  id: ConfigurableIntegration,
  current: IntegrationSettings[ConfigurableIntegration],
  patch: Record<string, unknown>,
): IntegrationSettings[ConfigurableIntegration] {
  const { confirmed: _confirmed, password, features, ...rest } = patch;
  const next: Record<string, unknown> = { ...current, ...rest };
  if (id === 'mitelOne' && features) {
    const mitelOne = current as IntegrationSettings['mitelOne'];
    // A feature the installed version does not have yet cannot be switched on (INT-4 brings it).
    const known = Object.fromEntries(Object.entries(features as object).filter(([f]) => f in mitelOne.features));
    if (Object.keys(known).length !== Object.keys(features as object).length) throw new ConflictError('errors.integrations.featureNeedsUpdate', {});
    next.features = { ...mitelOne.features, ...known };
  }
  if (id === 'micollab' && typeof password === 'string') next.password = { sealed: sealSecret(password), setAt: new Date().toISOString() };
  return next as unknown as IntegrationSettings[ConfigurableIntegration];
}
