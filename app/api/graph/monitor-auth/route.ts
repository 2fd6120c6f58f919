import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { completeMonitorLink } from '@/lib/teams/monitors/monitor-link';

/** TEAMS-4 "Copy URL": Azure sends the monitor's sign-in back here. */
export async function GET(request: Request) {
  const outcome = await completeMonitorLink(new URL(request.url).searchParams);
  return NextResponse.redirect(`${env().APP_URL}/teams/monitor-result?outcome=${outcome}`, 303);
}
