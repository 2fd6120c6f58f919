import type { TFunction } from 'i18next';
import type { VoiceAssistConfiguration } from '@/lib/voice-assist/read-voice-assist';

/** What every Voice Assist section renders from: the saved configuration, read once per request. */
export interface VoiceAssistSectionProps {
  t: TFunction;
  locale: string;
  config: VoiceAssistConfiguration;
  /** The request time, so "open now" and "local time" agree on one page. */
  now: Date;
}
