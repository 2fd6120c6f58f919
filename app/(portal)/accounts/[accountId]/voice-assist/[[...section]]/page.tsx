import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AboutSection } from '@/components/voice-assist/about-section';
import { HelpSection } from '@/components/voice-assist/help-section';
import { NumbersSection } from '@/components/voice-assist/numbers-section';
import { RoutingSection } from '@/components/voice-assist/routing-section';
import { SectionNav } from '@/components/voice-assist/section-nav';
import { db } from '@/db/client';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { readVoiceAssist } from '@/lib/voice-assist/read-voice-assist';
import { VOICE_ASSIST_SECTIONS, voiceAssistHref, voiceAssistSection } from '@/lib/voice-assist/sections';

type Params = Promise<{ accountId: string; section?: string[] }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = translator(await currentLocale());
  const section = voiceAssistSection((await params).section) ?? 'about';
  return { title: `${t(`voiceAssist.sections.${section}`)} · ${t('voiceAssist.title')}` };
}

/**
 * MVA-1: the Voice Assist pages of an account (About, Routing, Numbers, Help; seed 3764-3775),
 * there once the integration is set up. Everything shown is the account's saved configuration.
 */
export default async function VoiceAssistPage({ params }: { params: Params }) {
  const { accountId, section: segments } = await params;
  const section = voiceAssistSection(segments);
  if (!section) notFound();
  const user = await requireUser();
  const config = await orNotFound(readVoiceAssist(db(), user.actor, accountId));
  const locale = await currentLocale();
  const t = translator(locale);
  const now = new Date();
  const sectionProps = { t, locale, config, now };
  return (
    <section aria-labelledby="voice-assist-heading" className="flex flex-col gap-4">
      <h2 id="voice-assist-heading" className="text-xl font-semibold">
        {t('voiceAssist.title')}
      </h2>
      <div className="flex flex-col gap-6 md:flex-row">
        <SectionNav
          label={t('voiceAssist.sections.label')}
          items={VOICE_ASSIST_SECTIONS.map((s) => ({ href: voiceAssistHref(config.account.id, s), label: t(`voiceAssist.sections.${s}`), current: s === section }))}
        />
        <div className="min-w-0 max-w-3xl flex-1">
          {section === 'about' && <AboutSection {...sectionProps} />}
          {section === 'routing' && <RoutingSection {...sectionProps} />}
          {section === 'numbers' && <NumbersSection {...sectionProps} />}
          {section === 'help' && <HelpSection {...sectionProps} />}
        </div>
      </div>
    </section>
  );
}
