import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { completeConsent } from '@/lib/office365/complete-consent';

/** O365-1: where Microsoft sends the Office 365 admin back after the consent prompt. */
export async function GET(request: Request) {
  const { outcome } = await completeConsent(new URL(request.url).searchParams);
  return NextResponse.redirect(`${env().APP_URL}/o365/consent-result?outcome=${outcome}`, 303);
}
