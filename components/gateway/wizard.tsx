'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { gatewayWizardAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import type { GatewayWizardView } from '@/lib/gateway/read-gateway';
import type { BulkStatus } from '@/lib/users/bulk-status';
import { ClaimStep } from './claim-step';
import { ConnectStep } from './connect-step';
import { DeploymentStep } from './deployment-step';
import { GatewayStatusLine } from './status-line';
import { PbxStep } from './pbx-step';
import { SiteStep } from './site-step';
import { pageOf, pagesFor, type WizardPage } from './steps';
import { TaskProgress } from './task-progress';

/** While no gateway is linked the page looks again this often, so an announced gateway's claim shows at once. */
const REFRESH_MS = 3000;
const LIVE_MS = 10_000;

/**
 * GW-1 / GW-2: the onboarding wizard. Each step's Next is a command that starts a job; the page
 * follows the job's progress and then shows the step the gateway has reached.
 */
export function GatewayWizard({ initial, canConfigure }: { initial: GatewayWizardView; canConfigure: boolean }) {
  const t = useT();
  const [view, setView] = useState(initial);
  const [page, setPage] = useState<WizardPage>(pageOf(initial.status.step));
  const [task, setTask] = useState<string | null>(null);
  const [done, setDone] = useState<BulkStatus | null>(null);
  const { account, gateway, status } = view;
  const reached = pagesFor(gateway?.platform ?? null).indexOf(pageOf(status.step));
  const pages = pagesFor(gateway?.platform ?? null);

  const reload = useCallback(async (follow: boolean) => {
    const res = await gatewayWizardAction(account.id);
    if (!res.ok) return;
    setView(res.data);
    if (follow) setPage(pageOf(res.data.status.step));
  }, [account.id]);

  // Before a gateway is linked the page follows it to the next step; after, it keeps the figures
  // (online, line states) live without moving the admin off the page being read.
  const linked = gateway !== null;
  useEffect(() => {
    if (task) return;
    const timer = setInterval(() => void reload(!linked), linked ? LIVE_MS : REFRESH_MS);
    return () => clearInterval(timer);
  }, [linked, task, reload]);

  const started = (id: string) => {
    setDone(null);
    setTask(id);
  };
  const finished = (s: BulkStatus) => {
    setDone(s);
    // After Connect or Sync now the page stays: it shows the sync's warnings, the schedule and Next.
    void reload(s.status === 'success' && page !== 'connect' && page !== 'deployment');
  };

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <Link href={`/accounts/${account.id}/integrations`} className="self-start text-sm text-brand-700 underline">
        {t('gateway.back', { account: account.name })}
      </Link>
      <div className="flex flex-col gap-1">
        <h2 className="text-xl font-semibold">{t('gateway.title')}</h2>
        <GatewayStatusLine status={status} />
      </div>
      {gateway && (
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">{t('gateway.info.hardwareId')}</dt>
          <dd className="font-mono">{gateway.hardwareId}</dd>
          <dt className="text-slate-500">{t('gateway.info.model')}</dt>
          <dd>{t(`gateway.models.${gateway.model}`)} · {t(`gateway.platforms.${gateway.platform}`)}</dd>
          <dt className="text-slate-500">{t('gateway.info.version')}</dt>
          <dd>{gateway.softwareVersion}</dd>
          <dt className="text-slate-500">{t('gateway.info.users')}</dt>
          <dd>{gateway.pbxUsers}</dd>
          <dt className="text-slate-500">{t('gateway.info.lineStates')}</dt>
          <dd>{gateway.lineStates}</dd>
        </dl>
      )}
      <nav aria-label={t('gateway.stepsLabel')}>
        <ol className="flex flex-wrap gap-2">
          {pages.map((p, i) => (
            <li key={p}>
              <button
                type="button"
                onClick={() => setPage(p)}
                disabled={i > reached || !!task}
                aria-current={p === page ? 'step' : undefined}
                className={`rounded-full border px-3 py-1 text-sm ${p === page ? 'border-brand-600 bg-brand-50 font-semibold text-brand-900' : 'border-slate-300'} disabled:text-slate-400`}
              >
                {i + 1}. {t(`gateway.pages.${p}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {task && <TaskProgress notificationId={task} onFinished={finished} onClose={() => setTask(null)} />}
      {!task && done?.status === 'success' && <Alert tone="success">{t(done.titleKey, done.params)}</Alert>}
      <section aria-label={t(`gateway.pages.${page}`)} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h3 className="mb-4 text-base font-semibold">{t(`gateway.pages.${page}`)}</h3>
        {page === 'claim' &&
          (gateway ? <p className="text-sm text-slate-700">{t('gateway.claim.linked', { hardwareId: gateway.hardwareId })}</p> : <ClaimStep accountId={account.id} canConfigure={canConfigure} onClaimed={() => void reload(true)} />)}
        {gateway && page === 'site' && <SiteStep accountId={account.id} site={gateway.site} companyAddress={account.address} canConfigure={canConfigure && !task} onStarted={started} />}
        {gateway && page === 'pbx' && <PbxStep accountId={account.id} pbx={gateway.pbx} canConfigure={canConfigure && !task} onStarted={started} />}
        {gateway && page === 'connect' && (
          <ConnectStep accountId={account.id} gateway={gateway} connected={reached >= pages.indexOf('deployment')} canConfigure={canConfigure && !task} onStarted={started} onNext={() => setPage('deployment')} />
        )}
        {gateway && page === 'deployment' && <DeploymentStep accountId={account.id} gateway={gateway} setupDone={view.setupDone} canConfigure={canConfigure && !task} onStarted={started} />}
      </section>
    </div>
  );
}
