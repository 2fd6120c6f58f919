// Labels of the Teams presence values the server stores as plain strings (GraphError kinds, match
// states, CloudLink presences, pushed actions). A value this version does not know is shown as it
// is rather than as a missing translation key.
import type { TFunction } from 'i18next';
import { CLOUDLINK_PRECEDENCE, PRESENCE_SOURCE_KINDS } from '@/lib/presence/cloudlink';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

/** lib/adapters/graph's GraphErrorKind (server-only there), plus the pusher's own holds. */
const REASONS = [
  'tenantNotFound',
  'clientNotFound',
  'invalidSecret',
  'secretExpired',
  'invalidGrant',
  'passwordChanged',
  'consentMissing',
  'notFound',
  'invalidRequest',
  'throttled',
  'unavailable',
  'notConfigured',
  'noAnswer',
] as const;
const MATCHES = ['matched', 'notInAzure', 'ambiguous', 'noEmail'] as const;
const LINE_STATES = ['idle', 'ringing', 'busy', 'held', 'unavailable'] as const;
const PBX_PRESENCES = ['available', 'away', 'busy', 'doNotDisturb', 'offline', 'absent', 'meeting', 'notAvailable'] as const;
const TEAMS_AVAILABILITIES = ['Available', 'AvailableIdle', 'Away', 'BeRightBack', 'Busy', 'BusyIdle', 'DoNotDisturb', 'Offline', 'PresenceUnknown'] as const;
/** `teams_presence_users.pushed_action` (lib/teams/desired-presence actionKey) → its label's key. */
const PUSHED: Record<string, string> = {
  clear: 'clear',
  'set:Busy:InACall': 'busyInACall',
  'set:Away:Away': 'away',
  'set:DoNotDisturb:Presenting': 'doNotDisturb',
};

const isOneOf = <V extends string>(list: readonly V[], v: string | null | undefined): v is V => v != null && (list as readonly string[]).includes(v);

export function reasonLabel(t: TFunction, kind: string | null | undefined): string {
  return isOneOf(REASONS, kind) ? t(`teams.reasons.${kind}`) : (kind ?? '');
}

export function presenceLabel(t: TFunction, presence: string | null | undefined): string {
  return isOneOf(CLOUDLINK_PRECEDENCE, presence) ? t(`teams.presences.${presence}`) : (presence ?? t('teams.presences.none'));
}

/** "Busy — decided by the phone line" (dialog) or, `short`, "Busy · phone line" (table). */
export function explainPresence(t: TFunction, presence: string | null, decidedBy: string | null, short = false): string {
  const label = presenceLabel(t, presence);
  if (!isOneOf(PRESENCE_SOURCE_KINDS, decidedBy)) return label;
  return short ? `${label} · ${t(`teams.sources.${decidedBy}`)}` : t('teams.explain', { presence: label, source: t(`teams.decidedBy.${decidedBy}`) });
}

/** What our application session makes Teams show, or that there is none. */
export function pushedLabel(t: TFunction, action: string | null): string {
  if (action === null) return t('teams.pushed.nothing');
  const key = PUSHED[action];
  return key ? t(`teams.pushed.${key}`) : action;
}

export function matchLabel(t: TFunction, match: string | null, upn: string | null): string {
  if (match === 'matched') return upn ? t('teams.match.matchedAs', { upn }) : t('teams.match.matched');
  return isOneOf(MATCHES, match) ? t(`teams.match.${match}`) : (match ?? t('teams.match.none'));
}

export function lineStateLabel(t: TFunction, state: string | null): string {
  return isOneOf(LINE_STATES, state) ? t(`teams.lineStates.${state}`) : (state ?? t('teams.report.unknown'));
}

export function pbxPresenceLabel(t: TFunction, presence: string | null): string {
  return isOneOf(PBX_PRESENCES, presence) ? t(`teams.pbxPresences.${presence}`) : (presence ?? t('teams.report.unknown'));
}

export function teamsAvailabilityLabel(t: TFunction, availability: string): string {
  return isOneOf(TEAMS_AVAILABILITIES, availability) ? t(`teams.availabilities.${availability}`) : availability;
}

/** Full sentences for a presence monitor's status reason (TEAMS-4): GraphError kinds, the link's outcomes, Azure's OAuth errors. */
const MONITOR_REASONS = [
  'invalidGrant',
  'passwordChanged',
  'invalidSecret',
  'secretExpired',
  'consentMissing',
  'tenantNotFound',
  'clientNotFound',
  'notFound',
  'invalidRequest',
  'throttled',
  'unavailable',
  'needsUpdate',
  'awaitingAdmin',
  'wrongUser',
  'accessDenied',
  'noCode',
] as const;
const MONITOR_ALIASES: Record<string, string> = { tenantOrClientChanged: 'needsUpdate', access_denied: 'accessDenied', consent_required: 'consentMissing' };

/** Why a monitor is not (or no longer) authorised; a monitor still authorised for an old tenant or app "needs update". */
export function monitorReasonLabel(t: TFunction, reason: string | null, status?: string): string {
  const key = reason ? (MONITOR_ALIASES[reason] ?? reason) : status === 'needsUpdate' ? 'needsUpdate' : null;
  if (!key) return '';
  return isOneOf(MONITOR_REASONS, key) ? t(`teams.monitors.reasons.${key}`) : t('teams.monitors.reasons.other', { reason });
}

/** Graph's last status for a user; a 404 on clearing means Teams had no session of ours: nothing to clear. */
export function graphStatusLabel(t: TFunction, status: number, pushedAction: string | null): string {
  return status === 404 && pushedAction === 'clear' ? t('teams.report.nothingToClear') : t('teams.report.graphStatus', { status });
}

export function formatDateTime(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

const relative = new Map<string, Intl.RelativeTimeFormat>();
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 365],
];

/** "3 minutes ago" in the page's language; a year or more shows the date. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  let format = relative.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relative.set(locale, format);
  }
  let value = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return formatDateTime(iso, locale);
}
