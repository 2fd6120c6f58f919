// Pure (no server-only): the integration row shows whether the gateway is online.

/** A gateway that has not polled for this long is offline (protocol §3). */
export const OFFLINE_AFTER_MS = 90_000;

export function isOnline(lastSeenAt: Date | null, now = Date.now()): boolean {
  return !!lastSeenAt && now - lastSeenAt.getTime() < OFFLINE_AFTER_MS;
}
