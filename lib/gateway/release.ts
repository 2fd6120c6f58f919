/**
 * The gateway software the portal offers (GW-1 "software update available", SUP-4 "update the
 * system version"). Operators set GATEWAY_LATEST_VERSION when a new release is published.
 */
export function latestGatewayVersion(): string {
  const v = process.env.GATEWAY_LATEST_VERSION?.trim();
  return v && /^\d{1,4}\.\d{1,4}\.\d{1,6}$/.test(v) ? v : '1.5.0';
}
