'use client';

import { readTeamsSetupAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import type { TeamsSetupRead } from '@/lib/teams/read-teams-setup';
import { useAccountRead } from './use-account-read';

/** The connection, its sync figures, and what TEAMS-4 needs: monitor count, gateway, MiVoice Business. */
export type TeamsSetup = TeamsSetupRead;

/** The account's Teams connection and sync figures (TEAMS-1/2, and TEAMS-4's monitor count, gateway and MiVB). */
export function useTeamsSetup(accountId: string, enabled = true) {
  return useAccountRead(readTeamsSetupAction, accountId, enabled);
}
