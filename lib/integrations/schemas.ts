import { z } from 'zod';
import { INTEGRATION_IDS, PRIVILEGES } from './catalogue';

export const ListAccountIntegrationsInput = z.object({ accountId: z.string().max(100) });
export const AccountIntegrationInput = z.object({ accountId: z.string().max(100), integrationId: z.enum(INTEGRATION_IDS) });
// z.coerce would turn the string "false" into true; a form posts "true"/"false" or "on".
export const SetPrivilegeInput = z.object({
  accountId: z.string().max(100),
  privilege: z.enum(PRIVILEGES),
  enabled: z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((s) => s !== 'false')]),
});
