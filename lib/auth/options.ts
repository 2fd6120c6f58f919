import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { redeemSsoTicket, SSO_TICKET_COOKIE } from '@/lib/sso/tickets';
import { env } from '@/lib/env';
import { provisionPartner } from './provision-partner';
import { verifyCredentials } from './verify-credentials';

export const PARTNER_PROVIDER_ID = 'partner-oidc';

/** Client address for rate limiting; forwarded headers count only behind a trusted proxy. */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  if (!env().TRUST_PROXY || !headers) return 'direct';
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : [headers[name]].flat()[0]) ?? undefined;
  return get('x-forwarded-for')?.split(',')[0]?.trim() || get('x-real-ip') || 'direct';
}

declare module 'next-auth' {
  interface User {
    sv?: number;
  }
  interface Session {
    uid?: string;
    sv?: number;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

function ssoTicketFrom(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const cookie = [headers?.cookie].flat()[0] ?? '';
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SSO_TICKET_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

function partnerProvider(): NextAuthOptions['providers'] {
  const e = env();
  if (!e.PARTNER_OIDC_ISSUER || !e.PARTNER_OIDC_CLIENT_ID || !e.PARTNER_OIDC_CLIENT_SECRET) return [];
  const issuer = e.PARTNER_OIDC_ISSUER.replace(/\/$/, '');
  return [
    {
      id: PARTNER_PROVIDER_ID,
      name: 'Partner sign-in',
      type: 'oauth',
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: e.PARTNER_OIDC_CLIENT_ID,
      clientSecret: e.PARTNER_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      async profile(claims: Record<string, unknown>) {
        const str = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : undefined);
        const organisation = str('org_name') ?? str('organization') ?? str('org');
        const { userId, sessionVersion } = await provisionPartner({
          issuer,
          subject: String(claims.sub),
          email: str('email') ?? '',
          name: str('name'),
          organisation,
        });
        return { id: userId, sv: sessionVersion, email: str('email'), name: str('name') };
      },
    },
  ];
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 3600 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'E-mail',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const result = await verifyCredentials(credentials, clientIp(req?.headers)).catch((e: unknown) => {
            // Not "wrong password" while the database restarts: the form says to try again shortly.
            if (isDatabaseUnavailable(e)) throw new Error('unavailable');
            throw e;
          });
          // The code reaches the sign-in form, which shows the localised message for it.
          if (!result.ok) throw new Error(result.reason);
          return { id: result.userId, sv: result.sessionVersion };
        },
      }),
      // SSO-2: the ACS verified a SAML assertion and left a single-use ticket in a cookie; the same
      // next-auth session as a password sign-in is issued for it.
      CredentialsProvider({
        id: 'sso',
        name: 'Single sign-on',
        credentials: {},
        async authorize(_credentials, req) {
          const raw = ssoTicketFrom(req?.headers);
          const userId = raw ? await redeemSsoTicket(db(), raw) : null;
          if (!userId) throw new Error('ssoExpired');
          const [user] = await db().select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
          if (!user) throw new Error('ssoExpired');
          return { id: userId, sv: user.sv };
        },
      }),
      ...partnerProvider(),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = user.sv ?? 1;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
  };
}
