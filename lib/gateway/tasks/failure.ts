import 'server-only';
import { GatewayCommandError, GatewayOfflineError } from '@/lib/adapters/pbx';
import { DomainError } from '@/lib/errors';

/** Gateway error codes the UI explains (protocol §3); any other shows its code. */
const KNOWN = {
  pbx_auth_failed: 'pbxAuthFailed',
  pbx_unreachable: 'pbxUnreachable',
  pbx_type_mismatch: 'pbxTypeMismatch',
  pbx_not_configured: 'pbxNotConfigured',
  unknown_extension: 'unknownExtension',
  snapshot_unknown: 'gatewayRestarted',
} as const;

/** What went wrong, as a message key that also says what to do, and its parameters. */
export function failureOf(e: unknown): { key: string; params: Record<string, string | number> } | null {
  if (e instanceof GatewayOfflineError) return { key: 'gateway.errors.offline', params: {} };
  if (e instanceof GatewayCommandError) {
    const known = KNOWN[e.code as keyof typeof KNOWN];
    return known ? { key: `gateway.errors.${known}`, params: {} } : { key: 'gateway.errors.gatewayRefused', params: { code: e.code.slice(0, 60) } };
  }
  if (e instanceof DomainError) return { key: e.messageKey, params: e.params };
  return null;
}
