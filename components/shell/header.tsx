'use client';

import { useT } from '@/components/i18n-provider';
import { AccountSwitcher } from './account-switcher';
import { NotificationBell, type BellItem } from './notification-bell';
import { UserMenu } from './user-menu';

interface Props {
  userName: string;
  email: string;
  organisationName: string;
  canSwitchAccounts: boolean;
  isPasswordUser: boolean;
  notifications: BellItem[];
}

/** SHELL-3: product, account name, account search (partners), notifications and the user menu. */
export function Header({ userName, email, organisationName, canSwitchAccounts, isPasswordUser, notifications }: Props) {
  const t = useT();
  return (
    <header className="flex items-center gap-4 bg-brand-900 px-6 py-2 text-white">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t('header.skip')}
      </a>
      <p className="text-lg font-semibold">{t('app.name')}</p>
      <p className="text-sm text-brand-100">{organisationName}</p>
      <div className="ml-auto flex items-center gap-3">
        {canSwitchAccounts && <AccountSwitcher />}
        <NotificationBell initial={notifications} />
        <UserMenu name={userName} email={email} isPasswordUser={isPasswordUser} />
      </div>
    </header>
  );
}
