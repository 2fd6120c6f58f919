// TEAMS-1 form and command input, client-safe: the dialog validates with the same schema.
import { z } from 'zod';

/** Azure's Directory (tenant) ID and Application (client) ID are GUIDs. */
const guid = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message)
    .transform((v) => v.toLowerCase());

export const ConfigureTeamsInput = z.object({
  accountId: z.string().max(100),
  name: z.string().trim().min(1, 'errors.required').max(200),
  tenantId: guid('teams.errors.tenantFormat'),
  clientId: guid('teams.errors.clientFormat'),
  /** Write-only: empty keeps the stored secret (the gear's "replace an expiring secret" sends a new one). */
  clientSecret: z.string().trim().max(1024).default(''),
});
export type ConfigureTeamsValues = z.input<typeof ConfigureTeamsInput>;

export const SetTeamsSyncInput = z.object({
  accountId: z.string().max(100),
  enabled: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});
