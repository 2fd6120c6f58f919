// SSO-1 form and command input, client-safe: the dialog validates with the same schema.
import { z } from 'zod';

export const SSO_INTEGRATIONS = ['singleSignOn', 'azureAdSingleSignOn'] as const;
export type SsoIntegration = (typeof SSO_INTEGRATIONS)[number];

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      return ['https:', 'http:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'sso.errors.url');

export const ConfigureSsoInput = z.object({
  accountId: z.string().max(100),
  integrationId: z.enum(SSO_INTEGRATIONS),
  idpEntityId: z.string().trim().min(1, 'errors.required').max(1024),
  ssoUrl: httpUrl,
  /** One or more PEM certificates pasted one after another. */
  certificates: z.string().trim().min(1, 'sso.errors.certificateMissing').max(64 * 1024),
  mitelCredentials: z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((v) => v !== 'false')]).default(false),
});
export type ConfigureSsoValues = z.input<typeof ConfigureSsoInput>;
