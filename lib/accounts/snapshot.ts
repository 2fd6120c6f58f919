import 'server-only';
import type { Account } from '@/db/schema';

/** The fields of an account that the audit trail records (EVT-1 before / after). */
export function accountSnapshot(account: Account): Record<string, unknown> {
  return {
    name: account.name,
    status: account.status,
    country: account.country,
    province: account.province,
    address: account.address,
    city: account.city,
    postalCode: account.postalCode,
    defaultLanguage: account.defaultLanguage,
    businessType: account.businessType,
    cloudLocation: account.cloudLocation,
    bandwidthOptimisation: account.bandwidthOptimisation,
  };
}

/** Form text as stored: surrounding blanks trimmed by the schema, an empty field as NULL. */
export function blankToNull(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === '' ? null : value;
}
