import de from '@/messages/de.json';
import en from '@/messages/en.json';
import es from '@/messages/es.json';
import fr from '@/messages/fr.json';
import it from '@/messages/it.json';
import nl from '@/messages/nl.json';
import type { Locale } from './config';

export type Messages = typeof en;
export const MESSAGES: Record<Locale, Messages> = { en, nl, fr, it, de, es };
