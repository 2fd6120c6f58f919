import type { TFunction } from 'i18next';
import type { IntegrationId, Privilege } from '@/lib/integrations/catalogue';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

/** The translated name of an integration (names are not stored; the UI translates by id). */
export function integrationName(t: TFunction, id: IntegrationId): string {
  return t(`integrations.names.${id}`);
}

export function privilegeName(t: TFunction, p: Privilege): string {
  return t(`integrations.privileges.${p}.label`);
}

/** A date of the read model (ISO 8601) in the page's language. */
export function formatDay(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** The message of a failed action, with its parameters. */
export function actionError(t: TFunction, res: { formError: string | null; fieldErrors: Record<string, string[]>; formParams?: Record<string, string | number> }): string {
  return t(res.formError ?? Object.values(res.fieldErrors)[0]?.[0] ?? 'errors.unexpected', res.formParams ?? {});
}
