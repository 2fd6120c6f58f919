import { handleGraphPost } from '@/lib/teams/monitors/notification-route';

/** TEAMS-4: Microsoft Graph lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed). */
export async function POST(request: Request) {
  return handleGraphPost(request, 'lifecycle');
}
