import type { TFunction } from 'i18next';
import Link from 'next/link';
import { Panel } from '@/components/ui/panel';
import type { CustomerServiceOverview } from '@/lib/customer-service/read-customer-service';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

/** WG-1: Mitel One Workgroups on the account, what its portal is for, and who can be an agent. */
export function WorkgroupsOverview({ t, locale, overview, usersHref }: { t: TFunction; locale: string; overview: CustomerServiceOverview; usersHref: string | null }) {
  const added = dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(overview.workgroupsAddedAt);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <Panel level={3} title={t('customerService.workgroups.title')}>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">{t('customerService.workgroups.active')}</span>
          <span>{t('customerService.workgroups.addedOn', { date: added })}</span>
        </p>
      </Panel>
      <Panel level={3} title={t('customerService.portal.title')}>
        <p className="mb-2 text-sm">{t('customerService.portal.intro')}</p>
        <ul className="flex list-disc flex-col gap-1 pl-5 text-sm">
          <li>{t('customerService.portal.workgroups')}</li>
          <li>{t('customerService.portal.agents')}</li>
          <li>{t('customerService.portal.routing')}</li>
        </ul>
      </Panel>
      <Panel level={3} title={t('customerService.agents.title')}>
        <dl className="mb-3 grid grid-cols-[14rem_1fr] gap-y-2 text-sm">
          <dt className="text-slate-500">{t('customerService.agents.registered')}</dt>
          <dd>{overview.users.registered}</dd>
          <dt className="text-slate-500">{t('customerService.agents.total')}</dt>
          <dd>{overview.users.total}</dd>
        </dl>
        <p className="text-sm text-slate-700">{t('customerService.agents.hint')}</p>
        {usersHref && (
          <Link href={usersHref} className="mt-3 inline-block text-sm font-medium text-brand-700 underline hover:text-brand-800">
            {t('customerService.agents.usersLink')}
          </Link>
        )}
      </Panel>
    </div>
  );
}
