import { handleGraphPost } from '@/lib/teams/monitors/notification-route';

/** TEAMS-4: Microsoft Graph change notifications for presence subscriptions. */
export async function POST(request: Request) {
  return handleGraphPost(request, 'change');
}
