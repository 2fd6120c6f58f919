// TEAMS-4 monitor form and command inputs, client-safe.
import { z } from 'zod';

export const MonitorCredentials = z.object({
  accountId: z.string().max(100),
  /** The monitor's Azure user principal name ("User name" in the dialog). */
  upn: z.string().trim().toLowerCase().min(3, 'errors.required').max(254).regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'teams.monitors.errors.upnFormat'),
  /** Write-only; empty keeps the stored one (Retry, Resync). */
  clientSecret: z.string().trim().max(1024).default(''),
});

export const AuthorizeMonitorInput = MonitorCredentials.extend({
  password: z.string().min(1, 'errors.required').max(256),
});

export const MonitorRef = z.object({ accountId: z.string().max(100), monitorId: z.uuid() });
