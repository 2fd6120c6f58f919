import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
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
