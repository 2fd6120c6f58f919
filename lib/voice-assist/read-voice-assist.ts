import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { Account } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { readIntegrations } from '@/lib/integrations/account-state';
import { readSettings, type VoiceAssistRecipe } from '@/lib/integrations/settings';

export interface VoiceAssistConfiguration {
  readonly account: Account;
  readonly pilotNumber: string;
  readonly timeZone: string;
  readonly recipe: VoiceAssistRecipe;
  /** When the integration was added to the account. */
  readonly addedAt: Date;
}

/**
 * MVA-1: the Voice Assist configuration of an account in the actor's scope. It exists only once
 * the integration is added and its "Finish setup" saved (seed 3729-3766); until then, as for an
 * actor without View on integrations, it is NotFound.
 */
export async function readVoiceAssist(q: DbOrTx, actor: Actor, accountId: string): Promise<VoiceAssistConfiguration> {
  authorize(actor, 'integrations', 'view');
  const account = await getAccountInScope(q, actor, accountId);
  const { rows } = await readIntegrations(q, account);
  const row = rows.find((r) => r.integrationId === 'voiceAssist');
  if (!row?.setupDone) throw new NotFoundError();
  const { pilotNumber, timeZone, recipe } = readSettings('voiceAssist', row.version, row.settings);
  // Setup saves all three together (SETTINGS_PATCHES.voiceAssist); a row without them is not set up.
  if (!pilotNumber || !timeZone || !recipe) throw new NotFoundError();
  return { account, pilotNumber, timeZone, recipe, addedAt: row.createdAt };
}
