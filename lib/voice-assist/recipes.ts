// The Voice Assist recipes (MVA-1) as data: what each does and the call flow it runs. Pure and
// client-safe. The vendor manual names the recipe choice (seed 3742-3745) and says the chosen time
// zone decides opening and closing times (3738-3740); the flows themselves are this portal's.
import { VOICE_ASSIST_RECIPES, type VoiceAssistRecipe } from '@/lib/integrations/settings';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

export { VOICE_ASSIST_RECIPES, type VoiceAssistRecipe };

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Weekly opening hours in the recipe's time zone: [start, end) as "HH:MM" wall-clock times. */
export interface OpeningHours {
  readonly days: readonly IsoWeekday[];
  readonly start: string;
  readonly end: string;
}

/** One step of the call flow; `when` limits it to calls inside or outside the opening hours. */
export interface RoutingStep {
  readonly id: string;
  readonly when?: 'open' | 'closed';
}

export interface RecipeDefinition {
  readonly id: VoiceAssistRecipe;
  /** Null: the recipe answers around the clock. */
  readonly hours: OpeningHours | null;
  readonly steps: readonly RoutingStep[];
}

export const RECIPES: Readonly<Record<VoiceAssistRecipe, RecipeDefinition>> = {
  autoAttendant: {
    id: 'autoAttendant',
    hours: null,
    steps: [{ id: 'arrive' }, { id: 'greeting' }, { id: 'menu' }, { id: 'transfer' }, { id: 'fallback' }],
  },
  businessHours: {
    id: 'businessHours',
    hours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' },
    steps: [
      { id: 'arrive' },
      { id: 'checkHours' },
      { id: 'greeting', when: 'open' },
      { id: 'menu', when: 'open' },
      { id: 'closedMessage', when: 'closed' },
      { id: 'voicemail', when: 'closed' },
    ],
  },
  speechDirectory: {
    id: 'speechDirectory',
    hours: null,
    steps: [{ id: 'arrive' }, { id: 'askName' }, { id: 'recognise' }, { id: 'confirm' }, { id: 'fallback' }],
  },
};

export function recipeDefinition(id: VoiceAssistRecipe): RecipeDefinition {
  return RECIPES[id];
}

const WEEKDAYS: Readonly<Record<string, IsoWeekday>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The weekday and minutes since midnight of an instant on the wall clocks of a time zone. */
export function wallClock(date: Date, timeZone: string): { weekday: IsoWeekday; minutes: number } {
  const parts = dateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = WEEKDAYS[part('weekday')];
  if (!weekday) throw new Error(`Unexpected weekday for ${timeZone}`);
  return { weekday, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether the recipe routes a call arriving at `date` as "open". Opening hours are wall-clock
 * times, so the same UTC instant is open or closed depending on the zone and its daylight saving.
 */
export function isOpenAt(recipe: VoiceAssistRecipe, date: Date, timeZone: string): boolean {
  const { hours } = RECIPES[recipe];
  if (!hours) return true;
  const { weekday, minutes } = wallClock(date, timeZone);
  return hours.days.includes(weekday) && minutes >= toMinutes(hours.start) && minutes < toMinutes(hours.end);
}
