import type { ReactNode } from 'react';
import { Footer } from '@/components/shell/footer';
import { Header } from '@/components/shell/header';
import { SideNav } from '@/components/shell/side-nav';
import { db } from '@/db/client';
import { requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { listMyNotifications } from '@/lib/notifications/notifications';
import { hasSubscriptionsPage } from '@/lib/orders/account-subscriptions';
import { requestIntegrationPresence } from '@/lib/shell/account-integrations';
import { navigationFor } from '@/lib/shell/navigation';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const ctx = { actor: user.actor };
  const { actor } = user;
  // Account admins see their account's integration sections and Subscriptions in the left
  // navigation (SHELL-2, ORD-4); partners reach them from the account, so only account users need these queries.
  const ownAccount = actor.kind === 'accountUser' && actor.baseRole !== 'user' ? actor.accountId : null;
  const [notifications, accountIntegrations, subscriptionsPage] = await Promise.all([
    listMyNotifications(db(), ctx),
    ownAccount ? requestIntegrationPresence(actor, ownAccount) : [],
    ownAccount ? hasSubscriptionsPage(db(), actor, ownAccount) : false,
  ]);
  const nav = navigationFor({ actor, isPasswordUser: user.isPasswordUser, devMailbox: !env().SMTP_URL, accountIntegrations, subscriptionsPage });
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
