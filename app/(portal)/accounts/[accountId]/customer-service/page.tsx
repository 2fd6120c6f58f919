import type { Metadata } from 'next';
import { WorkgroupsOverview } from '@/components/customer-service/workgroups-overview';
import { db } from '@/db/client';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { readCustomerService } from '@/lib/customer-service/read-customer-service';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('customerService.title') };
}

/** WG-1: the Customer service section Mitel One Workgroups brings to the account console. */
export default async function CustomerServicePage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  const overview = await orNotFound(readCustomerService(db(), user.actor, accountId));
  const locale = await currentLocale();
  const t = translator(locale);
  return (
    <section aria-labelledby="customer-service-heading" className="flex flex-col gap-4">
      <h2 id="customer-service-heading" className="text-xl font-semibold">
        {t('customerService.title')}
      </h2>
      <WorkgroupsOverview
        t={t}
        locale={locale}
        overview={overview}
        usersHref={can(user.actor, 'users', 'view') ? `/accounts/${overview.account.id}/users` : null}
      />
    </section>
  );
}
