import type { ReactNode } from 'react';
import { Footer } from '@/components/shell/footer';
import { Header } from '@/components/shell/header';
import { SideNav } from '@/components/shell/side-nav';
import { db } from '@/db/client';
import { requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { listMyNotifications } from '@/lib/notifications/notifications';
import { integrationPresence } from '@/lib/shell/account-integrations';
import { navigationFor } from '@/lib/shell/navigation';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const ctx = { actor: user.actor };
  const { actor } = user;
  // Account admins see their account's integration sections in the left navigation (SHELL-2);
  // partners get them as account tabs, so only account users need this query.
  const [notifications, accountIntegrations] = await Promise.all([
    listMyNotifications(db(), ctx),
    actor.kind === 'accountUser' && actor.accountId && actor.baseRole !== 'user' ? integrationPresence(db(), actor, actor.accountId) : [],
  ]);
  const nav = navigationFor({ actor, isPasswordUser: user.isPasswordUser, devMailbox: !env().SMTP_URL, accountIntegrations });
  return (
    <div className="flex min-h-screen flex-col">
      <Header
        userName={user.actor.name}
        email={user.email}
        organisationName={user.organisationName}
        canSwitchAccounts={user.actor.kind === 'partner'}
        isPasswordUser={user.isPasswordUser}
        notifications={notifications.map((n) => ({ id: n.id, status: n.status, titleKey: n.titleKey, params: n.params, details: n.details, progress: n.progress, createdAt: n.createdAt.toISOString() }))}
      />
      <div className="flex flex-1">
        <SideNav items={nav} />
        <main id="main" className="flex-1 px-8 py-6">
          {children}
        </main>
      </div>
      <Footer />
    </div>
  );
}
