import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatDateTime, reasonLabel } from '@/components/integrations/microsoft/labels';
import { Alert } from '@/components/ui/alert';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';
import { listPresenceHealth, PRESENCE_HEALTH_FILTERS, PresenceHealthQuery } from '@/lib/teams/list-presence-health';
import { readTeamsSetup } from '@/lib/teams/read-teams-setup';
import { PresenceHealthList } from './client';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('teams.health.title') };
}

/**
 * Beyond TEAMS-2 "Microsoft Teams presence": every synced user's match, computed presence, last
 * write and Graph's answer. Needs the Integrations "configure" rights; anything else is a 404.
 */
export default async function TeamsPresencePage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { accountId } = await params;
  const user = await requireUser();
  if (!can(user.actor, 'integrations', 'view')) notFound();
  const query = PresenceHealthQuery.parse(firstValues(await searchParams));
  const [page, { setup, figures }] = await Promise.all([
    orNotFound(listPresenceHealth(user.actor, accountId, query)),
    orNotFound(readTeamsSetup(user.actor, accountId)),
  ]);
  const locale = await currentLocale();
  const t = translator(locale);
  const integrations = `/accounts/${accountId}/integrations`;

  return (
    <section aria-labelledby="teams-presence-heading" className="flex flex-col gap-4">
      <nav aria-label={t('teams.health.breadcrumb')} className="text-sm">
        <Link href={integrations} className="text-brand-700 underline hover:text-brand-900">
          <span aria-hidden>← </span>
          {t('integrations.title')}
        </Link>
      </nav>
      <h2 id="teams-presence-heading" className="text-xl font-semibold">
        {t('teams.health.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('teams.health.intro')}</p>
      {!setup?.syncToTeams && <Alert tone="info">{t('teams.health.syncOff')}</Alert>}
      {setup?.backoffUntil && (
        <Alert tone="info">
          {t('teams.features.backoff', { time: formatDateTime(setup.backoffUntil, locale), reason: reasonLabel(t, setup.backoffReason ?? 'unavailable') })}
        </Alert>
      )}
      <PresenceHealthList
        rows={page.rows}
        total={page.total}
        nextCursor={page.nextCursor}
        query={query.q}
        filter={query.filter}
        filters={PRESENCE_HEALTH_FILTERS}
        figures={figures}
      />
    </section>
  );
}
