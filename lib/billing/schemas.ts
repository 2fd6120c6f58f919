import { z } from 'zod';

/** A new API key (its name): the "Create key" form and createApiKey validate with it. */
export const CreateKeyForm = z.object({
  name: z.string().trim().min(1, 'billing.apiKeys.errors.name').max(80, 'billing.apiKeys.errors.name'),
});
export type CreateKeyForm = z.infer<typeof CreateKeyForm>;
