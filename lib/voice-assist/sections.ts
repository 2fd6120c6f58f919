/** The Voice Assist sub-pages of the account console (seed 3769-3775), in menu order. */
export const VOICE_ASSIST_SECTIONS = ['about', 'routing', 'numbers', 'help'] as const;
export type VoiceAssistSection = (typeof VOICE_ASSIST_SECTIONS)[number];

/** The section a `[[...section]]` route addresses: none is About; anything else is not a page. */
export function voiceAssistSection(segments: readonly string[] | undefined): VoiceAssistSection | null {
  if (!segments || segments.length === 0) return 'about';
  const [first, ...rest] = segments;
  // About is the bare /voice-assist, so one page has one address.
  if (rest.length > 0 || first === 'about') return null;
  return VOICE_ASSIST_SECTIONS.find((s) => s === first) ?? null;
}

export function voiceAssistHref(accountId: string, section: VoiceAssistSection): string {
  return section === 'about' ? `/accounts/${accountId}/voice-assist` : `/accounts/${accountId}/voice-assist/${section}`;
}
